package com.zoomfactor.backend.sharing;

import com.zoomfactor.backend.scope.Found;

import com.zoomfactor.backend.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The share links as the agency manages them (SQL and row mapping): listed, created, changed and revoked. */
final class ShareLinkStore {

    static final String NOT_FOUND = "No such share link";
    /** The newest links a list answers. */
    static final int MAX_LISTED = 200;

    /** What a link shows, as {@link #content} reads it (the public side reads the same columns). */
    static final String CONTENT_COLUMNS = "l.show_score, l.metrics, l.show_annotations, l.show_goals, l.default_days";
    private static final String COLUMNS = "l.id, l.client_id, l.created_at, l.expires_at, l.revoked_at,"
            + " l.password_hash IS NOT NULL AS protected, l.created_by, u.name AS created_by_name, " + CONTENT_COLUMNS;
    private static final String FROM = " FROM share_links l LEFT JOIN users u ON u.id = l.created_by";
    private static final String LIST = "SELECT " + COLUMNS + FROM
            + " WHERE l.agency_id = $1 AND l.client_id = $2 ORDER BY l.created_at DESC, l.id LIMIT " + MAX_LISTED;
    private static final String ONE = "SELECT " + COLUMNS + FROM + " WHERE l.agency_id = $1 AND l.client_id = $2 AND l.id = $3";
    private static final String INSERT = """
            INSERT INTO share_links (id, agency_id, client_id, secret_hash, password_hash, expires_at, created_by,
                                     show_score, metrics, show_annotations, show_goals, default_days)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""";
    private static final String LOCK = "SELECT revoked_at FROM share_links WHERE agency_id = $1 AND client_id = $2 AND id = $3"
            + " FOR UPDATE";
    private static final String UPDATE_CONTENT = "UPDATE share_links SET show_score = $4, metrics = $5,"
            + " show_annotations = $6, show_goals = $7, default_days = $8 WHERE agency_id = $1 AND client_id = $2 AND id = $3";
    private static final String REVOKE = "UPDATE share_links SET revoked_at = now() WHERE agency_id = $1 AND client_id = $2"
            + " AND id = $3";

    private ShareLinkStore() {
    }

    /** The client's newest links, revoked and expired ones too. */
    static Future<List<ShareLink>> list(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId)).map(rows -> {
            List<ShareLink> links = new ArrayList<>();
            rows.forEach(row -> links.add(link(row)));
            return links;
        });
    }

    /** The link, or 404. */
    static Future<ShareLink> one(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(ONE).execute(Tuple.of(agencyId, clientId, id)).map(rows -> Found.one(rows, NOT_FOUND, ShareLinkStore::link));
    }

    /** Stores a new link under its token's id, with the hash of its secret (never the secret itself). */
    static Future<Void> insert(SqlConnection sql, UUID agencyId, UUID clientId, UUID id, byte[] secretHash,
                               String passwordHash, OffsetDateTime expiresAt, UUID createdBy, ShareContent shows) {
        return sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {id, agencyId, clientId,
                Buffer.buffer(secretHash), passwordHash, expiresAt, createdBy, shows.score(),
                shows.metrics() == null ? null : shows.metrics().toArray(String[]::new), shows.annotations(),
                shows.goals(), shows.defaultDays()})).mapEmpty();
    }

    /** Replaces what the link shows. */
    static Future<Void> updateContent(SqlConnection sql, UUID agencyId, UUID clientId, UUID id, ShareContent shows) {
        return sql.preparedQuery(UPDATE_CONTENT).execute(Tuple.from(new Object[] {agencyId, clientId, id, shows.score(),
                shows.metrics() == null ? null : shows.metrics().toArray(String[]::new), shows.annotations(),
                shows.goals(), shows.defaultDays()})).mapEmpty();
    }

    /** Locks the link until the transaction ends and answers whether it is already revoked, or 404. */
    static Future<Boolean> lockRevoked(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(LOCK).execute(Tuple.of(agencyId, clientId, id)).map(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound(NOT_FOUND);
            }
            return rows.iterator().next().getOffsetDateTime("revoked_at") != null;
        });
    }

    static Future<Void> revoke(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(REVOKE).execute(Tuple.of(agencyId, clientId, id)).mapEmpty();
    }

    private static ShareLink link(Row row) {
        UUID author = row.getUUID("created_by");
        OffsetDateTime expires = row.getOffsetDateTime("expires_at");
        OffsetDateTime revoked = row.getOffsetDateTime("revoked_at");
        String status = revoked != null ? "revoked"
                : expires != null && !expires.isAfter(OffsetDateTime.now(ZoneOffset.UTC)) ? "expired" : "active";
        return new ShareLink(row.getUUID("id"), row.getUUID("client_id"), row.getOffsetDateTime("created_at"),
                author == null ? null : new ShareLink.Author(author, row.getString("created_by_name")), expires,
                row.getBoolean("protected"), revoked, status, content(row));
    }

    /** The link's chosen content, from {@link #CONTENT_COLUMNS}. */
    static ShareContent content(Row row) {
        String[] metrics = row.getArrayOfStrings("metrics");
        return new ShareContent(row.getBoolean("show_score"), metrics == null ? null : List.of(metrics),
                row.getString("show_annotations"), row.getBoolean("show_goals"), row.getInteger("default_days"));
    }
}
