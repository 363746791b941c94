package com.zoomfactor.backend.alerts;

import com.zoomfactor.backend.events.ChangeEvents;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
 * Evaluates a client's alert rules when its data changes, off the request path: new observations wake its metric
 * rules, a new score in its history its score rules. Changes are debounced per client like the score recomputer's
 * ({@link #QUIET_MS} without another, at most {@link #MAX_WAIT_MS} after the first), then the client is evaluated
 * once. One instance per server; its state lives on its own event loop, so it needs no locks.
 */
public final class AlertWatcher extends VerticleBase {

    static final long QUIET_MS = 300;
    static final long MAX_WAIT_MS = 2_000;
    /** Evaluations running at once: each holds a database connection for a moment. */
    static final int PARALLEL = 2;
    static final long STOP_WAIT_MS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(AlertWatcher.class);

    /** What is known about one client between its first change and its evaluation. */
    private static final class Pending {
        final UUID agencyId;
        final long firstAt;
        long timer = -1;
        boolean queued;
        boolean running;
        boolean metrics;
        boolean score;
        /** Changed again while running: evaluate once more afterwards, for what changed meanwhile. */
        boolean dirty;
        boolean dirtyMetrics;
        boolean dirtyScore;

        Pending(UUID agencyId, long firstAt) {
            this.agencyId = agencyId;
            this.firstAt = firstAt;
        }
    }

    private final AlertEvaluator evaluator;
    private final Map<UUID, Pending> pending = new HashMap<>();
    private final Queue<UUID> ready = new ArrayDeque<>();
    private int running;
    private Promise<Void> stopped;

    public AlertWatcher(AlertEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public Future<?> start() {
        return vertx.eventBus().<JsonObject>consumer(ChangeEvents.ADDRESS, message -> {
            JsonObject event = message.body();
            String kind = event.getString("kind");
            boolean score = ChangeEvents.SCORE.equals(kind);
            if (score || ChangeEvents.OBSERVATIONS.equals(kind)) {
                changed(UUID.fromString(event.getString("agencyId")), UUID.fromString(event.getString("clientId")),
                        !score, score);
            }
        }).completion();
    }

    /** Waits for the evaluations under way (at most a few seconds), so that they do not fail on a closed pool. */
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
        stopped = Promise.promise();
        vertx.setTimer(STOP_WAIT_MS, late -> stopped.tryComplete());
        return stopped.future();
    }

    private void changed(UUID agencyId, UUID clientId, boolean metrics, boolean score) {
        if (stopped != null) {
            return;
        }
        long now = System.currentTimeMillis();
        Pending p = pending.computeIfAbsent(clientId, id -> new Pending(agencyId, now));
        if (p.running) {
            p.dirty = true;
            p.dirtyMetrics |= metrics;
            p.dirtyScore |= score;
            return;
        }
        p.metrics |= metrics;
        p.score |= score;
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
            evaluator.evaluateClient(p.agencyId, clientId, p.metrics, p.score)
                    .onFailure(failure -> LOG.warn("Evaluating the alerts of client {} failed", clientId, failure))
                    .onComplete(done -> {
                        running--;
                        pending.remove(clientId);
                        if (stopped != null) {
                            if (running == 0) {
                                stopped.tryComplete();
                            }
                            return;
                        }
                        if (p.dirty) {
                            changed(p.agencyId, clientId, p.dirtyMetrics, p.dirtyScore);
                        }
                        drain();
                    });
        }
    }
}
