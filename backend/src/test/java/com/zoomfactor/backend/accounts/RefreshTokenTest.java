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

class RefreshTokenTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private Accounts accounts;

    @BeforeEach
    void client() {
        http = live.http();
        accounts = live.accounts();
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

    @Test
    void reusingARotatedRefreshTokenRevokesItsWholeFamily() {
        Session owner = accounts.signUp("Stolen Token Agency");
        String stolen = owner.refreshToken();
        String current = refresh(stolen).bodyAsJsonObject().getString("refreshToken");

        assertError(refresh(stolen), 401);
        assertError(refresh(current), 401);
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
    }
}
