package com.zoomfactor.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every answer that carries a credential is {@code Cache-Control: no-store}: no cache may keep a token. */
class TokenAnswersTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    @Test
    void everyAnswerCarryingACredentialIsNoStore() {
        Http http = live.http();
        Accounts accounts = live.accounts();
        String email = Accounts.uniqueEmail("cached");
        HttpResponse<Buffer> signup = http.call(HttpMethod.POST, "/api/auth/signup", null, new JsonObject()
                .put("agencyName", "No Store Agency").put("name", "Ada").put("email", email)
                .put("password", Accounts.PASSWORD));
        JsonObject session = signup.bodyAsJsonObject();
        String access = session.getString("accessToken");
        Session owner = new Session(access, session.getString("refreshToken"),
                UUID.fromString(session.getJsonObject("user").getString("id")),
                UUID.fromString(session.getJsonObject("agency").getString("id")), email);
        UUID clientId = accounts.createClient(owner, "Cached Client");

        Map<String, HttpResponse<Buffer>> answers = new LinkedHashMap<>();
        answers.put("signup", signup);
        answers.put("login", accounts.login(email, Accounts.PASSWORD));
        answers.put("refresh", http.call(HttpMethod.POST, "/api/auth/refresh", null,
                new JsonObject().put("refreshToken", owner.refreshToken())));
        answers.put("live ticket", http.call(HttpMethod.POST, "/api/live/ticket", access, null));
        answers.put("API token", http.call(HttpMethod.POST, "/api/tokens", access,
                new JsonObject().put("name", "cached").put("scopes", new JsonArray().add("read"))));
        answers.put("invitation", http.call(HttpMethod.POST, "/api/members/invitations", access,
                new JsonObject().put("email", Accounts.uniqueEmail("invited")).put("role", "viewer")));
        answers.put("share link", http.call(HttpMethod.POST, "/api/clients/" + clientId + "/share-links", access,
                new JsonObject()));
        answers.forEach((what, response) -> {
            assertThat(response.statusCode()).as(what + ": " + response.bodyAsString()).isBetween(200, 201);
            assertThat(response.getHeader("Cache-Control")).as(what).isEqualTo("no-store");
        });
    }
}
