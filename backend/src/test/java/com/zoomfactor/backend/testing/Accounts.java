package com.zoomfactor.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;

/** Signs people up, invites and signs them in through the public API, as the SPA does. */
public final class Accounts {

    public static final String PASSWORD = "correct horse battery staple";

    /** A signed-in person: their tokens, and who they are. */
    public record Session(String accessToken, String refreshToken, UUID userId, UUID agencyId, String email) {

        static Session from(HttpResponse<Buffer> response) {
            JsonObject body = response.bodyAsJsonObject();
            return new Session(body.getString("accessToken"), body.getString("refreshToken"),
                    UUID.fromString(body.getJsonObject("user").getString("id")),
                    UUID.fromString(body.getJsonObject("agency").getString("id")),
                    body.getJsonObject("user").getString("email"));
        }
    }

    private final Http http;

    public Accounts(Http http) {
        this.http = http;
    }

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** A new agency and its owner. */
    public Session signUp(String agencyName) {
        HttpResponse<Buffer> response = http.call(HttpMethod.POST, "/api/auth/signup", null, new JsonObject()
                .put("agencyName", agencyName).put("name", "Owner of " + agencyName)
                .put("email", uniqueEmail("owner")).put("password", PASSWORD));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return Session.from(response);
    }

    /** Invites someone new into the inviter's agency with this role (and client, for a client viewer). */
    public Session invite(Session inviter, String role, UUID clientId) {
        String email = uniqueEmail(role);
        JsonObject invitation = new JsonObject().put("email", email).put("role", role);
        if (clientId != null) {
            invitation.put("clientId", clientId.toString());
        }
        HttpResponse<Buffer> invited = http.call(HttpMethod.POST, "/api/members/invitations", inviter.accessToken(), invitation);
        assertThat(invited.statusCode()).as(invited.bodyAsString()).isEqualTo(201);
        HttpResponse<Buffer> accepted = http.call(HttpMethod.POST, "/api/auth/accept-invitation", null, new JsonObject()
                .put("token", invited.bodyAsJsonObject().getString("token")).put("name", "A " + role)
                .put("password", PASSWORD));
        assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(201);
        return Session.from(accepted);
    }

    public HttpResponse<Buffer> login(String email, String password) {
        return http.call(HttpMethod.POST, "/api/auth/login", null,
                new JsonObject().put("email", email).put("password", password));
    }

    /** Creates a client and returns its id. */
    public UUID createClient(Session session, String name) {
        HttpResponse<Buffer> created = http.call(HttpMethod.POST, "/api/clients", session.accessToken(),
                new JsonObject().put("name", name));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        return UUID.fromString(created.bodyAsJsonObject().getString("id"));
    }

    /** Creates an API token with these scopes and returns its secret text. */
    public String createToken(Session session, String... scopes) {
        HttpResponse<Buffer> created = http.call(HttpMethod.POST, "/api/tokens", session.accessToken(),
                new JsonObject().put("name", "machine " + String.join("+", scopes))
                        .put("scopes", new io.vertx.core.json.JsonArray(java.util.List.of((Object[]) scopes))));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        return created.bodyAsJsonObject().getString("token");
    }
}
