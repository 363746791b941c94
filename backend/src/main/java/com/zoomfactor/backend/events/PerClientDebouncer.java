package com.zoomfactor.backend.events;

import com.zoomfactor.backend.db.DatabaseUnavailable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.function.BinaryOperator;
import org.slf4j.Logger;

/**
 * Background work per client that waits for a burst of changes to settle: after a client's first change it waits
 * {@code quietMs} without another (at most {@code maxWaitMs} after the first), then runs the work once for everything
 * that changed meanwhile, at most {@code parallel} clients at a time. A change arriving while the client's work runs
 * runs it once more afterwards; work that failed (a deadlock, a lost connection) is tried again a few times, after
 * {@link #RETRY_MS}, twice that, and so on, so that a client whose data stops changing is not left unprocessed. Work that
 * failed because the database is unavailable (see {@link DatabaseUnavailable}) is no error: it is tried again, without
 * a limit, every {@link #MAX_OUTAGE_RETRY_MS} at most, and the outage is logged once, not per client and attempt.
 * Used by the change stream's consumers ({@link StreamConsumer}: score recomputation, alert evaluation); all calls must come
 * from the owning verticle's context, so it needs no locks.
 *
 * @param <W> what changed, merged by {@code merge} while the client waits
 */
public final class PerClientDebouncer<W> {

    static final long RETRY_MS = 1_000;
    static final int MAX_RETRIES = 3;
    /** The longest pause between two tries while the database is unavailable. */
    static final long MAX_OUTAGE_RETRY_MS = 10_000;

    /** The work for one client. */
    @FunctionalInterface
    public interface Work<W> {
        Future<?> run(UUID agencyId, UUID clientId, W changed);
    }

    /** One client between its first change and the end of its work. */
    private final class Pending {
        final UUID agencyId;
        final long firstAt;
        long timer = -1;
        boolean queued;
        boolean running;
        W changed;
        /** What changed while the work ran: run once more afterwards, for that. */
        W changedMeanwhile;

        Pending(UUID agencyId, long firstAt) {
            this.agencyId = agencyId;
            this.firstAt = firstAt;
        }
    }

    private final Vertx vertx;
    private final long quietMs;
    private final long maxWaitMs;
    private final int parallel;
    private final BinaryOperator<W> merge;
    private final Work<W> work;
    private final Logger log;
    private final String what;
    private final Map<UUID, Pending> pending = new HashMap<>();
    private final Queue<UUID> ready = new ArrayDeque<>();
    /** Clients whose work failed, and how many times in a row. */
    private final Map<UUID, Integer> failures = new HashMap<>();
    /** Retries per client while the database is unavailable (for the backoff only; they never give up). */
    private final Map<UUID, Integer> outageRetries = new HashMap<>();
    private long retryMs = RETRY_MS;
    /** Set by the first failure of an outage (which is logged), cleared by the next success (logged too). */
    private boolean waitingForDatabase;
    private int running;
    private Promise<Void> stopped;

    /** {@code what} names the work in the warning logged when it fails ("Recomputing the score"). */
    public PerClientDebouncer(Vertx vertx, long quietMs, long maxWaitMs, int parallel, BinaryOperator<W> merge,
                              Work<W> work, Logger log, String what) {
        this.vertx = vertx;
        this.quietMs = quietMs;
        this.maxWaitMs = maxWaitMs;
        this.parallel = parallel;
        this.merge = merge;
        this.work = work;
        this.log = log;
        this.what = what;
    }

    /** The first retry's delay (tests shorten it). */
    PerClientDebouncer<W> retryingAfter(long ms) {
        this.retryMs = ms;
        return this;
    }

    /** Notes a change of the client; its work runs once the changes settle. Ignored once stopping. */
    public void changed(UUID agencyId, UUID clientId, W changed) {
        if (stopped != null) {
            return;
        }
        long now = System.currentTimeMillis();
        Pending p = pending.computeIfAbsent(clientId, id -> new Pending(agencyId, now));
        if (p.running) {
            p.changedMeanwhile = p.changedMeanwhile == null ? changed : merge.apply(p.changedMeanwhile, changed);
            return;
        }
        p.changed = p.changed == null ? changed : merge.apply(p.changed, changed);
        if (p.queued) {
            return;
        }
        if (p.timer >= 0) {
            vertx.cancelTimer(p.timer);
        }
        long delay = Math.max(1, Math.min(quietMs, p.firstAt + maxWaitMs - now));
        p.timer = vertx.setTimer(delay, fired -> {
            p.timer = -1;
            p.queued = true;
            ready.add(clientId);
            drain();
        });
    }

    /**
     * Drops what waits and waits for the work under way (at most {@code waitMs}), so that it does not fail on a
     * closed pool.
     */
    public Future<Void> stop(long waitMs) {
        pending.values().forEach(p -> {
            if (p.timer >= 0) {
                vertx.cancelTimer(p.timer);
            }
        });
        ready.clear();
        stopped = Promise.promise();
        if (running == 0) {
            stopped.complete();
        } else {
            vertx.setTimer(waitMs, late -> stopped.tryComplete());
        }
        return stopped.future();
    }

    private void drain() {
        while (running < parallel && !ready.isEmpty()) {
            UUID clientId = ready.poll();
            Pending p = pending.get(clientId);
            p.queued = false;
            p.running = true;
            running++;
            work.run(p.agencyId, clientId, p.changed)
                    .onFailure(failure -> {
                        if (!DatabaseUnavailable.is(failure)) {
                            log.warn("{} of client {} failed", what, clientId, failure);
                        } else if (!waitingForDatabase) {
                            waitingForDatabase = true;
                            log.warn("{} waits for the database ({}): retrying until it is back", what,
                                    DatabaseUnavailable.reason(failure));
                        }
                    })
                    .onComplete(done -> {
                        running--;
                        pending.remove(clientId);
                        if (stopped != null) {
                            if (running == 0) {
                                stopped.tryComplete();
                            }
                            return;
                        }
                        if (done.failed()) {
                            retry(p, clientId, DatabaseUnavailable.is(done.cause()));
                        } else {
                            failures.remove(clientId);
                            outageRetries.remove(clientId);
                            if (waitingForDatabase) {
                                waitingForDatabase = false;
                                log.info("{} works again: the database is back", what);
                            }
                        }
                        if (p.changedMeanwhile != null) {
                            changed(p.agencyId, clientId, p.changedMeanwhile);
                        }
                        drain();
                    });
        }
    }

    /**
     * Runs failed work again later for what it was given (merged with anything newer by then): a few times, or for as
     * long as the database is unavailable.
     */
    private void retry(Pending failed, UUID clientId, boolean outage) {
        if (outage) {
            // counted apart: waiting out an outage must not use up the tries of a real failure that follows it
            int waited = outageRetries.merge(clientId, 1, Integer::sum);
            long delay = Math.min(MAX_OUTAGE_RETRY_MS, retryMs << Math.min(waited - 1, 20));
            vertx.setTimer(delay, again -> changed(failed.agencyId, clientId, failed.changed));
            return;
        }
        outageRetries.remove(clientId);
        int attempt = failures.merge(clientId, 1, Integer::sum);
        if (attempt > MAX_RETRIES) {
            failures.remove(clientId);
            log.error("{} of client {} failed {} times: left until its next change", what, clientId, attempt);
            return;
        }
        vertx.setTimer(retryMs << (attempt - 1), again -> changed(failed.agencyId, clientId, failed.changed));
    }
}
