package com.zoomfactor.backend.live;

import com.zoomfactor.backend.scope.ClientCheckStore;

import com.zoomfactor.backend.events.EventStore;

import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.db.DatabaseUnavailable;
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
    /** An upsert: a row forgotten while this instance could not reach the database comes back. */
    private static final String HEARTBEAT = """
            INSERT INTO live_presence (session_id, agency_id, client_id, person_id)
            SELECT s, $1, c, p FROM unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS t(s, c, p)
            ON CONFLICT (session_id, client_id) DO UPDATE SET seen_at = now()""";
    /** Presence changes of one client, one at a time: each reads the list the previous one left. */
    private static final String SERIALIZE = "SELECT pg_advisory_xact_lock(hashtextextended($1::text, 7))";

    /** One socket looking at one client, for the heartbeat. */
    record Look(UUID sessionId, UUID clientId, UUID personId) {
    }

    private final Tenancy tenancy;

    Presence(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /** Completes when recorded (or found impossible: the client is gone); never fails. */
    Future<Void> join(UUID sessionId, LiveCaller caller, UUID clientId) {
        return change(caller, clientId, sql -> sql.preparedQuery(JOIN)
                .execute(Tuple.of(sessionId, caller.caller().agencyId(), clientId, caller.personId())));
    }

    Future<Void> leave(UUID sessionId, LiveCaller caller, UUID clientId) {
        return change(caller, clientId, sql -> sql.preparedQuery(LEAVE)
                .execute(Tuple.of(sessionId, caller.caller().agencyId(), clientId)));
    }

    /** Keeps the rows of live sockets fresh: one statement per agency. */
    void heartbeat(UUID agencyId, Collection<Look> looks) {
        // arrays added one by one: Tuple.of would spread a lone array into its varargs
        Tuple values = Tuple.tuple().addUUID(agencyId)
                .addArrayOfUUID(looks.stream().map(Look::sessionId).toArray(UUID[]::new))
                .addArrayOfUUID(looks.stream().map(Look::clientId).toArray(UUID[]::new))
                .addArrayOfUUID(looks.stream().map(Look::personId).toArray(UUID[]::new));
        tenancy.inAgency(agencyId, sql -> sql.preparedQuery(HEARTBEAT).execute(values))
                .onFailure(failure -> {
                    if (DatabaseUnavailable.is(failure)) {
                        LOG.info("Presence heartbeat skipped, the database is unavailable: {}",
                                DatabaseUnavailable.reason(failure));
                    } else {
                        LOG.warn("Presence heartbeat failed", failure);
                    }
                });
    }

    private Future<Void> change(LiveCaller caller, UUID clientId,
                                java.util.function.Function<SqlConnection, Future<?>> write) {
        UUID agencyId = caller.caller().agencyId();
        // the client first, like every other writer (a concurrent delete of the client then simply wins)
        return tenancy.inAgency(agencyId, sql -> ClientCheckStore.lockForWriting(sql, agencyId, clientId)
                        .compose(locked -> sql.preparedQuery(SERIALIZE).execute(Tuple.of(clientId.toString())))
                        .compose(serialized -> write.apply(sql))
                        .compose(done -> sql.preparedQuery(FORGET_STALE).execute(Tuple.of(agencyId, clientId, STALE_SECONDS)))
                        .compose(done -> sql.preparedQuery(VIEWERS).execute(Tuple.of(agencyId, clientId)))
                        .compose(rows -> {
                            JsonArray viewers = new JsonArray();
                            rows.forEach(row -> viewers.add(new JsonObject()
                                    .put("userId", row.getUUID("id").toString())
                                    .put("name", row.getString("name"))
                                    .put("since", row.getOffsetDateTime("since").toInstant().toString())));
                            return EventStore.record(sql, agencyId, clientId, EventStore.PRESENCE,
                                    new JsonObject().put("viewers", viewers));
                        }))
                // the client may have been deleted meanwhile: nothing to announce then
                .onFailure(failure -> LOG.debug("Presence change for client {} not recorded", clientId, failure))
                .<Void>mapEmpty().otherwiseEmpty();
    }
}
