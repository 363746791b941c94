package com.zoomfactor.backend.scores;

import com.zoomfactor.backend.events.ChangeEvents;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the score history current, off the request path: after a client's data changed it waits until the changes
 * settle ({@link #QUIET_MS} without another, at most {@link #MAX_WAIT_MS} after the first), then recomputes the client's
 * score once and records it if it moved. A refresh request (a stale score seen in the portfolio) is served the same
 * way. One instance per server; its state lives on its own event loop, so it needs no locks.
 */
public final class ScoreRecomputer extends VerticleBase {

    /** Address for refresh requests: {@code {agencyId, clientId}}. */
    public static final String REFRESH_ADDRESS = "zoomfactor.score-refresh";

    static final long QUIET_MS = 300;
    static final long MAX_WAIT_MS = 2_000;
    /** Recomputations running at once: each holds a database connection and a worker thread for a moment. */
    static final int PARALLEL = 2;
    static final long STOP_WAIT_MS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(ScoreRecomputer.class);

    /** What is known about one client between its first change and its recomputation. */
    private static final class Pending {
        final UUID agencyId;
        final long firstAt;
        long timer = -1;
        boolean queued;
        boolean running;
        /** Changed again while running: run once more afterwards. */
        boolean dirty;

        Pending(UUID agencyId, long firstAt) {
            this.agencyId = agencyId;
            this.firstAt = firstAt;
        }
    }

    private final ScoreService scores;
    private final Map<UUID, Pending> pending = new HashMap<>();
    private final Queue<UUID> ready = new ArrayDeque<>();
    /** Clients whose last recomputation recorded nothing, and on which day: refresh requests skip them that day. */
    private final Map<UUID, java.time.LocalDate> unchanged = new HashMap<>();
    private int running;
    private io.vertx.core.Promise<Void> stopped;

    public ScoreRecomputer(ScoreService scores) {
        this.scores = scores;
    }

    @Override
    public Future<?> start() {
        Future<Void> changes = vertx.eventBus().<JsonObject>consumer(ChangeEvents.ADDRESS, message -> {
            JsonObject event = message.body();
            // the score's own announcements are results, not causes
            if (!ChangeEvents.SCORE.equals(event.getString("kind"))) {
                UUID clientId = UUID.fromString(event.getString("clientId"));
                unchanged.remove(clientId);
                changed(UUID.fromString(event.getString("agencyId")), clientId);
            }
        }).completion();
        Future<Void> refreshes = vertx.eventBus().<JsonObject>consumer(REFRESH_ADDRESS, message -> {
            JsonObject request = message.body();
            UUID clientId = UUID.fromString(request.getString("clientId"));
            // a portfolio read asks for every stale client each time: once a day is enough for one that will not move
            if (!ScoreService.today().equals(unchanged.get(clientId))) {
                changed(UUID.fromString(request.getString("agencyId")), clientId);
            }
        }).completion();
        return Future.all(changes, refreshes);
    }

    /** Asks for a client's score to be recomputed soon (from any thread or verticle of this Vert.x). */
    public static void requestRefresh(io.vertx.core.Vertx vertx, UUID agencyId, UUID clientId) {
        vertx.eventBus().send(REFRESH_ADDRESS, new JsonObject()
                .put("agencyId", agencyId.toString()).put("clientId", clientId.toString()));
    }

    /** Waits for the recomputations under way (at most a few seconds), so that they do not fail on a closed pool. */
    @Override
    public Future<?> stop() {
        pending.values().forEach(p -> {
            if (p.timer >= 0) {
                vertx.cancelTimer(p.timer);
            }
        });
        ready.clear();
        if (running == 0) {
            return Future.succeededFuture();
        }
        stopped = io.vertx.core.Promise.promise();
        vertx.setTimer(STOP_WAIT_MS, late -> stopped.tryComplete());
        return stopped.future();
    }

    private void changed(UUID agencyId, UUID clientId) {
        if (stopped != null) {
            return;
        }
        long now = System.currentTimeMillis();
        Pending p = pending.computeIfAbsent(clientId, id -> new Pending(agencyId, now));
        if (p.running) {
            p.dirty = true;
            return;
        }
        if (p.queued) {
            return;
        }
        if (p.timer >= 0) {
            vertx.cancelTimer(p.timer);
        }
        long delay = Math.max(1, Math.min(QUIET_MS, p.firstAt + MAX_WAIT_MS - now));
        p.timer = vertx.setTimer(delay, fired -> {
            p.timer = -1;
            p.queued = true;
            ready.add(clientId);
            drain();
        });
    }

    private void drain() {
        while (running < PARALLEL && !ready.isEmpty()) {
            UUID clientId = ready.poll();
            Pending p = pending.get(clientId);
            p.queued = false;
            p.running = true;
            running++;
            scores.refresh(p.agencyId, clientId)
                    .onFailure(failure -> LOG.warn("Recomputing the score of client {} failed", clientId, failure))
                    .onComplete(done -> {
                        running--;
                        pending.remove(clientId);
                        if (done.succeeded() && done.result().isEmpty()) {
                            unchanged.put(clientId, ScoreService.today());
                        } else {
                            unchanged.remove(clientId);
                        }
                        if (stopped != null) {
                            if (running == 0) {
                                stopped.tryComplete();
                            }
                            return;
                        }
                        if (p.dirty) {
                            changed(p.agencyId, clientId);
                        }
                        drain();
                    });
        }
    }
}
