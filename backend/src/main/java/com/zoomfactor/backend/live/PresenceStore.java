package com.zoomfactor.backend.live;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.UUID;

/** The SQL of presence: one row per socket and client, refreshed while the socket lives, and who is looking now. */
final class PresenceStore {

    private static final String JOIN = """
            INSERT INTO live_presence (session_id, agency_id, client_id, person_id) VALUES ($1, $2, $3, $4)
            ON CONFLICT (session_id, client_id) DO UPDATE SET seen_at = now()""";
    private static final String LEAVE = "DELETE FROM live_presence WHERE session_id = $1 AND agency_id = $2 AND client_id = $3";
    private static final String FORGET_STALE = """
            DELETE FROM live_presence
             WHERE agency_id = $1 AND client_id = $2 AND seen_at < now() - make_interval(secs => $3)""";
    private static final String VIEWERS = """
            SELECT u.id, u.name, min(p.since) AS since
              FROM live_presence p JOIN users u ON u.id = p.person_id
             WHERE p.agency_id = $1 AND p.client_id = $2
             GROUP BY u.id, u.name ORDER BY min(p.since), u.id""";
    /** An upsert: a row forgotten while this instance could not reach the database comes back. */
    private static final String HEARTBEAT = """
            INSERT INTO live_presence (session_id, agency_id, client_id, person_id)
            SELECT s, $1, c, p FROM unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS t(s, c, p)
            ON CONFLICT (session_id, client_id) DO UPDATE SET seen_at = now()""";
    /** Presence changes of one client, one at a time: each reads the list the previous one left. */
    private static final String SERIALIZE = "SELECT pg_advisory_xact_lock(hashtextextended($1::text, 7))";

    private PresenceStore() {
    }

    static Future<Void> join(SqlConnection sql, UUID sessionId, UUID agencyId, UUID clientId, UUID personId) {
        return sql.preparedQuery(JOIN).execute(Tuple.of(sessionId, agencyId, clientId, personId)).mapEmpty();
    }

    static Future<Void> leave(SqlConnection sql, UUID sessionId, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(LEAVE).execute(Tuple.of(sessionId, agencyId, clientId)).mapEmpty();
    }

    /** Refreshes the rows of these sockets of one agency: one statement. */
    static Future<Void> heartbeat(SqlConnection sql, UUID agencyId, Collection<Presence.Look> looks) {
        // arrays added one by one: Tuple.of would spread a lone array into its varargs
        Tuple values = Tuple.tuple().addUUID(agencyId)
                .addArrayOfUUID(looks.stream().map(Presence.Look::sessionId).toArray(UUID[]::new))
                .addArrayOfUUID(looks.stream().map(Presence.Look::clientId).toArray(UUID[]::new))
                .addArrayOfUUID(looks.stream().map(Presence.Look::personId).toArray(UUID[]::new));
        return sql.preparedQuery(HEARTBEAT).execute(values).mapEmpty();
    }

    /** Waits for the presence changes of this client that went first, until the transaction ends. */
    static Future<Void> serialize(SqlConnection sql, UUID clientId) {
        return sql.preparedQuery(SERIALIZE).execute(Tuple.of(clientId.toString())).mapEmpty();
    }

    /** Forgets the rows not refreshed for {@code staleSeconds}: their instance died. */
    static Future<Void> forgetStale(SqlConnection sql, UUID agencyId, UUID clientId, int staleSeconds) {
        return sql.preparedQuery(FORGET_STALE).execute(Tuple.of(agencyId, clientId, staleSeconds)).mapEmpty();
    }

    /** Who looks at the client: one entry per person, with the moment they started looking, earliest first. */
    static Future<JsonArray> viewers(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(VIEWERS).execute(Tuple.of(agencyId, clientId)).map(rows -> {
            JsonArray viewers = new JsonArray();
            rows.forEach(row -> viewers.add(new JsonObject()
                    .put("userId", row.getUUID("id").toString())
                    .put("name", row.getString("name"))
                    .put("since", row.getOffsetDateTime("since").toInstant().toString())));
            return viewers;
        });
    }
}
