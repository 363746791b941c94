package com.zoomfactor.backend.alerts;

import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.events.StreamConsumer;
import com.zoomfactor.domain.live.LiveKind;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a client's alert rules when its data changes, off the request path: a consumer of the change stream
 * ({@link StreamConsumer}) on any instance, catching up after a restart. New observations wake its metric rules, a new
 * score in its history its score rules. Changes are debounced per client like the score recomputer's
 * ({@link #QUIET_MS} without another, at most {@link #MAX_WAIT_MS} after the first), then the client is evaluated
 * once. One instance per server; its state lives on its own event loop, so it needs no locks.
 */
public final class AlertWatcher extends VerticleBase {

    static final long QUIET_MS = 300;
    static final long MAX_WAIT_MS = 2_000;
    /** Evaluations running at once: each holds a database connection for a moment. */
    static final int PARALLEL = 2;
    static final long STOP_WAIT_MS = 5_000;

    /** Its key in stream_positions. */
    static final String CONSUMER = "alerts";
    static final Set<LiveKind> KINDS = Set.of(LiveKind.OBSERVATIONS, LiveKind.SCORE);

    private static final Logger LOG = LoggerFactory.getLogger(AlertWatcher.class);

    /** Which of the client's rules a change wakes. */
    record Wake(boolean metrics, boolean score) {
        Wake and(Wake other) {
            return new Wake(metrics || other.metrics, score || other.score);
        }
    }

    private final AlertEvaluator evaluator;
    private final Tenancy tenancy;
    private StreamConsumer<Wake> stream;

    public AlertWatcher(AlertEvaluator evaluator, Tenancy tenancy) {
        this.evaluator = evaluator;
        this.tenancy = tenancy;
    }

    @Override
    public Future<?> start() {
        stream = new StreamConsumer<>(vertx, tenancy, CONSUMER, KINDS,
                kinds -> new Wake(kinds.contains(LiveKind.OBSERVATIONS.wire()), kinds.contains(LiveKind.SCORE.wire())),
                Wake::and, wake -> false, new StreamConsumer.Settings(QUIET_MS, MAX_WAIT_MS, PARALLEL, STOP_WAIT_MS),
                (sql, agencyId, clientId, wake) -> evaluator.evaluateClientIn(sql, agencyId, clientId, wake.metrics(),
                        wake.score()),
                LOG, "Evaluating the alerts");
        return stream.start();
    }

    /** Waits for the evaluations under way (at most a few seconds), so that they do not fail on a closed pool. */
    @Override
    public Future<?> stop() {
        return stream.stop();
    }
}
