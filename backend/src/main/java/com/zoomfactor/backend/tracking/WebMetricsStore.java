package com.zoomfactor.backend.tracking;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneId;
import java.util.UUID;

/** What the daily web metrics need to know of a client: its time zone, and whether a site recognises returns. */
final class WebMetricsStore {

    private static final String CLIENT = "SELECT c.time_zone, coalesce((SELECT bool_or(s.returning_visitors)"
            + " FROM sites s WHERE s.agency_id = c.agency_id AND s.client_id = c.id), false) AS returning"
            + " FROM clients c WHERE c.agency_id = $1 AND c.id = $2";
    /** A client's time zone and returning-visitor setting; null when the client is gone. */
    record ClientSettings(ZoneId zone, boolean returningVisitors) {
    }

    private WebMetricsStore() {
    }

    static Future<ClientSettings> settings(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(CLIENT).execute(Tuple.of(agencyId, clientId)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            var row = rows.iterator().next();
            ZoneId zone;
            try {
                zone = ZoneId.of(row.getString("time_zone"));
            } catch (java.time.DateTimeException e) {
                zone = java.time.ZoneOffset.UTC;
            }
            return new ClientSettings(zone, row.getBoolean("returning"));
        });
    }
}
