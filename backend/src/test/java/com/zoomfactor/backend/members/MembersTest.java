package com.zoomfactor.backend.members;

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
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MembersTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private Accounts accounts;
    private Session owner;

    @BeforeEach
    void setUp() {
        http = live.http();
        accounts = live.accounts();
        owner = accounts.signUp("Team Agency");
    }

    private HttpResponse<Buffer> invite(Session inviter, String email, String role) {
        return http.call(HttpMethod.POST, "/api/members/invitations", inviter.accessToken(),
                new JsonObject().put("email", email).put("role", role));
    }

    private HttpResponse<Buffer> accept(String token, String password) {
        return http.call(HttpMethod.POST, "/api/auth/accept-invitation", null,
                new JsonObject().put("token", token).put("name", "Newcomer").put("password", password));
    }

    @Test
    void anInvitationIsAcceptedOnceWithinSevenDaysAndTheNewMemberCanSignIn() {
        String email = Accounts.uniqueEmail("ana");
        HttpResponse<Buffer> invited = invite(owner, email, "analyst");
        assertThat(invited.statusCode()).isEqualTo(201);
        JsonObject invitation = invited.bodyAsJsonObject();
        String token = invitation.getString("token");
        assertThat(token).startsWith("zfi_");
        assertThat(invitation.getString("acceptUrl")).endsWith("/accept-invitation#" + token);
        Duration lifetime = Duration.between(OffsetDateTime.now(), OffsetDateTime.parse(invitation.getString("expiresAt")));
        assertThat(lifetime).isBetween(Duration.ofDays(7).minusMinutes(1), Duration.ofDays(7));

        JsonArray pending = http.call(HttpMethod.GET, "/api/members/invitations", owner.accessToken(), null).bodyAsJsonArray();
        assertThat(pending).hasSize(1);
        assertThat(pending.encode()).doesNotContain(token);

        HttpResponse<Buffer> accepted = accept(token, Accounts.PASSWORD);
        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(accepted.bodyAsJsonObject().getString("role")).isEqualTo("analyst");
        assertError(accept(token, Accounts.PASSWORD), 404);
        assertThat(http.call(HttpMethod.GET, "/api/members/invitations", owner.accessToken(), null).bodyAsJsonArray()).isEmpty();

        assertThat(accounts.login(email, Accounts.PASSWORD).statusCode()).isEqualTo(200);
        JsonArray members = http.call(HttpMethod.GET, "/api/members", owner.accessToken(), null).bodyAsJsonArray();
        assertThat(members).hasSize(2);
        assertThat(members.encode()).contains(email).contains("\"role\":\"analyst\"");
    }

    @Test
    void aRevokedOrForgedInvitationCannotBeAccepted() {
        HttpResponse<Buffer> invited = invite(owner, Accounts.uniqueEmail("revoked"), "viewer");
        String id = invited.bodyAsJsonObject().getString("id");
        String token = invited.bodyAsJsonObject().getString("token");
        assertThat(http.call(HttpMethod.DELETE, "/api/members/invitations/" + id, owner.accessToken(), null).statusCode())
                .isEqualTo(204);
        assertError(accept(token, Accounts.PASSWORD), 404);
        assertError(accept("zfi_forged", Accounts.PASSWORD), 404);
        assertError(accept(token.substring(0, token.length() - 6) + "AAAAAA", Accounts.PASSWORD), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"role\":\"analyst\"}",
        "{\"email\":\"not-an-email\",\"role\":\"analyst\"}",
        "{\"email\":\"a@b.co\",\"role\":\"superuser\"}",
        "{\"email\":\"a@b.co\",\"role\":\"analyst\",\"clientId\":\"not-a-uuid\"}"})
    void badInvitationsAreRefusedWith400(String body) {
        assertError(http.call(HttpMethod.POST, "/api/members/invitations", owner.accessToken(), new JsonObject(body)), 400);
    }

    @Test
    void aClientIdIsOnlyForViewersAndMustBeAClientOfTheAgency() {
        UUID client = accounts.createClient(owner, "Some Client");
        assertError(http.call(HttpMethod.POST, "/api/members/invitations", owner.accessToken(), new JsonObject()
                .put("email", Accounts.uniqueEmail("x")).put("role", "analyst").put("clientId", client.toString())), 400);
        assertError(http.call(HttpMethod.POST, "/api/members/invitations", owner.accessToken(), new JsonObject()
                .put("email", Accounts.uniqueEmail("x")).put("role", "viewer").put("clientId", UUID.randomUUID().toString())), 400);
    }

    @Test
    void invitingAMemberAgainIsAConflictAndANewAccountNeedsAnAcceptablePassword() {
        Session analyst = accounts.invite(owner, "analyst", null);
        assertError(invite(owner, analyst.email(), "viewer"), 409);
        String token = invite(owner, Accounts.uniqueEmail("weak"), "viewer").bodyAsJsonObject().getString("token");
        assertError(accept(token, "short"), 400);
        assertThat(accept(token, Accounts.PASSWORD).statusCode()).as("the failed attempt did not use it up").isEqualTo(201);
    }

    @Test
    void theLastOwnerCannotBeRemovedOrDemoted() {
        assertError(http.call(HttpMethod.DELETE, "/api/members/" + owner.userId(), owner.accessToken(), null), 409);
        assertError(http.call(HttpMethod.PATCH, "/api/members/" + owner.userId(), owner.accessToken(),
                new JsonObject().put("role", "admin")), 409);

        Session second = accounts.invite(owner, "owner", null);
        assertThat(http.call(HttpMethod.PATCH, "/api/members/" + owner.userId(), second.accessToken(),
                new JsonObject().put("role", "admin")).statusCode()).as("with another owner it is fine").isEqualTo(200);
    }

    @Test
    void adminsManageEveryoneButOwners() {
        Session admin = accounts.invite(owner, "admin", null);
        Session analyst = accounts.invite(owner, "analyst", null);

        assertError(http.call(HttpMethod.PATCH, "/api/members/" + owner.userId(), admin.accessToken(),
                new JsonObject().put("role", "viewer")), 403);
        assertError(http.call(HttpMethod.DELETE, "/api/members/" + owner.userId(), admin.accessToken(), null), 403);
        assertError(invite(admin, Accounts.uniqueEmail("would-be-owner"), "owner"), 403);
        String ownersInvitation = invite(owner, Accounts.uniqueEmail("co-owner"), "owner").bodyAsJsonObject().getString("id");
        assertError(http.call(HttpMethod.DELETE, "/api/members/invitations/" + ownersInvitation, admin.accessToken(), null), 403);
        assertError(http.call(HttpMethod.PATCH, "/api/members/" + analyst.userId(), admin.accessToken(),
                new JsonObject().put("role", "owner")), 403);

        HttpResponse<Buffer> demoted = http.call(HttpMethod.PATCH, "/api/members/" + analyst.userId(), admin.accessToken(),
                new JsonObject().put("role", "viewer"));
        assertThat(demoted.statusCode()).isEqualTo(200);
        assertThat(demoted.bodyAsJsonObject().getString("role")).isEqualTo("viewer");
    }

    @Test
    void aRoleChangeTakesEffectOnTheNextRequest() {
        Session analyst = accounts.invite(owner, "analyst", null);
        assertThat(http.call(HttpMethod.POST, "/api/clients", analyst.accessToken(),
                new JsonObject().put("name", "Before")).statusCode()).isEqualTo(201);
        http.call(HttpMethod.PATCH, "/api/members/" + analyst.userId(), owner.accessToken(), new JsonObject().put("role", "viewer"));
        assertError(http.call(HttpMethod.POST, "/api/clients", analyst.accessToken(), new JsonObject().put("name", "After")), 403);
    }

    @Test
    void aRemovedMemberLosesAccessAtOnceAndCannotRefresh() {
        Session analyst = accounts.invite(owner, "analyst", null);
        assertThat(http.call(HttpMethod.DELETE, "/api/members/" + analyst.userId(), owner.accessToken(), null).statusCode())
                .isEqualTo(204);
        assertError(http.call(HttpMethod.GET, "/api/clients", analyst.accessToken(), null), 401);
        assertError(http.call(HttpMethod.POST, "/api/auth/refresh", null,
                new JsonObject().put("refreshToken", analyst.refreshToken())), 401);
        assertError(http.call(HttpMethod.DELETE, "/api/members/" + analyst.userId(), owner.accessToken(), null), 404);
    }
}
