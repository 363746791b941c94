package com.zoomfactor.backend.live;

import com.zoomfactor.backend.db.Tenancy;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is looking at a client now, across every instance: one row per socket and client, refreshed while the socket
 * lives. Each arrival and departure is a {@code presence} event carrying the whole list (one entry per person, with
 * the moment they started looking), so a dashboard never has to merge partial updates.
 */
final class Presence {

    /** Rows not refreshed for this long belong to an instance that died: they no longer count. */
    static final int STALE_SECONDS = 90;
    static final long HEARTBEAT_MS = 30_000;

    private static final Logger LOG = LoggerFactory.getLogger(Presence.class);

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
    private static final String HEARTBEAT = """
            UPDATE live_presence SET seen_at = now() WHERE agency_id = $1 AND session_id = ANY($2)""";

    private final Tenancy tenancy;

    Presence(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    void join(UUID sessionId, LiveCaller caller, UUID clientId) {
        change(caller, clientId, sql -> sql.preparedQuery(JOIN)
                .execute(Tuple.of(sessionId, caller.caller().agencyId(), clientId, caller.personId())));
    }

    void leave(UUID sessionId, LiveCaller caller, UUID clientId) {
        change(caller, clientId, sql -> sql.preparedQuery(LEAVE)
                .execute(Tuple.of(sessionId, caller.caller().agencyId(), clientId)));
    }

    /** Keeps the rows of live sockets fresh: one statement per agency. */
    void heartbeat(UUID agencyId, Collection<UUID> sessionIds) {
        tenancy.inAgency(agencyId, sql -> sql.preparedQuery(HEARTBEAT)
                        .execute(Tuple.of(agencyId, sessionIds.toArray(UUID[]::new))))
                .onFailure(failure -> LOG.warn("Presence heartbeat failed", failure));
    }

    private void change(LiveCaller caller, UUID clientId,
                        java.util.function.Function<SqlConnection, Future<?>> write) {
        UUID agencyId = caller.caller().agencyId();
        tenancy.inAgency(agencyId, sql -> write.apply(sql)
                        .compose(done -> sql.preparedQuery(FORGET_STALE).execute(Tuple.of(agencyId, clientId, STALE_SECONDS)))
                        .compose(done -> sql.preparedQuery(VIEWERS).execute(Tuple.of(agencyId, clientId)))
                        .compose(rows -> {
                            JsonArray viewers = new JsonArray();
                            rows.forEach(row -> viewers.add(new JsonObject()
                                    .put("userId", row.getUUID("id").toString())
                                    .put("name", row.getString("name"))
                                    .put("since", row.getOffsetDateTime("since").toInstant().toString())));
                            return LiveEvents.record(sql, agencyId, clientId, LiveEvents.PRESENCE,
                                    new JsonObject().put("viewers", viewers));
                        }))
                // the client may have been deleted meanwhile: nothing to announce then
                .onFailure(failure -> LOG.debug("Presence change for client {} not recorded", clientId, failure));
    }
}
