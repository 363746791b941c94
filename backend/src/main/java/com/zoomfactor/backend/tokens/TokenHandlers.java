package com.zoomfactor.backend.tokens;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.auth.OpaqueToken;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.domain.access.Role;
import com.zoomfactor.domain.access.Scope;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * API tokens for machines: created (the secret shown once), listed with their maker and last use, revoked at once. A
 * token acts for the person who made it: it never does more than that person's current role allows, and it is
 * revoked when they are removed from the agency.
 */
public final class TokenHandlers {

    public record TokenView(UUID id, String name, String prefix, List<String> scopes, OffsetDateTime createdAt,
                            OffsetDateTime expiresAt, OffsetDateTime lastUsedAt, Maker createdBy, boolean narrowed) {
    }

    /**
     * Who made a token: {@code role} is their role now (null once they have left; the token is then refused). A maker
     * no longer owner or admin has {@code narrowed} tokens: they do at most what that role allows.
     */
    public record Maker(UUID id, String name, Role role) {
    }

    /** The answer to a creation: the only time the token's secret leaves the server. */
    public record CreatedToken(UUID id, String token, String name, String prefix, List<String> scopes,
                               OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime lastUsedAt) {
    }

    private static final String COLUMNS = "id, name, prefix, scopes, created_at, expires_at, last_used_at, created_by";
    private static final String INSERT = """
            INSERT INTO api_tokens (id, agency_id, name, prefix, secret_hash, scopes, created_by, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING\s""" + COLUMNS;
    private static final String LIST = """
            SELECT t.id, t.name, t.prefix, t.scopes, t.created_at, t.expires_at, t.last_used_at, t.created_by,
                   u.name AS maker_name, m.role AS maker_role
              FROM api_tokens t
              LEFT JOIN users u ON u.id = t.created_by
              LEFT JOIN memberships m ON m.agency_id = t.agency_id AND m.user_id = t.created_by
                                     AND m.created_at <= t.created_at
             WHERE t.agency_id = $1 AND t.revoked_at IS NULL ORDER BY t.created_at DESC, t.id""";

    private static final String REVOKE = """
            UPDATE api_tokens SET revoked_at = now() WHERE agency_id = $1 AND id = $2 AND revoked_at IS NULL""";

    private final Tenancy tenancy;

    public TokenHandlers(Tenancy tenancy) {
        this.tenancy = tenancy;
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
        tenancy.inAgency(caller.agencyId(), sql -> sql.preparedQuery(INSERT).execute(Tuple.of(
                        token.id(), caller.agencyId(), name, token.visiblePrefix(), Buffer.buffer(token.secretHash()),
                        scopes.toArray(String[]::new), caller.personId(), expiresAt)))
                .onSuccess(rows -> {
                    TokenView created = view(rows.iterator().next(), null, caller.role());
                    ctx.response().putHeader("Cache-Control", "no-store");
                    JsonResponses.send(ctx, 201, new CreatedToken(created.id(), token.encode(), created.name(),
                            created.prefix(), created.scopes(), created.createdAt(), created.expiresAt(), null));
                })
                .onFailure(ctx::fail);
    }

    /** GET /api/tokens — the agency's tokens that are not revoked; never their secrets. */
    public void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        tenancy.inAgency(caller.agencyId(), sql -> sql.preparedQuery(LIST).execute(Tuple.of(caller.agencyId())))
                .map(rows -> {
                    List<TokenView> tokens = new ArrayList<>();
                    rows.forEach(row -> tokens.add(view(row, row.getString("maker_name"),
                            Role.find(row.getString("maker_role")).orElse(null))));
                    return tokens;
                })
                .onSuccess(tokens -> JsonResponses.send(ctx, 200, tokens))
                .onFailure(ctx::fail);
    }

    /** DELETE /api/tokens/{id} — refused from its next request on. */
    public void revoke(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID id = PathParams.uuid(ctx, "id", "API token");
        tenancy.inAgency(caller.agencyId(), sql -> sql.preparedQuery(REVOKE).execute(Tuple.of(caller.agencyId(), id)))
                .onSuccess(rows -> {
                    if (rows.rowCount() == 0) {
                        ctx.fail(ApiException.notFound("No such API token"));
                    } else {
                        ctx.response().setStatusCode(204).end();
                    }
                })
                .onFailure(ctx::fail);
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

    private static TokenView view(Row row, String makerName, Role makerRole) {
        UUID makerId = row.getUUID("created_by");
        Maker maker = makerId == null ? null : new Maker(makerId, makerName, makerRole);
        // only owners and admins make tokens: a maker below that now has narrowed them (or, gone, ended them)
        boolean narrowed = makerRole != Role.OWNER && makerRole != Role.ADMIN;
        return new TokenView(row.getUUID("id"), row.getString("name"), row.getString("prefix"),
                List.of(row.getArrayOfStrings("scopes")), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("expires_at"), row.getOffsetDateTime("last_used_at"), maker, narrowed);
    }
}
