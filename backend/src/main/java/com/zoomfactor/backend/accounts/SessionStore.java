package com.zoomfactor.backend.accounts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of sign-ins: one row per refresh token handed out, in families (one per sign-in) that rotation carries on
 * and a replay or a sign-out revokes as a whole.
 */
final class SessionStore {

    /** A presented refresh token's row, as it stands: what decides whether it may be rotated. */
    record TokenState(boolean revoked, boolean expired, boolean replaced, boolean inGrace) {
    }

    /** The family's current token: its id and when it expires. */
    record Current(UUID id, OffsetDateTime expiresAt) {
    }

    private static final String INSERT_REFRESH = """
            INSERT INTO refresh_tokens (id, family_id, agency_id, user_id, expires_at) VALUES ($1, $2, $3, $4, $5)""";
    private static final String REFRESH_TOKEN_FOR_UPDATE = """
            SELECT replaced_at, revoked_at, expires_at < now() AS expired,
                   replaced_at > now() - make_interval(secs => $5) AS in_grace
              FROM refresh_tokens
             WHERE id = $1 AND agency_id = $2 AND user_id = $3 AND family_id = $4
               FOR UPDATE""";
    /** The one token of a sign-in that is neither used nor revoked: what its last rotation handed out. */
    private static final String CURRENT_OF_FAMILY = """
            SELECT id, expires_at FROM refresh_tokens
             WHERE agency_id = $1 AND family_id = $2 AND user_id = $3
               AND replaced_at IS NULL AND revoked_at IS NULL AND expires_at > now()
             ORDER BY created_at DESC LIMIT 1""";
    private static final String MARK_REPLACED = "UPDATE refresh_tokens SET replaced_at = now() WHERE id = $1 AND agency_id = $2";
    private static final String REVOKE_FAMILY = """
            UPDATE refresh_tokens SET revoked_at = now() WHERE agency_id = $1 AND family_id = $2 AND revoked_at IS NULL""";

    private SessionStore() {
    }

    static Future<Void> insert(SqlConnection sql, UUID tokenId, UUID familyId, UUID agencyId, UUID userId,
                               OffsetDateTime expires) {
        return sql.preparedQuery(INSERT_REFRESH).execute(Tuple.of(tokenId, familyId, agencyId, userId, expires))
                .mapEmpty();
    }

    /**
     * The token's row, locked until the transaction ends: parallel uses of one token wait for each other, and the
     * second sees the first's rotation. {@code inGrace} tells a token replaced less than {@code grace} ago.
     */
    static Future<Optional<TokenState>> lock(SqlConnection sql, UUID tokenId, UUID agencyId, UUID personId,
                                             UUID familyId, Duration grace) {
        return sql.preparedQuery(REFRESH_TOKEN_FOR_UPDATE)
                .execute(Tuple.of(tokenId, agencyId, personId, familyId, (double) grace.toSeconds()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new TokenState(row.getOffsetDateTime("revoked_at") != null,
                            row.getBoolean("expired"), row.getOffsetDateTime("replaced_at") != null,
                            Boolean.TRUE.equals(row.getBoolean("in_grace"))));
                });
    }

    static Future<Optional<Current>> currentOfFamily(SqlConnection sql, UUID agencyId, UUID familyId, UUID personId) {
        return sql.preparedQuery(CURRENT_OF_FAMILY).execute(Tuple.of(agencyId, familyId, personId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new Current(row.getUUID("id"), row.getOffsetDateTime("expires_at")));
        });
    }

    static Future<Void> markReplaced(SqlConnection sql, UUID tokenId, UUID agencyId) {
        return sql.preparedQuery(MARK_REPLACED).execute(Tuple.of(tokenId, agencyId)).mapEmpty();
    }

    /** Ends every session of the sign-in; answers how many tokens were still valid. */
    static Future<Integer> revokeFamily(SqlConnection sql, UUID agencyId, UUID familyId) {
        return sql.preparedQuery(REVOKE_FAMILY).execute(Tuple.of(agencyId, familyId)).map(revoked -> revoked.rowCount());
    }
}
