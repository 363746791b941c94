package com.zoomfactor.backend.tokens;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.auth.OpaqueToken;
import com.zoomfactor.domain.access.Role;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The SQL of API tokens: storing a new one (its secret only as a hash), listing them with their makers, revoking. */
public final class TokenStore {

    public record TokenView(UUID id, String name, String prefix, List<String> scopes, OffsetDateTime createdAt,
                            OffsetDateTime expiresAt, OffsetDateTime lastUsedAt, Maker createdBy, boolean narrowed) {
    }

    /**
     * Who made a token: {@code role} is their role now (null once they have left; the token is then refused). A maker
     * no longer owner or admin has {@code narrowed} tokens: they do at most what that role allows.
     */
    public record Maker(UUID id, String name, Role role) {
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

    private TokenStore() {
    }

    /** Stores the token made by {@code maker}; the answer's maker is left out (the caller knows who they are). */
    public static Future<TokenView> create(SqlConnection sql, Caller.Person maker, OpaqueToken token, String name,
                                           List<String> scopes, OffsetDateTime expiresAt) {
        return sql.preparedQuery(INSERT).execute(Tuple.of(token.id(), maker.agencyId(), name, token.visiblePrefix(),
                        Buffer.buffer(token.secretHash()), scopes.toArray(String[]::new), maker.personId(), expiresAt))
                .map(rows -> view(rows.iterator().next(), null, maker.role()));
    }

    /** The agency's tokens that are not revoked, newest first. */
    public static Future<List<TokenView>> list(SqlConnection sql, UUID agencyId) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId)).map(rows -> {
            List<TokenView> tokens = new ArrayList<>();
            rows.forEach(row -> tokens.add(view(row, row.getString("maker_name"),
                    Role.find(row.getString("maker_role")).orElse(null))));
            return tokens;
        });
    }

    /** Whether a token of the agency that was not revoked yet is revoked now. */
    public static Future<Boolean> revoke(SqlConnection sql, UUID agencyId, UUID id) {
        return sql.preparedQuery(REVOKE).execute(Tuple.of(agencyId, id)).map(rows -> rows.rowCount() > 0);
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
