package com.zoomfactor.backend.auth;

import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.LoggedPath;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place that turns a request's credential into a {@link Caller}: a JWT access token for people, an
 * opaque {@code zfk_} token for machines. The person's role is read from the database on every request, so a
 * changed role or a removed member takes effect at once, as does a revoked API token. Anything else is a 401,
 * logged once in one line.
 */
public final class Authenticator implements Handler<RoutingContext> {

    /** last_used_at is written at most this often per token, not on every request. */
    static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    private final JwtTokens jwt;
    private final Tenancy tenancy;

    public Authenticator(JwtTokens jwt, Tenancy tenancy) {
        this.jwt = jwt;
        this.tenancy = tenancy;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        Future<Caller> caller;
        if (header == null || header.isBlank()) {
            caller = Future.failedFuture(new InvalidToken("Sign in first: send 'Authorization: Bearer <token>'", "no credentials"));
        } else if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            caller = Future.failedFuture(new InvalidToken("Only 'Authorization: Bearer <token>' is accepted", "not a bearer credential"));
        } else {
            String token = header.substring(7).trim();
            caller = token.startsWith(OpaqueToken.API_TOKEN + "_") ? machine(token) : person(token);
        }
        caller.onSuccess(identified -> {
            ctx.put(Caller.CONTEXT_KEY, identified);
            ctx.next();
        }).onFailure(failure -> {
            if (failure instanceof InvalidToken invalid) {
                LOG.warn("Rejected credentials for {} {} from {}: {}", ctx.request().method(),
                        LoggedPath.of(ctx.request()), ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().host(), invalid.reason());
            }
            ctx.fail(failure);
        });
    }

    private Future<Caller> person(String token) {
        return jwt.verifyAccess(token).compose(claims -> tenancy.inAgency(claims.agencyId(),
                sql -> membership(sql, claims.agencyId(), claims.personId())));
    }

    /**
     * A caller identified earlier by other means (a live ticket), as they stand now: a person still a member, with
     * their current role; an API token not revoked or expired. Anything else is a 401.
     */
    public Future<Caller> recheck(UUID agencyId, UUID personId, UUID tokenId) {
        if (personId != null) {
            return tenancy.inAgency(agencyId, sql -> membership(sql, agencyId, personId));
        }
        return tenancy.inAgency(agencyId, sql -> CallerStore.apiToken(sql, tokenId, agencyId).map(found -> {
            CallerStore.ApiToken stored = found.orElse(null);
            OffsetDateTime expires = stored == null ? null : stored.expiresAt();
            if (stored == null || stored.revokedAt() != null
                    || (expires != null && !expires.isAfter(OffsetDateTime.now(ZoneOffset.UTC)))) {
                throw new InvalidToken("The API token is no longer valid", "API token " + tokenId + " ended");
            }
            return machineOf(stored, tokenId, agencyId, "API token " + tokenId);
        }));
    }

    private static Future<Caller> membership(SqlConnection sql, UUID agencyId, UUID personId) {
        return CallerStore.membership(sql, agencyId, personId).map(found -> {
            CallerStore.Membership membership = found.orElseThrow(() -> new InvalidToken(
                    "Your access to this agency has ended", "no membership for token subject"));
            return new Caller.Person(personId, agencyId, membership.role(), membership.clientId());
        });
    }

    /** A token acts for its maker: once they are no longer a member, it is refused like a revoked one. */
    private static Caller.Machine machineOf(CallerStore.ApiToken stored, UUID tokenId, UUID agencyId, String logged) {
        if (stored.makerRole() == null) {
            throw new InvalidToken("The API token has been revoked: the person who made it has left the agency",
                    logged + " of a maker who is no longer a member");
        }
        return new Caller.Machine(tokenId, agencyId, stored.scopes(), stored.createdBy(), stored.makerRole(),
                stored.makerClientId());
    }

    private Future<Caller> machine(String text) {
        OpaqueToken token = OpaqueToken.parse(OpaqueToken.API_TOKEN, text).orElse(null);
        if (token == null) {
            return Future.failedFuture(new InvalidToken("The API token is not valid", "malformed API token"));
        }
        return tenancy.inAgency(token.agencyId(), sql -> CallerStore.apiToken(sql, token.id(), token.agencyId())
                .compose(found -> {
                    CallerStore.ApiToken stored = found.orElse(null);
                    if (stored == null || !token.matches(stored.secretHash())) {
                        throw new InvalidToken("The API token is not valid", "unknown API token " + token.visiblePrefix());
                    }
                    if (stored.revokedAt() != null) {
                        throw new InvalidToken("The API token has been revoked", "revoked API token " + token.visiblePrefix());
                    }
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    OffsetDateTime expires = stored.expiresAt();
                    if (expires != null && !expires.isAfter(now)) {
                        throw new InvalidToken("The API token has expired", "expired API token " + token.visiblePrefix());
                    }
                    Caller machine = machineOf(stored, token.id(), token.agencyId(), "API token " + token.visiblePrefix());
                    OffsetDateTime lastUsed = stored.lastUsedAt();
                    if (lastUsed != null && lastUsed.isAfter(now.minus(LAST_USE_PRECISION))) {
                        return Future.succeededFuture(machine);
                    }
                    return CallerStore.touch(sql, token.id(), token.agencyId()).map(machine);
                }));
    }

    /** The handler that lets a route's callers through, or answers 403. Mount after the authenticator. */
    public static Handler<RoutingContext> guard(Access access) {
        return ctx -> {
            if (access.allows(Caller.of(ctx))) {
                ctx.next();
            } else {
                ctx.fail(new ApiException(403, "Your role does not allow this"));
            }
        };
    }
}
