package com.zoomfactor.backend.alerts;

import com.zoomfactor.backend.events.ChangeEvents;
import com.zoomfactor.backend.events.PerClientDebouncer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
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

    /** Which of the client's rules a change wakes. */
    record Wake(boolean metrics, boolean score) {
        Wake and(Wake other) {
            return new Wake(metrics || other.metrics, score || other.score);
        }
    }

    private final AlertEvaluator evaluator;
    private PerClientDebouncer<Wake> debouncer;

    public AlertWatcher(AlertEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public Future<?> start() {
        debouncer = new PerClientDebouncer<>(vertx, QUIET_MS, MAX_WAIT_MS, PARALLEL, Wake::and,
                (agencyId, clientId, wake) -> evaluator.evaluateClient(agencyId, clientId, wake.metrics(), wake.score()),
                LOG, "Evaluating the alerts");
        return vertx.eventBus().<JsonObject>consumer(ChangeEvents.ADDRESS, message -> {
            JsonObject event = message.body();
            String kind = event.getString("kind");
            boolean score = ChangeEvents.SCORE.equals(kind);
            if (score || ChangeEvents.OBSERVATIONS.equals(kind)) {
                debouncer.changed(UUID.fromString(event.getString("agencyId")),
                        UUID.fromString(event.getString("clientId")), new Wake(!score, score));
            }
        }).completion();
    }

    /** Waits for the evaluations under way (at most a few seconds), so that they do not fail on a closed pool. */
    @Override
    public Future<?> stop() {
        return debouncer.stop(STOP_WAIT_MS);
    }
}
