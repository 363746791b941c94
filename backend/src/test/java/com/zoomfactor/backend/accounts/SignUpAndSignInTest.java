package com.zoomfactor.backend.accounts;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignUpAndSignInTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private Accounts accounts;

    @BeforeEach
    void client() {
        http = live.http();
        accounts = live.accounts();
    }

    @Test
    void signingUpCreatesAnAgencyWithTheCallerAsItsOwner() {
        String email = Accounts.uniqueEmail("founder");
        HttpResponse<Buffer> response = http.call(HttpMethod.POST, "/api/auth/signup", null, new JsonObject()
                .put("agencyName", "Northwind Social").put("name", "Nora North").put("email", email)
                .put("password", Accounts.PASSWORD));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.fieldNames()).contains("accessToken", "refreshToken", "user", "agency", "role");
        assertThat(body.getString("role")).isEqualTo("owner");
        assertThat(body.getJsonObject("user").getString("email")).isEqualTo(email);
        assertThat(body.getJsonObject("user").getString("name")).isEqualTo("Nora North");
        assertThat(body.getJsonObject("agency").getString("name")).isEqualTo("Northwind Social");
        assertThat(body.getLong("expiresIn")).isEqualTo(900);
        assertThat(response.cookies()).anyMatch(cookie -> cookie.startsWith("zf_refresh=") && cookie.toLowerCase().contains("httponly")
                && cookie.contains("SameSite=Strict"));

        JsonObject me = http.call(HttpMethod.GET, "/api/me", body.getString("accessToken"), null).bodyAsJsonObject();
        assertThat(me.getJsonObject("user").getString("email")).isEqualTo(email);
        assertThat(me.getJsonObject("agency").getString("name")).isEqualTo("Northwind Social");
        assertThat(me.getString("role")).isEqualTo("owner");
    }

    @Test
    void signingInAnswersTheSameShapeForTheSameAgency() {
        Session owner = accounts.signUp("Contoso Media");
        HttpResponse<Buffer> response = accounts.login(owner.email(), Accounts.PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("role")).isEqualTo("owner");
        assertThat(body.getJsonObject("agency").getString("id")).isEqualTo(owner.agencyId().toString());
        assertThat(body.getJsonObject("user").getString("id")).isEqualTo(owner.userId().toString());
        assertThat(accounts.login(owner.email().toUpperCase(), Accounts.PASSWORD).statusCode())
                .as("e-mail addresses compare without case").isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} → 400")
    @CsvSource(delimiter = '|', value = {
        "no agency name         | {\"name\":\"A\",\"email\":\"a@b.co\",\"password\":\"long enough\"}                         | agencyName",
        "no e-mail              | {\"agencyName\":\"X\",\"name\":\"A\",\"password\":\"long enough\"}                           | email",
        "not an e-mail          | {\"agencyName\":\"X\",\"name\":\"A\",\"email\":\"nobody\",\"password\":\"long enough\"}        | email",
        "short password         | {\"agencyName\":\"X\",\"name\":\"A\",\"email\":\"a@b.co\",\"password\":\"short\"}              | at least 8",
        "password not a string  | {\"agencyName\":\"X\",\"name\":\"A\",\"email\":\"a@b.co\",\"password\":12345678}               | password",
        "blank name             | {\"agencyName\":\"X\",\"name\":\"  \",\"email\":\"a@b.co\",\"password\":\"long enough\"}       | name",
        "an array, not an object| [1,2]                                                                                     | JSON object",
        "not JSON               | {agencyName:                                                                              | not valid JSON"})
    void badSignUpsAreRefusedNamingTheProblem(String why, String body, String named) {
        HttpResponse<Buffer> response = http.send(HttpMethod.POST, "/api/auth/signup", Buffer.buffer(body));
        assertError(response, 400);
        assertThat(response.bodyAsJsonObject().getString("message")).contains(named);
    }

    @Test
    void aPasswordOfMoreThan128CharactersIsRefused() {
        HttpResponse<Buffer> response = http.call(HttpMethod.POST, "/api/auth/signup", null, new JsonObject()
                .put("agencyName", "X").put("name", "A").put("email", Accounts.uniqueEmail("long"))
                .put("password", "x".repeat(129)));
        assertError(response, 400);
    }

    @Test
    void signingUpTwiceWithOneEmailIsAConflict() {
        Session first = accounts.signUp("First Agency");
        HttpResponse<Buffer> again = http.call(HttpMethod.POST, "/api/auth/signup", null, new JsonObject()
                .put("agencyName", "Second Agency").put("name", "Same Person").put("email", first.email().toUpperCase())
                .put("password", Accounts.PASSWORD));
        assertError(again, 409);
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        Session owner = accounts.signUp("Fabrikam PR");
        HttpResponse<Buffer> wrongPassword = accounts.login(owner.email(), "not the password");
        HttpResponse<Buffer> unknownEmail = accounts.login(Accounts.uniqueEmail("nobody"), "not the password");
        assertError(wrongPassword, 401);
        assertError(unknownEmail, 401);
        assertThat(wrongPassword.bodyAsJsonObject()).isEqualTo(unknownEmail.bodyAsJsonObject());
    }

    @Test
    void aPersonInSeveralAgenciesPicksOneAndTheTokenIsForThatOne() {
        Session first = accounts.signUp("Agency One");
        Session second = accounts.signUp("Agency Two");
        // the second agency invites the first agency's owner, who joins with their existing password
        HttpResponse<Buffer> invited = http.call(HttpMethod.POST, "/api/members/invitations", second.accessToken(),
                new JsonObject().put("email", first.email()).put("role", "analyst"));
        assertThat(invited.statusCode()).isEqualTo(201);
        HttpResponse<Buffer> joined = http.call(HttpMethod.POST, "/api/auth/accept-invitation", null, new JsonObject()
                .put("token", invited.bodyAsJsonObject().getString("token")).put("name", "ignored for existing accounts")
                .put("password", Accounts.PASSWORD));
        assertThat(joined.statusCode()).as(joined.bodyAsString()).isEqualTo(201);
        assertThat(joined.bodyAsJsonObject().getString("role")).isEqualTo("analyst");

        HttpResponse<Buffer> ambiguous = accounts.login(first.email(), Accounts.PASSWORD);
        assertThat(ambiguous.statusCode()).isEqualTo(409);
        assertThat(ambiguous.bodyAsJsonObject().getJsonArray("agencies")).hasSize(2);

        HttpResponse<Buffer> chosen = http.call(HttpMethod.POST, "/api/auth/login", null, new JsonObject()
                .put("email", first.email()).put("password", Accounts.PASSWORD).put("agencyId", second.agencyId().toString()));
        assertThat(chosen.statusCode()).isEqualTo(200);
        assertThat(chosen.bodyAsJsonObject().getString("role")).isEqualTo("analyst");
        String token = chosen.bodyAsJsonObject().getString("accessToken");
        JsonObject me = http.call(HttpMethod.GET, "/api/me", token, null).bodyAsJsonObject();
        assertThat(me.getJsonObject("agency").getString("id")).isEqualTo(second.agencyId().toString());

        HttpResponse<Buffer> notMine = http.call(HttpMethod.POST, "/api/auth/login", null, new JsonObject()
                .put("email", second.email()).put("password", Accounts.PASSWORD).put("agencyId", first.agencyId().toString()));
        assertError(notMine, 403);
    }

    @Test
    void acceptingAnInvitationWithAnExistingAccountIsThrottledLikeASignIn() {
        Session victim = accounts.signUp("Victim Agency");
        Session attacker = accounts.signUp("Attacker Agency");
        String token = http.call(HttpMethod.POST, "/api/members/invitations", attacker.accessToken(),
                new JsonObject().put("email", victim.email()).put("role", "viewer")).bodyAsJsonObject().getString("token");
        JsonObject guess = new JsonObject().put("token", token).put("name", "x");
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertError(http.call(HttpMethod.POST, "/api/auth/accept-invitation", null,
                    guess.copy().put("password", "guess number " + attempt)), 401);
        }
        assertError(http.call(HttpMethod.POST, "/api/auth/accept-invitation", null,
                guess.copy().put("password", Accounts.PASSWORD)), 429);
        assertError(accounts.login(victim.email(), Accounts.PASSWORD), 429);
    }

    @Test
    void textWithTheNulCharacterIsRefusedNotStored() {
        HttpResponse<Buffer> response = http.call(HttpMethod.POST, "/api/auth/signup", null, new JsonObject()
                .put("agencyName", "Nul\u0000Agency").put("name", "A").put("email", Accounts.uniqueEmail("nul"))
                .put("password", Accounts.PASSWORD));
        assertError(response, 400);
        assertThat(response.bodyAsJsonObject().getString("message")).contains("agencyName");
    }

    @Test
    void repeatedFailuresForOneAccountAnswer429WithRetryAfterEvenForTheRightPassword() {
        Session owner = accounts.signUp("Throttled Agency");
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertError(accounts.login(owner.email(), "wrong guess " + attempt), 401);
        }
        HttpResponse<Buffer> blocked = accounts.login(owner.email(), Accounts.PASSWORD);
        assertError(blocked, 429);
        long retryAfter = Long.parseLong(blocked.getHeader("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 15L * 60);

        // another account from the same address is not blocked by this one's failures
        Session other = accounts.signUp("Unthrottled Agency");
        assertThat(accounts.login(other.email(), Accounts.PASSWORD).statusCode()).isEqualTo(200);
    }
}
