package com.zoomfactor.backend.accounts;

import com.zoomfactor.backend.accounts.Views.AgencyView;
import com.zoomfactor.backend.accounts.Views.AuthSession;
import com.zoomfactor.backend.accounts.Views.UserView;
import com.zoomfactor.backend.auth.JwtTokens;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.domain.access.Role;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Opens sessions: records the refresh token (inside the caller's transaction, so that a session exists only
 * if everything around it committed) and hands out both tokens, the refresh token also as a cookie the SPA's
 * JavaScript cannot read.
 */
public final class Sessions {

    public static final String REFRESH_COOKIE = "zf_refresh";
    static final String COOKIE_PATH = "/api/auth";

    private final JwtTokens jwt;

    public Sessions(JwtTokens jwt) {
        this.jwt = jwt;
    }

    /** A new session; {@code familyId} is new at sign-in and carried over when a refresh token is rotated. */
    public Future<AuthSession> open(SqlConnection sql, UserView user, AgencyView agency, Role role, UUID clientId,
                                    UUID familyId) {
        UUID tokenId = UUID.randomUUID();
        // whole seconds, as in the token's exp: the row then says exactly which token it is (see again)
        OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(JwtTokens.REFRESH_LIFETIME)
                .truncatedTo(ChronoUnit.SECONDS);
        return SessionStore.insert(sql, tokenId, familyId, agency.id(), user.id(), expires)
                .map(inserted -> again(user, agency, role, clientId, familyId, tokenId, expires));
    }

    /**
     * The session of an existing refresh-token row: the same refresh token as when the row was made (signed again from
     * the row, never stored), with a new access token.
     */
    public AuthSession again(UserView user, AgencyView agency, Role role, UUID clientId, UUID familyId, UUID tokenId,
                             OffsetDateTime expires) {
        return new AuthSession(jwt.issueAccess(user.id(), agency.id()),
                jwt.issueRefresh(new JwtTokens.RefreshClaims(user.id(), agency.id(), familyId, tokenId),
                        expires.toInstant()),
                JwtTokens.ACCESS_LIFETIME.toSeconds(), user, agency, role, clientId);
    }

    public static void respond(RoutingContext ctx, int status, AuthSession session) {
        ctx.response().addCookie(refreshCookie(ctx, session.refreshToken(), JwtTokens.REFRESH_LIFETIME.toSeconds()));
        ctx.response().putHeader("Cache-Control", "no-store");
        JsonResponses.send(ctx, status, session);
    }

    public static void clearCookie(RoutingContext ctx) {
        ctx.response().addCookie(refreshCookie(ctx, "", 0));
    }

    /** The refresh token from the body, or else from the cookie. */
    public static String presented(RoutingContext ctx, java.util.Optional<String> fromBody) {
        if (fromBody.isPresent()) {
            return fromBody.get();
        }
        Cookie cookie = ctx.request().getCookie(REFRESH_COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    private static Cookie refreshCookie(RoutingContext ctx, String value, long maxAgeSeconds) {
        boolean tls = ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
        return Cookie.cookie(REFRESH_COOKIE, value)
                .setPath(COOKIE_PATH)
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setSecure(tls)
                .setMaxAge(maxAgeSeconds);
    }
}
