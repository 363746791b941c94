package com.zoomfactor.backend.auth;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every way of forging or mangling an access token answers 401 JSON, never a 500, and never lets anyone in. */
@ExtendWith(VertxExtension.class)
class ForgedTokensTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();
    private static Session owner;
    private Http http;
    private JWTAuth rightKey;
    private JWTAuth wrongKey;

    @BeforeAll
    static void start() {
        owner = live.accounts().signUp("Forgery Target");
    }

    @BeforeEach
    void setUp(Vertx vertx) {
        http = live.http();
        rightKey = signer(vertx, TestServer.JWT_KEY);
        wrongKey = signer(vertx, "an-attackers-key-that-is-also-long-enough-0123456789");
    }

    private static JWTAuth signer(Vertx vertx, String key) {
        return JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(key)));
    }

    private JsonObject claims() {
        return new JsonObject().put("typ", "access").put("sub", owner.userId().toString())
                .put("agency", owner.agencyId().toString()).put("jti", UUID.randomUUID().toString());
    }

    private JWTOptions options() {
        return new JWTOptions().setAlgorithm("HS256").setIssuer(JwtTokens.ISSUER)
                .setAudience(List.of(JwtTokens.AUDIENCE)).setExpiresInMinutes(5);
    }

    private HttpResponse<Buffer> me(String token) {
        return http.call(HttpMethod.GET, "/api/me", token, null);
    }

    private void assertRefused(String token) {
        HttpResponse<Buffer> response = me(token);
        assertError(response, 401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void aTokenForgedWithTheRightKeyAndEveryRightClaimIsAccepted() {
        // the control: proves that the refusals below are about the one thing each of them changes
        assertThat(me(rightKey.generateToken(claims(), options())).statusCode()).isEqualTo(200);
    }

    @Test
    void algorithmNoneIsRefused() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        JsonObject payload = claims().put("iss", JwtTokens.ISSUER).put("aud", JwtTokens.AUDIENCE)
                .put("exp", System.currentTimeMillis() / 1000 + 300);
        String body = b64.encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8));
        assertRefused(header + "." + body + ".");
        assertRefused(header + "." + body);
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String token = rightKey.generateToken(claims(), options());
        String[] parts = token.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        JsonObject other = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                .put("agency", UUID.randomUUID().toString());
        assertRefused(parts[0] + "." + b64.encodeToString(other.encode().getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        assertRefused(wrongKey.generateToken(claims(), options()));
    }

    @Test
    void anExpiredTokenIsRefused() {
        JsonObject expired = claims().put("exp", System.currentTimeMillis() / 1000 - 60);
        assertRefused(rightKey.generateToken(expired, new JWTOptions().setAlgorithm("HS256")
                .setIssuer(JwtTokens.ISSUER).setAudience(List.of(JwtTokens.AUDIENCE))));
        assertThat(me(rightKey.generateToken(expired, new JWTOptions().setAlgorithm("HS256")
                .setIssuer(JwtTokens.ISSUER).setAudience(List.of(JwtTokens.AUDIENCE)))).bodyAsJsonObject()
                .getString("message")).contains("expired");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        assertRefused(rightKey.generateToken(claims(), new JWTOptions().setAlgorithm("HS256")
                .setIssuer(JwtTokens.ISSUER).setAudience(List.of(JwtTokens.AUDIENCE))));
    }

    @Test
    void theWrongIssuerOrAudienceIsRefused() {
        assertRefused(rightKey.generateToken(claims(), options().setIssuer("someone-else")));
        assertRefused(rightKey.generateToken(claims(), options().setAudience(List.of("another-api"))));
    }

    @Test
    void aRefreshOrUntypedTokenIsNotAnAccessToken() {
        assertRefused(rightKey.generateToken(claims().put("typ", "refresh"), options()));
        JsonObject untyped = claims();
        untyped.remove("typ");
        assertRefused(rightKey.generateToken(untyped, options()));
    }

    @Test
    void malformedClaimsAreRefused() {
        assertRefused(rightKey.generateToken(claims().put("sub", "not-a-uuid"), options()));
        assertRefused(rightKey.generateToken(claims().put("agency", 42), options()));
        JsonObject noAgency = claims();
        noAgency.remove("agency");
        assertRefused(rightKey.generateToken(noAgency, options()));
    }

    @Test
    void aTokenWithoutAnIdOfOursIsRefused() {
        assertRefused(rightKey.generateToken(without(claims(), "jti"), options()));
        assertRefused(rightKey.generateToken(claims().put("jti", 7), options()));
    }

    @Test
    void claimsOfTheWrongTypeAre401NotA500() {
        // vertx-auth-jwt reads these with typed getters: a string exp used to escape as a ClassCastException
        assertRefused(rightKey.generateToken(claims().put("exp", "9999999999").put("iss", JwtTokens.ISSUER)
                .put("aud", JwtTokens.AUDIENCE), new JWTOptions().setAlgorithm("HS256")));
        assertRefused(rightKey.generateToken(claims().put("iat", "yesterday"), options()));
        assertRefused(rightKey.generateToken(claims().put("nbf", new JsonObject()), options()));
        assertRefused(rightKey.generateToken(claims().put("exp", Long.MAX_VALUE).put("iss", JwtTokens.ISSUER)
                .put("aud", JwtTokens.AUDIENCE), new JWTOptions().setAlgorithm("HS256")));
        assertRefused(rightKey.generateToken(claims().put("nbf", System.currentTimeMillis() / 1000 + 3600), options()));
    }

    private static JsonObject without(JsonObject claims, String claim) {
        claims.remove(claim);
        return claims;
    }

    @Test
    void aValidTokenForSomeoneWhoIsNotAMemberIsRefused() {
        assertRefused(rightKey.generateToken(claims().put("agency", UUID.randomUUID().toString()), options()));
        assertRefused(rightKey.generateToken(claims().put("sub", UUID.randomUUID().toString()), options()));
    }

    @Test
    void anOversizedTokenIsRefusedBeforeItIsParsed() {
        assertRefused(rightKey.generateToken(claims().put("padding", "x".repeat(5000)), options()));
    }

    @Test
    void garbageAndOtherSchemesAreRefused() {
        assertRefused("garbage");
        assertRefused("a.b.c");
        assertRefused("zfk_not-base64!");
        assertError(http.callWithAuthorization(HttpMethod.GET, "/api/me", "Basic dXNlcjpwYXNz"), 401);
        assertError(http.callWithAuthorization(HttpMethod.GET, "/api/me", "Bearer"), 401);
        assertError(http.get("/api/me"), 401);
    }
}
