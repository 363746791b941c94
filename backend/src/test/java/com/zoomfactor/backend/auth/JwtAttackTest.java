package com.zoomfactor.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.OpenApiContract;
import com.zoomfactor.backend.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fault suite #5: forged, mangled and misused tokens — alg none and algorithm confusion, stripped and foreign
 * signatures, tampered claims, claims of the wrong type, expired and not yet valid tokens, refresh tokens used as access
 * tokens and the other way round, malformed API tokens and live tickets — against the REST API (an access-token route
 * and the live ticket), the refresh and logout endpoints (body and cookie) and the live WebSocket. None may be
 * accepted, none may get a 5xx, and every refusal is the API's JSON error.
 */
class JwtAttackTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Vertx vertx;
    private WebClient client;
    private Session owner;
    private final List<String> failures = new ArrayList<>();
    private int tried;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        client = WebClient.create(vertx);
        owner = live.accounts().signUp("Attacked Agency");
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    // --- forging ---------------------------------------------------------------------------------------------------

    private static String b64(String text) {
        return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(String key, String algorithm, String input) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token with exactly this header and payload text, signed HS256 with the server's own key. */
    private static String signed(String header, String payload) {
        String input = b64(header) + "." + b64(payload);
        return input + "." + hmac(TestServer.JWT_KEY, "HmacSHA256", input);
    }

    private static String signed(String payload) {
        return signed("{\"typ\":\"JWT\",\"alg\":\"HS256\"}", payload);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** The claims of a valid token of this type, as the server issues them; mutated one at a time below. */
    private JsonObject claims(String typ) {
        JsonObject claims = new JsonObject().put("typ", typ).put("sub", owner.userId().toString())
                .put("agency", owner.agencyId().toString());
        if (typ.equals("refresh")) {
            claims.put("fam", UUID.randomUUID().toString());
        }
        return claims.put("jti", UUID.randomUUID().toString()).put("iat", now()).put("exp", now() + 300)
                .put("aud", JwtTokens.AUDIENCE).put("iss", JwtTokens.ISSUER);
    }

    /** Every forgery of a token of this type; the names say what each one tries. */
    private Map<String, String> forgeries(String typ) {
        Map<String, String> forged = new LinkedHashMap<>();
        String valid = signed(claims(typ).encode());
        String[] parts = valid.split("\\.");

        // algorithms
        for (String alg : List.of("none", "None", "NONE", "nOnE")) {
            String unsigned = b64("{\"typ\":\"JWT\",\"alg\":\"" + alg + "\"}") + "." + parts[1];
            forged.put("alg " + alg + " with an empty signature", unsigned + ".");
            forged.put("alg " + alg + " without a signature", unsigned);
            forged.put("alg " + alg + " keeping the real signature", unsigned + "." + parts[2]);
        }
        for (String alg : List.of("RS256", "ES256", "PS256", "EdDSA")) {
            // algorithm confusion: an asymmetric algorithm named, the token HMAC-signed with the shared key
            forged.put("alg " + alg + " HMAC-signed", signed("{\"typ\":\"JWT\",\"alg\":\"" + alg + "\"}", claims(typ).encode()));
        }
        String input = b64("{\"typ\":\"JWT\",\"alg\":\"HS512\"}") + "." + parts[1];
        forged.put("alg HS512 with the right key", input + "." + hmac(TestServer.JWT_KEY, "HmacSHA512", input));
        input = b64("{\"typ\":\"JWT\",\"alg\":\"HS384\"}") + "." + parts[1];
        forged.put("alg HS384 with the right key", input + "." + hmac(TestServer.JWT_KEY, "HmacSHA384", input));
        forged.put("header alg missing", signed("{\"typ\":\"JWT\"}", claims(typ).encode()));
        forged.put("header alg a number", signed("{\"typ\":\"JWT\",\"alg\":256}", claims(typ).encode()));
        forged.put("header not JSON", b64("not json") + "." + parts[1] + "." + parts[2]);
        forged.put("header with kid traversal", signed("{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"../../../../dev/null\"}",
                claims(typ).encode()) + "x");
        forged.put("header with jku", signed("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"jku\":\"https://evil.example/keys\"}",
                claims(typ).encode()));

        // signatures
        forged.put("signature stripped, dot kept", parts[0] + "." + parts[1] + ".");
        forged.put("signature stripped", parts[0] + "." + parts[1]);
        forged.put("signature of another token", parts[0] + "." + parts[1] + "." + signed(claims(typ).put("jti", "x").encode())
                .split("\\.")[2]);
        String otherKey = "an-attackers-key-that-is-also-long-enough-0123456789";
        String foreignInput = parts[0] + "." + parts[1];
        forged.put("signed with another key", foreignInput + "." + hmac(otherKey, "HmacSHA256", foreignInput));
        forged.put("signed with an empty key", foreignInput + "." + B64.encodeToString(new byte[32]));
        forged.put("signature one bit off", parts[0] + "." + parts[1] + "." + flipFirst(parts[2]));
        // the same signature bytes spelled with other spare bits in the last character (base64url malleability)
        forged.put("signature's spare bits changed", parts[0] + "." + parts[1] + "." + spareBitsChanged(parts[2]));
        forged.put("signature in standard base64", parts[0] + "." + parts[1] + "."
                + Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(parts[2])));
        forged.put("four segments", valid + ".AAAA");
        forged.put("whitespace inside", parts[0] + ". " + parts[1] + "." + parts[2]);
        forged.put("payload not base64", parts[0] + ".!!!." + parts[2]);
        forged.put("payload not JSON", signed("not json"));
        forged.put("payload a JSON array", signed("[1,2,3]"));
        forged.put("payload a JSON string", signed("\"claims\""));
        forged.put("payload empty", signed(""));

        // tampered claims, signature unchanged
        for (Map.Entry<String, Object> change : Map.<String, Object>of("agency", UUID.randomUUID().toString(),
                "sub", UUID.randomUUID().toString(), "typ", typ.equals("access") ? "refresh" : "access",
                "exp", now() + 86_400 * 365).entrySet()) {
            forged.put("tampered " + change.getKey(), parts[0] + "." + b64(claims(typ).put(change.getKey(), change.getValue())
                    .encode()) + "." + parts[2]);
        }

        // claims of the wrong type or range, signed with the right key
        Map<String, Object> wrong = new LinkedHashMap<>();
        wrong.put("a string", "9999999999");
        wrong.put("an object", new JsonObject().put("$date", 1));
        wrong.put("an array", new io.vertx.core.json.JsonArray().add(now() + 300));
        wrong.put("a decimal", now() + 300.5);
        wrong.put("true", true);
        wrong.put("null", null);
        wrong.put("negative", -1);
        wrong.put("Long.MAX", Long.MAX_VALUE);
        wrong.put("Long.MIN", Long.MIN_VALUE);
        for (String claim : List.of("exp", "iat", "nbf")) {
            for (Map.Entry<String, Object> value : wrong.entrySet()) {
                if ((claim.equals("iat") || claim.equals("nbf")) && value.getValue() instanceof Number n
                        && n.longValue() <= now()) {
                    continue; // a past iat or nbf is simply valid
                }
                forged.put(claim + " " + value.getKey(), signed(claims(typ).put(claim, value.getValue()).encode()));
            }
            String raw = claims(typ).put(claim, "__n__").encode();
            forged.put(claim + " 1e400", signed(raw.replace("\"__n__\"", "1e400")));
            forged.put(claim + " a 40-digit integer", signed(raw.replace("\"__n__\"", "9".repeat(40))));
        }
        forged.put("exp a year away", signed(claims(typ).put("exp", now() + 86_400 * 365).encode()));
        forged.put("exp missing", signed(without(claims(typ), "exp").encode()));
        forged.put("expired", signed(claims(typ).put("exp", now() - 120).put("iat", now() - 600).encode()));
        forged.put("nbf in the future", signed(claims(typ).put("nbf", now() + 3600).encode()));
        forged.put("iat in the future", signed(claims(typ).put("iat", now() + 3600).encode()));
        for (String claim : typ.equals("refresh") ? List.of("sub", "agency", "typ", "iss", "aud", "jti", "fam")
                : List.of("sub", "agency", "typ", "iss", "aud", "jti")) {
            forged.put(claim + " a number", signed(claims(typ).put(claim, 42).encode()));
            forged.put(claim + " an object", signed(claims(typ).put(claim, new JsonObject().put("id", 1)).encode()));
            forged.put(claim + " an array", signed(claims(typ).put(claim, new io.vertx.core.json.JsonArray().add("x")).encode()));
            forged.put(claim + " missing", signed(without(claims(typ), claim).encode()));
            forged.put(claim + " empty", signed(claims(typ).put(claim, "").encode()));
            forged.put(claim + " with NUL", signed(claims(typ).put(claim, "a\u0000b").encode()));
        }
        forged.put("sub of another agency's person", signed(claims(typ).put("sub", UUID.randomUUID().toString()).encode()));
        forged.put("agency that does not exist", signed(claims(typ).put("agency", UUID.randomUUID().toString()).encode()));
        forged.put("typ unknown", signed(claims(typ).put("typ", "admin").encode()));
        forged.put("typ share (a share grant)", signed(claims(typ).put("typ", "share").encode()));
        forged.put("typ the other kind", signed(claims(typ).put("typ", typ.equals("access") ? "refresh" : "access")
                .put("fam", UUID.randomUUID().toString()).encode()));
        // with a claim twice, the last one counts (RFC 7519 allows that or a refusal): here it is the wrong kind
        String twice = claims(typ).encode();
        forged.put("typ twice, the last one wrong", signed(twice.substring(0, twice.length() - 1) + ",\"typ\":\""
                + (typ.equals("access") ? "refresh" : "access") + "\"}"));

        // not JWTs at all
        forged.put("empty", "");
        forged.put("garbage", "garbage");
        forged.put("dots", "...");
        forged.put("oversized", valid + "A".repeat(JwtTokens.MAX_LENGTH));
        forged.put("NUL bytes", "a\u0000b.c.d");
        forged.put("non-ASCII", "é.ü.ß");
        return forged;
    }

    private static String flipLast(String base64) {
        char last = base64.charAt(base64.length() - 1);
        return base64.substring(0, base64.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    /** The first character changed: the decoded signature differs in its first bits. */
    private static String flipFirst(String base64) {
        char first = base64.charAt(0);
        return (first == 'A' ? 'B' : 'A') + base64.substring(1);
    }

    /**
     * The last character with its spare low bits changed: a 32-byte signature is 43 characters, whose last one carries
     * 4 bits of the signature and 2 unused bits; a lenient decoder reads the same bytes.
     */
    private static String spareBitsChanged(String base64) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(base64.charAt(base64.length() - 1));
        return base64.substring(0, base64.length() - 1) + alphabet.charAt(last ^ 1);
    }

    private static JsonObject without(JsonObject claims, String claim) {
        claims.remove(claim);
        return claims;
    }

    /** API tokens that look like ours and are not. */
    private Map<String, String> apiTokens() {
        Map<String, String> tokens = new LinkedHashMap<>();
        String real = live.accounts().createToken(owner, "read");
        tokens.put("zfk_ alone", "zfk_");
        tokens.put("zfk_ garbage", "zfk_not-base64!");
        tokens.put("zfk_ too short", real.substring(0, real.length() - 5));
        tokens.put("zfk_ too long", real + "AAAA");
        tokens.put("zfk_ last character changed", flipLast(real));
        tokens.put("zfk_ random bytes of the right length", "zfk_" + B64.encodeToString(new byte[(real.length() - 4) * 3 / 4]));
        tokens.put("zfk_ with NUL", real.substring(0, 10) + "\u0000" + real.substring(11));
        tokens.put("zfk_ in upper case", real.toUpperCase());
        tokens.put("zfk_ with padding", real + "==");
        tokens.put("zfl_ a live ticket's prefix", "zfl_" + real.substring(4));
        tokens.put("zfs_ a share link's prefix", "zfs_" + real.substring(4));
        return tokens;
    }

    // --- attacking -------------------------------------------------------------------------------------------------

    private HttpResponse<Buffer> send(HttpMethod method, String path, Map<String, String> headers, Buffer body) {
        HttpRequest<Buffer> request = client.request(method, live.server().port(), "localhost", path);
        headers.forEach(request::putHeader);
        try {
            HttpResponse<Buffer> response = (body == null ? request.send() : request.sendBuffer(body))
                    .await(30, TimeUnit.SECONDS);
            OpenApiContract.get().check(method.name(), path, response.statusCode(), response.getHeader("Content-Type"),
                    response.bodyAsString() == null ? "" : response.bodyAsString());
            return response;
        } catch (Exception e) { // the contract's AssertionError is no Exception: it reaches the test
            throw new AssertionError(method + " " + path + " got no answer", e);
        }
    }

    /** Refused with this status and the JSON error; anything else (accepted, 5xx, not JSON) is a failure. */
    private void expectRefused(String what, HttpResponse<Buffer> response, int status) {
        tried++;
        String line = what + " → " + response.statusCode() + " " + response.bodyAsString();
        if (response.statusCode() != status) {
            failures.add(line);
            return;
        }
        if (!String.valueOf(response.getHeader("Content-Type")).startsWith("application/json")) {
            failures.add(line + " (not JSON)");
            return;
        }
        JsonObject body = response.bodyAsJsonObject();
        if (!Integer.valueOf(status).equals(body.getInteger("status")) || body.getString("message", "").isBlank()) {
            failures.add(line + " (not {status, message})");
        }
    }

    private static boolean printable(String token) {
        return token.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /** GET /api/me with this Authorization header, its bytes as they are (UTF-8), over a plain socket. */
    private void expectRefusedRaw(String what, String token) {
        tried++;
        try (com.zoomfactor.backend.testing.RawHttp connection = new com.zoomfactor.backend.testing.RawHttp(
                live.server().port())) {
            connection.send(("GET /api/me HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer "
                    + token + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            com.zoomfactor.backend.testing.RawHttp.Response response = connection.read();
            // a NUL or control byte in a header is refused by the decoder (400); anything readable is not a credential
            if ((response.status() != 401 && response.status() != 400)
                    || !String.valueOf(response.header("Content-Type")).startsWith("application/json")
                    || !Integer.valueOf(response.status()).equals(response.json().getInteger("status"))) {
                failures.add(what + " → " + response.status() + " " + response.body());
            }
        } catch (java.io.IOException e) {
            failures.add(what + " → no answer: " + e);
        }
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    @Test
    void theControlsAreAccepted() {
        // proves the forger signs as the server does, so that each refusal below is about the one thing it changes
        assertThat(send(HttpMethod.GET, "/api/me", bearer(signed(claims("access").encode())), null).statusCode())
                .isEqualTo(200);
        assertThat(send(HttpMethod.POST, "/api/live/ticket", bearer(owner.accessToken()), null).statusCode()).isEqualTo(201);
    }

    @Test
    void noForgedOrMisusedTokenIsAcceptedAnywhere() {
        // access tokens, on a REST route and on the live ticket
        for (Map.Entry<String, String> forged : forgeries("access").entrySet()) {
            if (!printable(forged.getValue())) {
                // no HTTP client puts these bytes in a header: a raw socket does
                expectRefusedRaw("access [" + forged.getKey() + "] at /api/me", forged.getValue());
                continue;
            }
            for (String[] route : new String[][] {{"GET", "/api/me"}, {"POST", "/api/live/ticket"}, {"GET", "/api/clients"}}) {
                expectRefused("access [" + forged.getKey() + "] at " + route[1], send(HttpMethod.valueOf(route[0]), route[1],
                        bearer(forged.getValue()), null), 401);
            }
        }
        // the real tokens where the other kind is expected
        expectRefused("a refresh token as an access token", send(HttpMethod.GET, "/api/me", bearer(owner.refreshToken()), null), 401);
        expectRefused("a refresh token for a live ticket", send(HttpMethod.POST, "/api/live/ticket",
                bearer(owner.refreshToken()), null), 401);
        expectRefused("an access token as a refresh token", send(HttpMethod.POST, "/api/auth/refresh", Map.of(
                "Content-Type", "application/json"), new JsonObject().put("refreshToken", owner.accessToken()).toBuffer()), 401);
        expectRefused("an access token in the refresh cookie", send(HttpMethod.POST, "/api/auth/refresh",
                Map.of("Cookie", "zf_refresh=" + owner.accessToken()), null), 401);

        // refresh tokens, in the body and in the cookie
        for (Map.Entry<String, String> forged : forgeries("refresh").entrySet()) {
            String token = forged.getValue();
            if (!token.isEmpty()) {
                expectRefused("refresh [" + forged.getKey() + "] in the body", send(HttpMethod.POST, "/api/auth/refresh",
                        Map.of("Content-Type", "application/json"), new JsonObject().put("refreshToken", token).toBuffer()),
                        // a NUL, or more characters than any token of ours has, fails the body's own check first
                        token.indexOf('\u0000') >= 0 || token.length() > JwtTokens.MAX_LENGTH + 1 ? 400 : 401);
            }
            if (token.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ';')) {
                expectRefused("refresh [" + forged.getKey() + "] in the cookie", send(HttpMethod.POST, "/api/auth/refresh",
                        Map.of("Cookie", "zf_refresh=" + token), null), 401);
            }
            HttpResponse<Buffer> logout = send(HttpMethod.POST, "/api/auth/logout", Map.of("Content-Type", "application/json"),
                    new JsonObject().put("refreshToken", token.isEmpty() ? "x" : token).toBuffer());
            tried++;
            if (logout.statusCode() >= 500) {
                failures.add("logout with [" + forged.getKey() + "] → " + logout.statusCode());
            }
        }

        // API tokens
        for (Map.Entry<String, String> token : apiTokens().entrySet()) {
            if (!printable(token.getValue())) {
                expectRefusedRaw("API token [" + token.getKey() + "] at /api/me", token.getValue());
                continue;
            }
            for (String path : List.of("/api/me", "/api/clients")) {
                expectRefused("API token [" + token.getKey() + "] at " + path, send(HttpMethod.GET, path,
                        bearer(token.getValue()), null), 401);
            }
            expectRefused("API token [" + token.getKey() + "] for a live ticket", send(HttpMethod.POST, "/api/live/ticket",
                    bearer(token.getValue()), null), 401);
        }

        // the live socket: anything but a fresh ticket of ours, in the query
        Map<String, String> tickets = new LinkedHashMap<>();
        tickets.put("an access token", owner.accessToken());
        tickets.put("a refresh token", owner.refreshToken());
        tickets.put("an API token", live.accounts().createToken(owner, "read"));
        tickets.put("zfl_ garbage", "zfl_garbage");
        tickets.put("zfl_ random bytes", "zfl_" + B64.encodeToString(new byte[64]));
        tickets.put("empty", "");
        forgeries("access").entrySet().stream().limit(12).forEach(f -> tickets.put("forged JWT " + f.getKey(), f.getValue()));
        String used = send(HttpMethod.POST, "/api/live/ticket", bearer(owner.accessToken()), null).bodyAsJsonObject()
                .getString("ticket");
        tickets.put("a ticket with one character changed", flipLast(used));
        tickets.put("a ticket with a suffix", used + "A");
        for (Map.Entry<String, String> ticket : tickets.entrySet()) {
            expectRefused("live socket with [" + ticket.getKey() + "]", send(HttpMethod.GET, "/api/live?ticket="
                    + java.net.URLEncoder.encode(ticket.getValue(), StandardCharsets.UTF_8), Map.of(
                    "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Version", "13",
                    "Sec-WebSocket-Key", B64.encodeToString(new byte[16]) + "==",
                    "Origin", "http://localhost:" + live.server().port()), null), 401);
        }

        System.out.printf("Fault suite #5 (JWT attacks): %d cases tried, %d accepted or failed%n", tried, failures.size());
        assertThat(tried).isGreaterThan(500);
        assertThat(failures).as("%d of %d cases", failures.size(), tried).isEmpty();
    }
}
