package com.zoomfactor.backend.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without ZF_SMTP_URL nothing is e-mailed, and the answers say so rather than pretend. */
class MailNotConfiguredTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    @Test
    void anInvitationSaysItWasNotEmailedAndKeepsItsLink() {
        Session owner = live.accounts().signUp("Quiet Agency");
        HttpResponse<Buffer> invited = live.http().call(HttpMethod.POST, "/api/members/invitations",
                owner.accessToken(), new JsonObject().put("email", Accounts.uniqueEmail("quiet")).put("role", "viewer"));
        assertThat(invited.statusCode()).isEqualTo(201);
        JsonObject answer = invited.bodyAsJsonObject();
        assertThat(answer.getBoolean("emailed")).isFalse();
        assertThat(answer.getJsonObject("mail").getBoolean("configured")).isFalse();
        assertThat(answer.getString("acceptUrl")).startsWith("/accept-invitation#zfi_");
        assertThat(live.http().call(HttpMethod.GET, "/api/deliveries", owner.accessToken(), null).bodyAsJsonArray())
                .as("nothing enqueued that could never go").isEmpty();
    }

    @Test
    void preferencesAreKeptButSayMailIsNotConfigured() {
        Session owner = live.accounts().signUp("Quiet Choices");
        HttpResponse<Buffer> chosen = live.http().call(HttpMethod.PUT, "/api/me/notification-preferences",
                owner.accessToken(), new JsonObject().put("topics", new JsonObject().put("mention", "digest")));
        assertThat(chosen.statusCode()).isEqualTo(200);
        assertThat(chosen.bodyAsJsonObject().getJsonObject("mail").getBoolean("configured")).isFalse();
        assertThat(chosen.bodyAsJsonObject().getJsonObject("topics").getString("mention")).isEqualTo("digest");
    }
}
