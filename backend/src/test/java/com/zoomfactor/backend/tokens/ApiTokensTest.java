package com.zoomfactor.backend.tokens;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
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
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiTokensTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private Accounts accounts;
    private Session owner;

    @BeforeEach
    void setUp() {
        http = live.http();
        accounts = live.accounts();
        owner = accounts.signUp("Machine Shop");
    }

    @Test
    void aTokenIsShownOnceStoredAsAHashAndListedByItsPrefixWithItsLastUse() {
        HttpResponse<Buffer> created = http.call(HttpMethod.POST, "/api/tokens", owner.accessToken(), new JsonObject()
                .put("name", "nightly GA4 import").put("scopes", new JsonArray().add("read").add("metrics:write")));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject body = created.bodyAsJsonObject();
        String token = body.getString("token");
        assertThat(token).startsWith("zfk_").startsWith(body.getString("prefix"));
        assertThat(body.getJsonArray("scopes")).containsExactly("read", "metrics:write");
        assertThat(body.getValue("expiresAt")).isNull();

        JsonArray listed = http.call(HttpMethod.GET, "/api/tokens", owner.accessToken(), null).bodyAsJsonArray();
        assertThat(listed).hasSize(1);
        JsonObject entry = listed.getJsonObject(0);
        assertThat(entry.getString("prefix")).isEqualTo(body.getString("prefix"));
        assertThat(entry.containsKey("token")).isFalse();
        assertThat(listed.encode()).doesNotContain(token.substring(12));
        assertThat(entry.getValue("lastUsedAt")).isNull();

        assertThat(http.call(HttpMethod.GET, "/api/clients", token, null).statusCode()).isEqualTo(200);
        JsonObject used = http.call(HttpMethod.GET, "/api/tokens", owner.accessToken(), null).bodyAsJsonArray().getJsonObject(0);
        assertThat(used.getString("lastUsedAt")).isNotNull();

        JsonObject me = http.call(HttpMethod.GET, "/api/me", token, null).bodyAsJsonObject();
        assertThat(me.getJsonObject("token").getString("name")).isEqualTo("nightly GA4 import");
        assertThat(me.getJsonObject("agency").getString("id")).isEqualTo(owner.agencyId().toString());
    }

    @Test
    void aRevokedTokenIsRefusedOnItsNextRequest() {
        String token = accounts.createToken(owner, "read");
        assertThat(http.call(HttpMethod.GET, "/api/clients", token, null).statusCode()).isEqualTo(200);
        String id = http.call(HttpMethod.GET, "/api/tokens", owner.accessToken(), null).bodyAsJsonArray()
                .getJsonObject(0).getString("id");

        assertThat(http.call(HttpMethod.DELETE, "/api/tokens/" + id, owner.accessToken(), null).statusCode()).isEqualTo(204);

        HttpResponse<Buffer> refused = http.call(HttpMethod.GET, "/api/clients", token, null);
        assertError(refused, 401);
        assertThat(refused.bodyAsJsonObject().getString("message")).contains("revoked");
        assertThat(http.call(HttpMethod.GET, "/api/tokens", owner.accessToken(), null).bodyAsJsonArray()).isEmpty();
        assertError(http.call(HttpMethod.DELETE, "/api/tokens/" + id, owner.accessToken(), null), 404);
    }

    @Test
    void aTokenPastItsExpiryIsRefused() throws Exception {
        HttpResponse<Buffer> created = http.call(HttpMethod.POST, "/api/tokens", owner.accessToken(), new JsonObject()
                .put("name", "short-lived").put("scopes", new JsonArray().add("read"))
                .put("expiresAt", Instant.now().plusSeconds(2).toString()));
        assertThat(created.statusCode()).isEqualTo(201);
        String token = created.bodyAsJsonObject().getString("token");
        assertThat(http.call(HttpMethod.GET, "/api/clients", token, null).statusCode()).isEqualTo(200);
        Thread.sleep(2_200);
        assertError(http.call(HttpMethod.GET, "/api/clients", token, null), 401);
    }

    @Test
    void aTokenDoesOnlyWhatItsScopesAllow() {
        String reader = accounts.createToken(owner, "read");
        String writer = accounts.createToken(owner, "metrics:write");
        String admin = accounts.createToken(owner, "admin");
        JsonObject client = new JsonObject().put("name", "Scoped Client");

        assertThat(http.call(HttpMethod.GET, "/api/clients", reader, null).statusCode()).isEqualTo(200);
        assertError(http.call(HttpMethod.POST, "/api/clients", reader, client), 403);
        assertError(http.call(HttpMethod.GET, "/api/clients", writer, null), 403);
        assertThat(http.call(HttpMethod.POST, "/api/clients", admin, client).statusCode()).isEqualTo(201);
        // tokens never manage the team or other tokens
        assertError(http.call(HttpMethod.GET, "/api/tokens", admin, null), 403);
        assertError(http.call(HttpMethod.GET, "/api/members", admin, null), 403);
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = accounts.createToken(owner, "read");
        for (int position : new int[] {token.length() - 10, token.length() - 1, 6}) {
            char original = token.charAt(position);
            String tampered = token.substring(0, position) + (original == 'A' ? 'B' : 'A') + token.substring(position + 1);
            assertError(http.call(HttpMethod.GET, "/api/clients", tampered, null), 401);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"scopes\":[\"read\"]}",
        "{\"name\":\"x\"}",
        "{\"name\":\"x\",\"scopes\":[]}",
        "{\"name\":\"x\",\"scopes\":[\"write-everything\"]}",
        "{\"name\":\"x\",\"scopes\":\"read\"}",
        "{\"name\":\"x\",\"scopes\":[\"read\"],\"expiresAt\":\"tomorrow\"}",
        "{\"name\":\"x\",\"scopes\":[\"read\"],\"expiresAt\":\"2001-01-01T00:00:00Z\"}"})
    void badTokenRequestsAreRefusedWith400(String body) {
        assertError(http.call(HttpMethod.POST, "/api/tokens", owner.accessToken(), new JsonObject(body)), 400);
    }
}
