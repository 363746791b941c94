package com.zoomfactor.backend.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zoomfactor.backend.app.ZoomFactorServer;
import com.zoomfactor.backend.config.AppConfig;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveClient;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.TestDatabase;
import com.zoomfactor.backend.testing.TestPaths;
import com.zoomfactor.backend.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The links the server hands out never come from the request's Host or forwarded headers. */
class PublicLinksTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final String[][] FORGED = {
            {"Host", "evil.example"}, {"X-Forwarded-Host", "evil.example"}, {"Forwarded", "host=evil.example;proto=https"}};

    private static JsonObject invite(Http http, Session owner, String header, String value) {
        HttpResponse<Buffer> invited = http.callWithHeaders(HttpMethod.POST, "/api/members/invitations",
                owner.accessToken(), new JsonObject().put("email", Accounts.uniqueEmail("guest")).put("role", "viewer"),
                header, value);
        assertThat(invited.statusCode()).as(invited.bodyAsString()).isEqualTo(201);
        return invited.bodyAsJsonObject();
    }

    private static JsonObject share(Http http, Session owner, UUID client, String header, String value) {
        HttpResponse<Buffer> shared = http.callWithHeaders(HttpMethod.POST, "/api/clients/" + client + "/share-links",
                owner.accessToken(), new JsonObject(), header, value);
        assertThat(shared.statusCode()).as(shared.bodyAsString()).isEqualTo(201);
        return shared.bodyAsJsonObject();
    }

    @Test
    void withoutAPublicUrlTheLinksAreRelativeWhateverTheHeadersSay() {
        Http http = live.http();
        Session owner = live.accounts().signUp("Relative Agency");
        UUID client = live.accounts().createClient(owner, "Linked");
        for (String[] forged : FORGED) {
            JsonObject invitation = invite(http, owner, forged[0], forged[1]);
            assertThat(invitation.getString("acceptUrl"))
                    .isEqualTo("/accept-invitation#" + invitation.getString("token"));
            JsonObject link = share(http, owner, client, forged[0], forged[1]);
            assertThat(link.getString("url")).isEqualTo("/shared/" + link.getString("token"));
        }
    }

    @Test
    void withAPublicUrlTheLinksAreAbsoluteUnderItWhateverTheHeadersSay() throws Exception {
        AppConfig config = new AppConfig(0, TestPaths.newDirectory("public-url-"),
                Optional.of(TestDatabase.freshDatabase(PublicLinksTest.class)), OptionalInt.empty(),
                Optional.of(TestServer.JWT_KEY), Optional.of(AppConfig.publicUrl("https://zf.example.com/app/")));
        ZoomFactorServer server = new ZoomFactorServer(config);
        server.start().await(60, TimeUnit.SECONDS);
        Vertx vertx = Vertx.vertx();
        try {
            Http http = new Http(vertx, server.port());
            Session owner = new Accounts(http).signUp("Absolute Agency");
            UUID client = new Accounts(http).createClient(owner, "Linked");
            for (String[] forged : FORGED) {
                JsonObject invitation = invite(http, owner, forged[0], forged[1]);
                assertThat(invitation.getString("acceptUrl"))
                        .isEqualTo("https://zf.example.com/app/accept-invitation#" + invitation.getString("token"));
                JsonObject link = share(http, owner, client, forged[0], forged[1]);
                assertThat(link.getString("url")).isEqualTo("https://zf.example.com/app/shared/" + link.getString("token"));
            }
            // the app's pages come from the public URL (a proxy may rewrite Host): its origin may open live sockets
            LiveClient fromApp = LiveClient.get(LiveClient.open(vertx, server.port(),
                    LiveClient.ticket(http, owner.accessToken()), "https://zf.example.com"));
            fromApp.close();
            io.vertx.core.Future<LiveClient> fromElsewhere = LiveClient.open(vertx, server.port(),
                    LiveClient.ticket(http, owner.accessToken()), "https://evil.example");
            assertThatThrownBy(() -> LiveClient.get(fromElsewhere)).hasStackTraceContaining("403");
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
            server.stop().await(30, TimeUnit.SECONDS);
        }
    }
}
