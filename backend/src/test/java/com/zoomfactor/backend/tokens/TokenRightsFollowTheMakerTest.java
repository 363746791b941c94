package com.zoomfactor.backend.tokens;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.db.Tenancy;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An API token does at most what the person who made it may do now; removing that person ends what they made. */
class TokenRightsFollowTheMakerTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private Accounts accounts;
    private Session owner;
    private Session admin;
    private UUID client;

    @BeforeEach
    void setUp() {
        http = live.http();
        accounts = live.accounts();
        owner = accounts.signUp("Maker Agency");
        admin = accounts.invite(owner, "admin", null);
        client = accounts.createClient(owner, "Acme");
    }

    private HttpResponse<Buffer> readClients(String token) {
        return http.call(HttpMethod.GET, "/api/clients", token, null);
    }

    private HttpResponse<Buffer> createClient(String token) {
        return http.call(HttpMethod.POST, "/api/clients", token, new JsonObject().put("name", "Made by a machine"));
    }

    private HttpResponse<Buffer> pushPoint(String token) {
        return http.call(HttpMethod.POST, "/api/clients/" + client + "/observations", token, new JsonObject()
                .put("points", new JsonArray().add(new JsonObject().put("metric", "web.unique_visitors")
                        .put("date", "2026-11-20").put("value", 12))));
    }

    private HttpResponse<Buffer> changeRole(Session member, JsonObject body) {
        return http.call(HttpMethod.PATCH, "/api/members/" + member.userId(), owner.accessToken(), body);
    }

    private JsonObject listed(String tokenText) {
        HttpResponse<Buffer> list = http.call(HttpMethod.GET, "/api/tokens", owner.accessToken(), null);
        assertThat(list.statusCode()).isEqualTo(200);
        String prefix = tokenText.substring(0, "zfk_".length() + 8);
        return list.bodyAsJsonArray().stream().map(JsonObject.class::cast)
                .filter(t -> prefix.equals(t.getString("prefix")))
                .findFirst().orElseThrow(() -> new AssertionError("token not listed: " + list.bodyAsString()));
    }

    @Test
    void removingAMemberRevokesTheTokensTheyMadeAtOnce() {
        String token = accounts.createToken(admin, "read", "metrics:write", "admin");
        String ownersToken = accounts.createToken(owner, "read");
        assertThat(readClients(token).statusCode()).isEqualTo(200);
        assertThat(createClient(token).statusCode()).isEqualTo(201);

        assertThat(http.call(HttpMethod.DELETE, "/api/members/" + admin.userId(), owner.accessToken(), null)
                .statusCode()).isEqualTo(204);

        assertError(readClients(token), 401);
        assertError(createClient(token), 401);
        assertError(pushPoint(token), 401);
        // not listed any more (revoked), while the owner's own token goes on
        String listedTokens = http.call(HttpMethod.GET, "/api/tokens", owner.accessToken(), null).bodyAsString();
        assertThat(new JsonArray(listedTokens)).hasSize(1);
        assertThat(readClients(ownersToken).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenOfAnEarlierMembershipStaysDeadWhenItsMakerIsInvitedBack() throws Exception {
        String token = accounts.createToken(admin, "read", "admin");
        assertThat(http.call(HttpMethod.DELETE, "/api/members/" + admin.userId(), owner.accessToken(), null)
                .statusCode()).isEqualTo(204);
        // a token that escaped the removal's revocation (made while the removal ran), then its maker back as admin
        new Tenancy(live.server().pool()).inAgency(owner.agencyId(), sql -> sql.preparedQuery(
                        "UPDATE api_tokens SET revoked_at = NULL WHERE agency_id = $1 AND created_by = $2")
                .execute(Tuple.of(owner.agencyId(), admin.userId()))
                .compose(unrevoked -> sql.preparedQuery(
                                "INSERT INTO memberships (agency_id, user_id, role) VALUES ($1, $2, 'admin')")
                        .execute(Tuple.of(owner.agencyId(), admin.userId())))).await(10, TimeUnit.SECONDS);

        assertError(readClients(token), 401);
        String madeNow = accounts.createToken(admin, "read");
        assertThat(readClients(madeNow).statusCode()).as("the new membership's own tokens work").isEqualTo(200);
    }

    @Test
    void aDemotedMakersTokensDoAtMostWhatTheirNewRoleAllows() {
        String token = accounts.createToken(admin, "read", "metrics:write", "admin");
        assertThat(pushPoint(token).statusCode()).isEqualTo(200);
        JsonObject before = listed(token);
        assertThat(before.getJsonObject("createdBy").getString("id")).isEqualTo(admin.userId().toString());
        assertThat(before.getJsonObject("createdBy").getString("name")).isEqualTo("A admin");
        assertThat(before.getJsonObject("createdBy").getString("role")).isEqualTo("admin");
        assertThat(before.getBoolean("narrowed")).isFalse();

        // an analyst writes data and clients but does not delete clients
        assertThat(changeRole(admin, new JsonObject().put("role", "analyst")).statusCode()).isEqualTo(200);
        assertThat(pushPoint(token).statusCode()).isEqualTo(200);
        assertError(http.call(HttpMethod.DELETE, "/api/clients/" + client, token, null), 403);

        // a viewer reads only
        assertThat(changeRole(admin, new JsonObject().put("role", "viewer")).statusCode()).isEqualTo(200);
        assertError(pushPoint(token), 403);
        assertError(createClient(token), 403);
        assertThat(readClients(token).statusCode()).isEqualTo(200);
        JsonObject narrowed = listed(token);
        assertThat(narrowed.getJsonObject("createdBy").getString("role")).isEqualTo("viewer");
        assertThat(narrowed.getBoolean("narrowed")).isTrue();
        assertThat(narrowed.getJsonArray("scopes")).contains("metrics:write");

        // a client viewer: that one client, the others are missing
        UUID other = accounts.createClient(owner, "Other");
        assertThat(changeRole(admin, new JsonObject().put("role", "viewer").put("clientId", client.toString()))
                .statusCode()).isEqualTo(200);
        JsonArray visible = readClients(token).bodyAsJsonArray();
        assertThat(visible.encode()).contains(client.toString()).doesNotContain(other.toString());
        assertError(http.call(HttpMethod.GET, "/api/clients/" + other, token, null), 404);
        assertThat(http.call(HttpMethod.GET, "/api/clients/" + client, token, null).statusCode()).isEqualTo(200);

        // made admin again: the token's scopes count in full again
        assertThat(changeRole(admin, new JsonObject().put("role", "admin")).statusCode()).isEqualTo(200);
        assertThat(pushPoint(token).statusCode()).isEqualTo(200);
        assertThat(listed(token).getBoolean("narrowed")).isFalse();
    }

    @Test
    void aRemovedMembersPendingInvitationsAreDroppedAndCannotBeAccepted() {
        HttpResponse<Buffer> invited = http.call(HttpMethod.POST, "/api/members/invitations", admin.accessToken(),
                new JsonObject().put("email", Accounts.uniqueEmail("late")).put("role", "analyst"));
        assertThat(invited.statusCode()).isEqualTo(201);
        String invitation = invited.bodyAsJsonObject().getString("token");
        assertThat(http.call(HttpMethod.GET, "/api/members/invitations", owner.accessToken(), null).bodyAsJsonArray())
                .hasSize(1);

        assertThat(http.call(HttpMethod.DELETE, "/api/members/" + admin.userId(), owner.accessToken(), null)
                .statusCode()).isEqualTo(204);

        assertThat(http.call(HttpMethod.GET, "/api/members/invitations", owner.accessToken(), null).bodyAsJsonArray())
                .isEmpty();
        assertError(accept(invitation), 404);
    }

    @Test
    void anInvitationIsAcceptedOnlyWhileItsIssuerMayStillSendIt() {
        // sent by an admin who is then made an analyst (who invites nobody)
        String byDemotedAdmin = invitation(admin, "viewer");
        // an owner's invitation to make someone owner, sent by an owner then made admin (who may not touch owners)
        Session secondOwner = accounts.invite(owner, "owner", null);
        String ownerInvite = invitation(secondOwner, "owner");
        String adminInvite = invitation(secondOwner, "admin");

        assertThat(changeRole(admin, new JsonObject().put("role", "analyst")).statusCode()).isEqualTo(200);
        assertThat(changeRole(secondOwner, new JsonObject().put("role", "admin")).statusCode()).isEqualTo(200);

        assertError(accept(byDemotedAdmin), 404);
        assertError(accept(ownerInvite), 404);
        // what the issuer may still give stands
        assertThat(accept(adminInvite).statusCode()).isEqualTo(201);
    }

    private String invitation(Session issuer, String role) {
        HttpResponse<Buffer> invited = http.call(HttpMethod.POST, "/api/members/invitations", issuer.accessToken(),
                new JsonObject().put("email", Accounts.uniqueEmail(role)).put("role", role));
        assertThat(invited.statusCode()).as(invited.bodyAsString()).isEqualTo(201);
        return invited.bodyAsJsonObject().getString("token");
    }

    private HttpResponse<Buffer> accept(String token) {
        return http.call(HttpMethod.POST, "/api/auth/accept-invitation", null,
                new JsonObject().put("token", token).put("name", "Newcomer").put("password", Accounts.PASSWORD));
    }
}
