package com.zoomfactor.backend.tokens;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.auth.OpaqueToken;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.scope.RequestScope;
import com.zoomfactor.domain.access.Scope;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * API tokens for machines: created (the secret shown once), listed with their maker and last use, revoked at once. A
 * token acts for the person who made it: it never does more than that person's current role allows, and it is
 * revoked when they are removed from the agency.
 */
public final class TokenHandlers {

    /** The answer to a creation: the only time the token's secret leaves the server. */
    public record CreatedToken(UUID id, String token, String name, String prefix, List<String> scopes,
                               OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime lastUsedAt) {
    }

    private final RequestScope scope;

    public TokenHandlers(Tenancy tenancy) {
        this.scope = new RequestScope(tenancy);
    }

    /** POST /api/tokens {name, scopes, expiresAt?} */
    public void create(RoutingContext ctx) {
        Caller.Person caller = Caller.person(ctx);
        JsonBody body = JsonBody.of(ctx);
        String name = body.requiredText("name", 100);
        List<String> scopes = scopes(body);
        OffsetDateTime expiresAt = body.optionalInstant("expiresAt").map(instant -> {
            if (!instant.isAfter(Instant.now())) {
                throw ApiException.badRequest("expiresAt must be in the future");
            }
            return instant.atOffset(ZoneOffset.UTC);
        }).orElse(null);
        OpaqueToken token = OpaqueToken.generate(OpaqueToken.API_TOKEN, caller.agencyId());
        scope.inAgency(ctx, (any, sql) -> TokenStore.create(sql, caller, token, name, scopes, expiresAt))
                .respond(created -> {
                    ctx.response().putHeader("Cache-Control", "no-store");
                    JsonResponses.send(ctx, 201, new CreatedToken(created.id(), token.encode(), created.name(),
                            created.prefix(), created.scopes(), created.createdAt(), created.expiresAt(), null));
                });
    }

    /** GET /api/tokens — the agency's tokens that are not revoked; never their secrets. */
    public void list(RoutingContext ctx) {
        scope.inAgency(ctx, (caller, sql) -> TokenStore.list(sql, caller.agencyId())).ok();
    }

    /** DELETE /api/tokens/{id} — refused from its next request on. */
    public void revoke(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "id", "API token");
        scope.inAgency(ctx, (caller, sql) -> TokenStore.revoke(sql, caller.agencyId(), id)).respond(revoked -> {
            if (revoked) {
                ctx.response().setStatusCode(204).end();
            } else {
                ctx.fail(ApiException.notFound("No such API token"));
            }
        });
    }

    private static List<String> scopes(JsonBody body) {
        List<String> given = body.optionalStrings("scopes", 10)
                .orElseThrow(() -> ApiException.badRequest("scopes is required: one or more of " + Scope.knownKeys()));
        LinkedHashSet<String> scopes = new LinkedHashSet<>();
        for (String key : given) {
            scopes.add(Scope.find(key).orElseThrow(() -> ApiException.badRequest(
                    "scopes: unknown scope '" + key + "'; known scopes: " + Scope.knownKeys())).key());
        }
        if (scopes.isEmpty()) {
            throw ApiException.badRequest("scopes must name at least one of " + Scope.knownKeys());
        }
        return List.copyOf(scopes);
    }
}
