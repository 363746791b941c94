package com.zoomfactor.backend.access;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two agencies on one server. Whatever another agency's people or machines do with this agency's ids, the answer
 * is the 404 a missing id gets, word for word, and nothing changes.
 */
class TenantIsolationTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();
    private static Session alpha;
    private static Session beta;
    private static String betaAdminToken;
    private static UUID alphaClient;
    private static Session alphaAnalyst;
    private static String alphaInvitation;
    private static String alphaToken;
    private static Http http;

    @BeforeAll
    static void setUp() {
        http = live.http();
        Accounts accounts = new Accounts(http);
        alpha = accounts.signUp("Alpha Agency");
        beta = accounts.signUp("Beta Agency");
        betaAdminToken = accounts.createToken(beta, "admin", "read");
        alphaClient = accounts.createClient(alpha, "Alpha's Client");
        alphaAnalyst = accounts.invite(alpha, "analyst", null);
        alphaInvitation = http.call(HttpMethod.POST, "/api/members/invitations", alpha.accessToken(),
                new JsonObject().put("email", Accounts.uniqueEmail("pending")).put("role", "viewer"))
                .bodyAsJsonObject().getString("id");
        accounts.createToken(alpha, "read");
        alphaToken = http.call(HttpMethod.GET, "/api/tokens", alpha.accessToken(), null).bodyAsJsonArray()
                .getJsonObject(0).getString("id");
    }

    /** The foreign id and a random one get the same answer, for each of beta's callers. */
    private static void assertLikeMissing(HttpMethod method, String foreignPath, String missingPath, JsonObject body) {
        for (String caller : new String[] {beta.accessToken(), betaAdminToken}) {
            HttpResponse<Buffer> foreign = http.call(method, foreignPath, caller, body);
            HttpResponse<Buffer> missing = http.call(method, missingPath, caller, body);
            if (foreign.statusCode() == 403 && missing.statusCode() == 403) {
                continue; // tokens may not call this route at all, for any id
            }
            assertError(foreign, 404);
            assertThat(foreign.bodyAsJsonObject()).as(method + " " + foreignPath).isEqualTo(missing.bodyAsJsonObject());
        }
    }

    @Test
    void anotherAgencysClientIsMissingForReadsAndWrites() {
        String foreign = "/api/clients/" + alphaClient;
        String missing = "/api/clients/" + UUID.randomUUID();
        assertLikeMissing(HttpMethod.GET, foreign, missing, null);
        assertLikeMissing(HttpMethod.PATCH, foreign, missing, new JsonObject().put("name", "Hijacked"));
        assertLikeMissing(HttpMethod.DELETE, foreign, missing, null);

        JsonObject untouched = http.call(HttpMethod.GET, foreign, alpha.accessToken(), null).bodyAsJsonObject();
        assertThat(untouched.getString("name")).isEqualTo("Alpha's Client");
    }

    @Test
    void anotherAgencysMembersInvitationsAndTokensAreMissing() {
        assertLikeMissing(HttpMethod.PATCH, "/api/members/" + alphaAnalyst.userId(), "/api/members/" + UUID.randomUUID(),
                new JsonObject().put("role", "viewer"));
        assertLikeMissing(HttpMethod.DELETE, "/api/members/" + alphaAnalyst.userId(), "/api/members/" + UUID.randomUUID(), null);
        assertLikeMissing(HttpMethod.DELETE, "/api/members/invitations/" + alphaInvitation,
                "/api/members/invitations/" + UUID.randomUUID(), null);
        assertLikeMissing(HttpMethod.DELETE, "/api/tokens/" + alphaToken, "/api/tokens/" + UUID.randomUUID(), null);

        assertThat(http.call(HttpMethod.GET, "/api/clients", alphaAnalyst.accessToken(), null).statusCode())
                .as("alpha's analyst is still a member").isEqualTo(200);
        assertThat(http.call(HttpMethod.GET, "/api/tokens", alpha.accessToken(), null).bodyAsJsonArray()).hasSize(1);
        assertThat(http.call(HttpMethod.GET, "/api/members/invitations", alpha.accessToken(), null).bodyAsJsonArray()).hasSize(1);
    }

    @Test
    void listsShowOnlyTheCallersAgency() {
        String alphaTrace = alphaClient + "|" + alphaAnalyst.email() + "|" + alphaInvitation + "|" + alphaToken;
        for (String path : new String[] {"/api/clients", "/api/members", "/api/members/invitations", "/api/tokens"}) {
            String body = http.call(HttpMethod.GET, path, beta.accessToken(), null).bodyAsString();
            assertThat(body).as(path).doesNotContainPattern(alphaTrace.replace(".", "\\."));
        }
        assertThat(http.call(HttpMethod.GET, "/api/clients", betaAdminToken, null).bodyAsJsonArray()).isEmpty();
        assertThat(http.call(HttpMethod.GET, "/api/members", beta.accessToken(), null).bodyAsJsonArray()).hasSize(1);
    }

    @Test
    void aClientIdFromAnotherAgencyCannotBeGivenToAClientViewer() {
        assertError(http.call(HttpMethod.POST, "/api/members/invitations", beta.accessToken(), new JsonObject()
                .put("email", Accounts.uniqueEmail("spy")).put("role", "viewer").put("clientId", alphaClient.toString())), 400);
    }
}
