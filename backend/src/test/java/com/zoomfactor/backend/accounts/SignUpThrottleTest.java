package com.zoomfactor.backend.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.auth.LoginThrottle;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-ups from one address are throttled like sign-ins: each costs a password hash and makes an agency. */
class SignUpThrottleTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static HttpResponse<Buffer> signUp(String email) {
        return live.http().call(HttpMethod.POST, "/api/auth/signup", null, new JsonObject()
                .put("agencyName", "Flood " + email).put("name", "Flooder").put("email", email)
                .put("password", Accounts.PASSWORD));
    }

    @Test
    void oneAddressSigningUpInALoopIsRefusedWith429AndRetryAfter() {
        for (int i = 0; i < LoginThrottle.ADDRESS_SIGNUPS; i++) {
            HttpResponse<Buffer> signedUp = signUp(Accounts.uniqueEmail("flood" + i));
            assertThat(signedUp.statusCode()).as(signedUp.bodyAsString()).isEqualTo(201);
        }
        String refusedEmail = Accounts.uniqueEmail("one-too-many");
        HttpResponse<Buffer> refused = signUp(refusedEmail);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.bodyAsJsonObject().getInteger("status")).isEqualTo(429);
        assertThat(refused.bodyAsJsonObject().getString("message")).isNotBlank();
        assertThat(Long.parseLong(refused.getHeader("Retry-After")))
                .isBetween(1L, LoginThrottle.WINDOW.toSeconds());
        // nothing was made for the refused one
        assertThat(live.accounts().login(refusedEmail, Accounts.PASSWORD).statusCode()).isEqualTo(401);
    }
}
