package com.zoomfactor.backend.sharing;

import com.zoomfactor.backend.auth.OpaqueToken;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.PathSegments;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A live share link found by its token, for the public side: unknown, revoked, expired or wrong secret is 404. */
final class SharedLinkStore {

    private static final String FIND = "SELECT l.secret_hash, l.password_hash, l.client_id, l.expires_at, c.name,"
            + " c.time_zone, c.channels, " + ShareLinkStore.CONTENT_COLUMNS
            + " FROM share_links l JOIN clients c ON c.agency_id = l.agency_id AND c.id = l.client_id"
            + " WHERE l.id = $1 AND l.agency_id = $2 AND l.revoked_at IS NULL"
            + " AND (l.expires_at IS NULL OR l.expires_at > now())";
    /** Guesses are counted under the link's row lock, so parallel guesses cannot all pass the count. */
    private static final String FIND_FOR_GUESS = FIND + " FOR UPDATE OF l";

    /** A live link, found by its token. */
    record Link(UUID id, UUID agencyId, UUID clientId, String passwordHash, OffsetDateTime expiresAt,
                SharedClient client, ShareContent shows) {
    }

    /** The link's client as its holder sees it. */
    public record SharedClient(String name, String timeZone, List<String> channels) {
    }

    private SharedLinkStore() {
    }

    /** The live link the token names, or 404. */
    static Future<Link> find(SqlConnection sql, OpaqueToken token) {
        return find(sql, token, FIND);
    }

    /** As {@link #find}, the link locked until the transaction ends, for counting a password guess. */
    static Future<Link> findForGuess(SqlConnection sql, OpaqueToken token) {
        return find(sql, token, FIND_FOR_GUESS);
    }

    private static Future<Link> find(SqlConnection sql, OpaqueToken token, String query) {
        return sql.preparedQuery(query).execute(Tuple.of(token.id(), token.agencyId())).map(rows -> {
            Row row = rows.size() == 0 ? null : rows.iterator().next();
            if (row == null || !token.matches(row.getBuffer("secret_hash").getBytes())) {
                throw ApiException.notFound(PathSegments.SHARE_LINK_GONE);
            }
            return new Link(token.id(), token.agencyId(), row.getUUID("client_id"), row.getString("password_hash"),
                    row.getOffsetDateTime("expires_at"), new SharedClient(row.getString("name"),
                    row.getString("time_zone"), List.of(row.getArrayOfStrings("channels"))),
                    ShareLinkStore.content(row));
        });
    }
}
