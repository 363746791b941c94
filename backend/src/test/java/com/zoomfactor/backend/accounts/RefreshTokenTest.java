package com.zoomfactor.backend.accounts;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.OpenApiContract;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import com.zoomfactor.backend.db.Tenancy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RefreshTokenTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private Accounts accounts;
    private Vertx vertx;

    @BeforeEach
    void client() {
        http = live.http();
        accounts = live.accounts();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeClient() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private HttpResponse<Buffer> refresh(String refreshToken) {
        return http.call(HttpMethod.POST, "/api/auth/refresh", null, new JsonObject().put("refreshToken", refreshToken));
    }

    @Test
    void aRefreshTokenIsTradedOnceForANewPair() {
        Session owner = accounts.signUp("Rotating Agency");
        HttpResponse<Buffer> first = refresh(owner.refreshToken());
        assertThat(first.statusCode()).isEqualTo(200);
        JsonObject pair = first.bodyAsJsonObject();
        assertThat(pair.getString("refreshToken")).isNotEqualTo(owner.refreshToken());
        assertThat(http.call(HttpMethod.GET, "/api/me", pair.getString("accessToken"), null).statusCode()).isEqualTo(200);

        HttpResponse<Buffer> next = refresh(pair.getString("refreshToken"));
        assertThat(next.statusCode()).as("the new one works once too").isEqualTo(200);
    }

    /** Moves the moment the agency's used refresh tokens were rotated into the past, beyond the grace window. */
    private void ageRotations(Session session) throws Exception {
        new Tenancy(live.server().pool()).inAgency(session.agencyId(), sql -> sql.preparedQuery(
                        "UPDATE refresh_tokens SET replaced_at = replaced_at - make_interval(secs => $1) "
                                + "WHERE agency_id = $2 AND replaced_at IS NOT NULL")
                        .execute(Tuple.of((double) AccountHandlers.REFRESH_GRACE.toSeconds() + 1, session.agencyId())))
                .await(10, TimeUnit.SECONDS);
    }

    @Test
    void reusingARotatedRefreshTokenAfterTheGraceWindowRevokesItsWholeFamily() throws Exception {
        Session owner = accounts.signUp("Stolen Token Agency");
        String stolen = owner.refreshToken();
        String current = refresh(stolen).bodyAsJsonObject().getString("refreshToken");
        ageRotations(owner);

        assertError(refresh(stolen), 401);
        assertError(refresh(current), 401);
    }

    @Test
    void aTokenPresentedAgainWithinTheGraceWindowGetsTheSameNewRefreshToken() {
        Session owner = accounts.signUp("Two Tabs Agency");
        JsonObject first = refresh(owner.refreshToken()).bodyAsJsonObject();
        HttpResponse<Buffer> second = refresh(owner.refreshToken());

        assertThat(second.statusCode()).as(second.bodyAsString()).isEqualTo(200);
        assertThat(second.getHeader("Cache-Control")).isEqualTo("no-store");
        JsonObject again = second.bodyAsJsonObject();
        assertThat(again.getString("refreshToken")).as("the one the rotation handed out")
                .isEqualTo(first.getString("refreshToken"));
        assertThat(http.call(HttpMethod.GET, "/api/me", again.getString("accessToken"), null).statusCode()).isEqualTo(200);
        // and the family goes on: that token works once, like any other
        HttpResponse<Buffer> next = refresh(again.getString("refreshToken"));
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.bodyAsJsonObject().getString("refreshToken")).isNotEqualTo(again.getString("refreshToken"));
    }

    @Test
    void twoTabsRefreshingAtTheSameMomentBothStaySignedIn() throws Exception {
        Session owner = accounts.signUp("Racing Tabs Agency");
        List<Future<HttpResponse<Buffer>>> racing = new ArrayList<>();
        WebClient client = WebClient.create(vertx);
        for (int tab = 0; tab < 4; tab++) {
            racing.add(client.post(live.server().port(), "localhost", "/api/auth/refresh")
                    .putHeader("Cookie", "zf_refresh=" + owner.refreshToken()).send());
        }
        Set<String> refreshTokens = new HashSet<>();
        for (Future<HttpResponse<Buffer>> tab : racing) {
            HttpResponse<Buffer> response = tab.await(30, TimeUnit.SECONDS);
            OpenApiContract.get().check("POST", "/api/auth/refresh", response.statusCode(),
                    response.getHeader("Content-Type"), response.bodyAsString());
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
            refreshTokens.add(response.bodyAsJsonObject().getString("refreshToken"));
            assertThat(response.cookies()).anyMatch(cookie -> cookie.startsWith("zf_refresh=" + response.bodyAsJsonObject()
                    .getString("refreshToken")));
        }
        assertThat(refreshTokens).as("every tab holds the same next token, as the shared cookie does").hasSize(1);
        assertThat(refresh(refreshTokens.iterator().next()).statusCode()).isEqualTo(200);
    }

    @Test
    void withinTheGraceWindowALoggedOutFamilyStaysEnded() {
        Session owner = accounts.signUp("Logged Out Tabs Agency");
        String next = refresh(owner.refreshToken()).bodyAsJsonObject().getString("refreshToken");
        assertThat(http.call(HttpMethod.POST, "/api/auth/logout", null, new JsonObject().put("refreshToken", next))
                .statusCode()).isEqualTo(204);
        assertError(refresh(owner.refreshToken()), 401);
        assertError(refresh(next), 401);
    }

    @Test
    void aRefreshTokenIsNeverAnAccessTokenNorTheOtherWayRound() {
        Session owner = accounts.signUp("Typed Tokens Agency");
        assertError(http.call(HttpMethod.GET, "/api/me", owner.refreshToken(), null), 401);
        assertError(refresh(owner.accessToken()), 401);
    }

    @Test
    void theRefreshCookieWorksWithoutABody() {
        Session owner = accounts.signUp("Cookie Agency");
        HttpResponse<Buffer> viaCookie = http.callWithCookie(HttpMethod.POST, "/api/auth/refresh",
                "zf_refresh=" + owner.refreshToken());
        assertThat(viaCookie.statusCode()).isEqualTo(200);
        assertThat(viaCookie.bodyAsJsonObject().getJsonObject("agency").getString("id")).isEqualTo(owner.agencyId().toString());
    }

    @Test
    void loggingOutEndsTheSignIn() {
        Session owner = accounts.signUp("Leaving Agency");
        HttpResponse<Buffer> out = http.call(HttpMethod.POST, "/api/auth/logout", null,
                new JsonObject().put("refreshToken", owner.refreshToken()));
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.cookies()).anyMatch(cookie -> cookie.startsWith("zf_refresh=;") && cookie.contains("Max-Age=0"));
        assertError(refresh(owner.refreshToken()), 401);
        assertThat(http.call(HttpMethod.POST, "/api/auth/logout", null, new JsonObject()).statusCode())
                .as("logging out without a session is harmless").isEqualTo(204);
    }

    @Test
    void garbageIsNotARefreshToken() {
        assertError(refresh("not-a-jwt"), 401);
        assertError(http.call(HttpMethod.POST, "/api/auth/refresh", null, new JsonObject()), 401);
        assertError(http.call(HttpMethod.POST, "/api/auth/refresh", null, new JsonObject().put("refreshToken", 42)), 400);
        assertError(http.callWithCookie(HttpMethod.POST, "/api/auth/refresh", "zf_refresh=a.b.c"), 401);
        assertError(http.callWithCookie(HttpMethod.POST, "/api/auth/refresh", "zf_refresh=%00%ff;;=="), 401);
        assertError(http.callWithCookie(HttpMethod.POST, "/api/auth/refresh", "zf_refresh="), 401);
    }
}
