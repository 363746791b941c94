package com.zoomfactor.backend.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.auth.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Issues and checks the two kinds of JWT: short-lived access tokens and single-use refresh tokens. Beyond
 * vertx-auth-jwt's checks (signature, algorithm, expiry, issuer, audience) every token must carry {@code exp}
 * and a {@code typ} claim, so that a refresh token is never taken for an access token, and well-formed ids.
 */
public final class JwtTokens {

    public static final String ISSUER = "zoom-factor";
    public static final String AUDIENCE = "zoom-factor-api";
    public static final Duration ACCESS_LIFETIME = Duration.ofMinutes(15);
    public static final Duration REFRESH_LIFETIME = Duration.ofDays(30);
    /** Anything longer is refused before it is parsed. */
    public static final int MAX_LENGTH = 4096;
    /** Clock skew tolerated on iat, nbf and on how far exp may lie beyond a token's lifetime. */
    static final long LEEWAY_SECONDS = 60;
    /**
     * Clock skew between instances that vertx-auth-jwt tolerates on exp, iat and nbf (its default is none: an instance
     * a second behind the issuer refused a fresh token as issued in the future). Small, so expiry still means expiry.
     */
    static final int CLOCK_SKEW_SECONDS = 5;
    /** header.payload.signature, each unpadded base64url: the only form we issue. */
    private static final java.util.regex.Pattern COMPACT =
            java.util.regex.Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    static final String ALGORITHM = "HS256";
    static final String TYPE_ACCESS = "access";
    static final String TYPE_REFRESH = "refresh";
    static final String TYPE_SHARE_GRANT = "share";
    /** How long the right password opens a share link for (the link itself is checked on every request). */
    public static final Duration SHARE_GRANT_LIFETIME = Duration.ofHours(1);

    private final JWTAuth jwt;

    public JwtTokens(Vertx vertx, String key) {
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(key))
                .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setAudience(List.of(AUDIENCE))
                        .setLeeway(CLOCK_SKEW_SECONDS)));
    }

    /** What an access token says: this person, acting for this agency. */
    public record AccessClaims(UUID personId, UUID agencyId) {
    }

    /** What a refresh token says: which person and agency, which login (family) and which token of it. */
    public record RefreshClaims(UUID personId, UUID agencyId, UUID familyId, UUID tokenId) {
    }

    /** Whether every segment is the canonical base64url (no padding) of the bytes it decodes to. */
    static boolean canonical(String token) {
        java.util.Base64.Decoder decoder = java.util.Base64.getUrlDecoder();
        java.util.Base64.Encoder encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        for (String segment : token.split("\\.", -1)) {
            try {
                if (!encoder.encodeToString(decoder.decode(segment)).equals(segment)) {
                    return false;
                }
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
        }
        return true;
    }

    public String issueAccess(UUID personId, UUID agencyId) {
        return sign(new JsonObject()
                .put("typ", TYPE_ACCESS)
                .put("sub", personId.toString())
                .put("agency", agencyId.toString())
                .put("jti", UUID.randomUUID().toString()), ACCESS_LIFETIME);
    }

    /**
     * The refresh token of this row, expiring at {@code expiresAt} (whole seconds). Its issue time is derived from the
     * expiry, so signing the same row again gives the very same token: a session can be handed out twice without the
     * token ever being stored.
     */
    public String issueRefresh(RefreshClaims claims, Instant expiresAt) {
        long exp = expiresAt.getEpochSecond();
        return jwt.generateToken(new JsonObject()
                .put("typ", TYPE_REFRESH)
                .put("sub", claims.personId().toString())
                .put("agency", claims.agencyId().toString())
                .put("fam", claims.familyId().toString())
                .put("jti", claims.tokenId().toString())
                .put("iat", exp - REFRESH_LIFETIME.toSeconds())
                .put("exp", exp), new JWTOptions()
                .setAlgorithm(ALGORITHM)
                .setIssuer(ISSUER)
                .setAudience(List.of(AUDIENCE)));
    }

    /** A grant to read one password-protected share link, bound to its id; worth nothing as an access token. */
    public String issueShareGrant(UUID linkId) {
        return sign(new JsonObject()
                .put("typ", TYPE_SHARE_GRANT)
                .put("sub", linkId.toString())
                .put("jti", UUID.randomUUID().toString()), SHARE_GRANT_LIFETIME);
    }

    /** The share link a grant opens. */
    public Future<UUID> verifyShareGrant(String token) {
        return verify(token, TYPE_SHARE_GRANT, "access grant").map(p -> uuid(p, "sub", "access grant"));
    }

    public Future<AccessClaims> verifyAccess(String token) {
        return verify(token, TYPE_ACCESS, "access")
                .map(p -> new AccessClaims(uuid(p, "sub", "access"), uuid(p, "agency", "access")));
    }

    public Future<RefreshClaims> verifyRefresh(String token) {
        return verify(token, TYPE_REFRESH, "refresh").map(p -> new RefreshClaims(uuid(p, "sub", "refresh"),
                uuid(p, "agency", "refresh"), uuid(p, "fam", "refresh"), uuid(p, "jti", "refresh")));
    }

    private String sign(JsonObject claims, Duration lifetime) {
        return jwt.generateToken(claims, new JWTOptions()
                .setAlgorithm(ALGORITHM)
                .setIssuer(ISSUER)
                .setAudience(List.of(AUDIENCE))
                .setExpiresInSeconds((int) lifetime.toSeconds()));
    }

    private Future<JsonObject> verify(String token, String type, String kind) {
        if (token == null || token.isEmpty()) {
            return Future.failedFuture(new InvalidToken("No " + kind + " token was given", "empty token"));
        }
        if (token.length() > MAX_LENGTH) {
            return Future.failedFuture(new InvalidToken("The " + kind + " token is not valid",
                    "oversized token (" + token.length() + " characters)"));
        }
        if (!COMPACT.matcher(token).matches()) {
            // one spelling per token: no padding, no standard-base64 characters, no whitespace, three parts
            return Future.failedFuture(new InvalidToken("The " + kind + " token is not valid", "not a compact JWS"));
        }
        if (!canonical(token)) {
            // base64url leaves spare bits in a segment's last character: "one bit off" there decodes to the same bytes,
            // so the signature would still match; only the one canonical spelling of each segment is a token
            return Future.failedFuture(new InvalidToken("The " + kind + " token is not valid",
                    "a segment is not in canonical base64url"));
        }
        Future<User> authenticated;
        try {
            // vertx-auth-jwt reads aud, iss, exp, iat and nbf with typed getters that throw on a claim of the wrong
            // type (a string exp, a numeric iss): whatever it throws is a token that is not valid, not a 500
            authenticated = jwt.authenticate(new TokenCredentials(token));
        } catch (RuntimeException malformed) {
            authenticated = Future.failedFuture(malformed);
        }
        return authenticated
                .recover(rejected -> Future.failedFuture(rejection(kind, rejected)))
                .compose(user -> {
                    try {
                        return Future.succeededFuture(claims(user.attributes().getJsonObject("accessToken"), type, kind));
                    } catch (InvalidToken invalid) {
                        return Future.failedFuture(invalid);
                    } catch (RuntimeException malformed) {
                        return Future.failedFuture(new InvalidToken("The " + kind + " token is not valid",
                                "malformed claims: " + malformed.getClass().getSimpleName()));
                    }
                });
    }

    /**
     * The decoded payload, once its registered claims have the types and ranges a token of ours has: exp a whole
     * number no further away than the type's lifetime, iat and nbf (if any) whole numbers not in the future, a jti that
     * is an id, and the expected typ. vertx-auth-jwt has already checked the signature, issuer, audience and expiry.
     */
    private static JsonObject claims(JsonObject payload, String type, String kind) {
        if (payload == null) {
            throw new InvalidToken("The " + kind + " token is not valid", "no payload");
        }
        long now = System.currentTimeMillis() / 1000;
        Long exp = wholeSeconds(payload.getValue("exp"));
        if (exp == null) {
            throw new InvalidToken("The " + kind + " token is not valid", payload.containsKey("exp")
                    ? "exp claim is not a whole number" : "no exp claim");
        }
        if (exp > now + lifetime(type).toSeconds() + LEEWAY_SECONDS) {
            throw new InvalidToken("The " + kind + " token is not valid", "exp claim beyond the " + type + " lifetime");
        }
        for (String claim : List.of("iat", "nbf")) {
            if (payload.containsKey(claim)) {
                Long seconds = wholeSeconds(payload.getValue(claim));
                if (seconds == null) {
                    throw new InvalidToken("The " + kind + " token is not valid", claim + " claim is not a whole number");
                }
                if (seconds > now + LEEWAY_SECONDS) {
                    throw new InvalidToken("The " + kind + " token is not valid yet", claim + " claim in the future");
                }
            }
        }
        // every token of ours names itself with a random id; a token without a well-formed one was not made here
        uuid(payload, "jti", kind);
        if (!type.equals(payload.getValue("typ"))) {
            Object typ = payload.getValue("typ");
            throw new InvalidToken("The " + kind + " token is not valid", "typ claim is "
                    + (typ instanceof String text && text.length() <= 20 ? text : typ == null ? "missing" : "malformed")
                    + ", expected " + type);
        }
        return payload;
    }

    /** A NumericDate as JSON gives it: an int or a long; decimals, huge numbers and anything else are not one. */
    private static Long wholeSeconds(Object value) {
        if (value instanceof Integer number) {
            return number.longValue();
        }
        if (value instanceof Long number) {
            return number;
        }
        return null;
    }

    private static Duration lifetime(String type) {
        return switch (type) {
            case TYPE_ACCESS -> ACCESS_LIFETIME;
            case TYPE_REFRESH -> REFRESH_LIFETIME;
            case TYPE_SHARE_GRANT -> SHARE_GRANT_LIFETIME;
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static InvalidToken rejection(String kind, Throwable rejected) {
        String reason = String.valueOf(rejected.getMessage());
        if (reason.contains("expired")) {
            return new InvalidToken("The " + kind + " token has expired", reason);
        }
        return new InvalidToken("The " + kind + " token is not valid", rejected.getClass().getSimpleName() + ": " + reason);
    }

    private static UUID uuid(JsonObject payload, String claim, String kind) {
        Object value = payload.getValue(claim);
        if (value instanceof String text) {
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException malformed) {
                // reported below
            }
        }
        throw new InvalidToken("The " + kind + " token is not valid", "malformed " + claim + " claim");
    }
}
