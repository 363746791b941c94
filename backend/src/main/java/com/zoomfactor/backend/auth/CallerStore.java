package com.zoomfactor.backend.auth;

import com.zoomfactor.domain.access.Role;
import com.zoomfactor.domain.access.Scope;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The SQL the authenticator runs on every request: a person's current membership, an API token's current state. */
final class CallerStore {

    /** A person's membership as it stands now. */
    record Membership(Role role, UUID clientId) {
    }

    /**
     * An API token as stored, with its maker's role and client now ({@code makerRole} null when the maker is no longer
     * a member of the agency, or only again since after the token was made).
     */
    record ApiToken(byte[] secretHash, Set<Scope> scopes, OffsetDateTime expiresAt, OffsetDateTime revokedAt,
                    OffsetDateTime lastUsedAt, UUID createdBy, Role makerRole, UUID makerClientId) {
    }

    private static final String MEMBERSHIP = """
            SELECT role, client_id FROM memberships WHERE agency_id = $1 AND user_id = $2""";
    /**
     * The token with its maker's membership as it stands now: none when the maker has left the agency, and none when
     * that membership began after the token (the maker left and was invited back: a token of the earlier membership,
     * even one that escaped the removal's revocation by committing during it, never comes back to life).
     */
    private static final String API_TOKEN = """
            SELECT t.secret_hash, t.scopes, t.expires_at, t.revoked_at, t.last_used_at, t.created_by,
                   m.role AS maker_role, m.client_id AS maker_client_id
              FROM api_tokens t LEFT JOIN memberships m ON m.agency_id = t.agency_id AND m.user_id = t.created_by
                                                         AND m.created_at <= t.created_at
             WHERE t.id = $1 AND t.agency_id = $2""";
    private static final String TOUCH_API_TOKEN = "UPDATE api_tokens SET last_used_at = now() WHERE id = $1 AND agency_id = $2";

    private CallerStore() {
    }

    static Future<Optional<Membership>> membership(SqlConnection sql, UUID agencyId, UUID personId) {
        return sql.preparedQuery(MEMBERSHIP).execute(Tuple.of(agencyId, personId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new Membership(Role.find(row.getString("role")).orElseThrow(), row.getUUID("client_id")));
        });
    }

    static Future<Optional<ApiToken>> apiToken(SqlConnection sql, UUID tokenId, UUID agencyId) {
        return sql.preparedQuery(API_TOKEN).execute(Tuple.of(tokenId, agencyId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new ApiToken(row.getBuffer("secret_hash").getBytes(), scopes(row),
                    row.getOffsetDateTime("expires_at"), row.getOffsetDateTime("revoked_at"),
                    row.getOffsetDateTime("last_used_at"), row.getUUID("created_by"),
                    Role.find(row.getString("maker_role")).orElse(null), row.getUUID("maker_client_id")));
        });
    }

    /** Notes that the token was used now. */
    static Future<Void> touch(SqlConnection sql, UUID tokenId, UUID agencyId) {
        return sql.preparedQuery(TOUCH_API_TOKEN).execute(Tuple.of(tokenId, agencyId)).mapEmpty();
    }

    private static Set<Scope> scopes(Row row) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String scope : row.getArrayOfStrings("scopes")) {
            Scope.find(scope).ifPresent(scopes::add);
        }
        return Set.copyOf(scopes);
    }
}
