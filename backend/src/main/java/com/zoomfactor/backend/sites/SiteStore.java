package com.zoomfactor.backend.sites;

import com.zoomfactor.backend.db.SqlErrors;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.scope.Found;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Clients' tracked sites (SQL and row mapping), and the public lookup of a site key. */
public final class SiteStore {

    static final String NOT_FOUND = "No such site";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, client_id, domain, site_key, returning_visitors, created_at";
    private static final String LIST = "SELECT " + COLUMNS + " FROM sites WHERE agency_id = $1 AND client_id = $2"
            + " ORDER BY domain";
    private static final String INSERT = "INSERT INTO sites (id, agency_id, client_id, domain, site_key)"
            + " VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS;
    private static final String UPDATE = "UPDATE sites SET returning_visitors = $4"
            + " WHERE agency_id = $1 AND client_id = $2 AND id = $3 RETURNING " + COLUMNS;
    private static final String DELETE = "DELETE FROM sites WHERE agency_id = $1 AND client_id = $2 AND id = $3";
    private static final String BY_KEY = "SELECT id, agency_id, client_id, domain, returning_visitors"
            + " FROM tracked_site($1)";
    private static final String OF_CLIENT = "SELECT id FROM sites WHERE agency_id = $1 AND client_id = $2";

    private SiteStore() {
    }

    static Future<List<Site>> list(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId)).map(rows -> {
            List<Site> sites = new ArrayList<>();
            rows.forEach(row -> sites.add(site(row)));
            return sites;
        });
    }

    /** A new site with a random 128-bit key; 409 when another site (of any agency) has the domain. */
    public static Future<Site> insert(SqlConnection sql, UUID agencyId, UUID clientId, String domain) {
        return sql.preparedQuery(INSERT).execute(Tuple.of(UUID.randomUUID(), agencyId, clientId, domain, newKey()))
                .map(rows -> site(rows.iterator().next()))
                .recover(SqlErrors.onUniqueViolation(() -> ApiException.conflict(
                        "The domain " + domain + " is already tracked")));
    }

    static Future<Site> setReturningVisitors(SqlConnection sql, UUID agencyId, UUID clientId, UUID id, boolean on) {
        return sql.preparedQuery(UPDATE).execute(Tuple.of(agencyId, clientId, id, on))
                .map(rows -> Found.one(rows, NOT_FOUND, SiteStore::site));
    }

    /** Deletes the site; its events and bot counts go with it. False when the client has none such. */
    static Future<Boolean> delete(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(DELETE).execute(Tuple.of(agencyId, clientId, id)).map(rows -> rows.rowCount() > 0);
    }

    /** The site a key names, across agencies (the public ingest: the key is the credential). */
    public static Future<Optional<TrackedSite>> byKey(SqlConnection sql, String key) {
        return sql.preparedQuery(BY_KEY).execute(Tuple.of(key)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new TrackedSite(row.getUUID("id"), row.getUUID("agency_id"), row.getUUID("client_id"),
                    row.getString("domain"), row.getBoolean("returning_visitors")));
        });
    }

    /** The ids of a client's sites, inside its agency's transaction. */
    public static Future<List<UUID>> idsOf(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(OF_CLIENT).execute(Tuple.of(agencyId, clientId)).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getUUID("id")));
            return ids;
        });
    }

    private static String newKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Site site(Row row) {
        return new Site(row.getUUID("id"), row.getUUID("client_id"), row.getString("domain"), row.getString("site_key"),
                null, row.getBoolean("returning_visitors"), row.getOffsetDateTime("created_at"));
    }
}
