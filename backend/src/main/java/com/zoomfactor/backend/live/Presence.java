package com.zoomfactor.backend.live;

import com.zoomfactor.backend.db.DatabaseUnavailable;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.events.EventStore;
import com.zoomfactor.backend.scope.ClientCheckStore;
import com.zoomfactor.domain.live.LiveKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
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

    /** One socket looking at one client, for the heartbeat. */
    record Look(UUID sessionId, UUID clientId, UUID personId) {
    }

    private final Tenancy tenancy;

    Presence(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /** Completes when recorded (or found impossible: the client is gone); never fails. */
    Future<Void> join(UUID sessionId, LiveCaller caller, UUID clientId) {
        return change(caller, clientId, sql -> PresenceStore.join(sql, sessionId, caller.caller().agencyId(), clientId,
                caller.personId()));
    }

    Future<Void> leave(UUID sessionId, LiveCaller caller, UUID clientId) {
        return change(caller, clientId, sql -> PresenceStore.leave(sql, sessionId, caller.caller().agencyId(), clientId));
    }

    /** Keeps the rows of live sockets fresh: one statement per agency. */
    void heartbeat(UUID agencyId, Collection<Look> looks) {
        tenancy.inAgency(agencyId, sql -> PresenceStore.heartbeat(sql, agencyId, looks))
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
                        .compose(locked -> PresenceStore.serialize(sql, clientId))
                        .compose(serialized -> write.apply(sql))
                        .compose(done -> PresenceStore.forgetStale(sql, agencyId, clientId, STALE_SECONDS))
                        .compose(done -> PresenceStore.viewers(sql, agencyId, clientId))
                        .compose(viewers -> EventStore.record(sql, agencyId, clientId, LiveKind.PRESENCE,
                                new JsonObject().put("viewers", viewers))))
                // the client may have been deleted meanwhile: nothing to announce then
                .onFailure(failure -> LOG.debug("Presence change for client {} not recorded", clientId, failure))
                .<Void>mapEmpty().otherwiseEmpty();
    }
}
