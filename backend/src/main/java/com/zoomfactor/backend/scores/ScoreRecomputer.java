package com.zoomfactor.backend.scores;

import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.events.StreamConsumer;
import com.zoomfactor.domain.live.LiveKind;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the score history current, off the request path: a consumer of the change stream ({@link StreamConsumer}),
 * woken by the {@code observations} and {@code posts} events committed through any instance, and catching up after a
 * restart. After a client's data changed it waits until the changes settle ({@link #QUIET_MS} without another, at most
 * {@link #MAX_WAIT_MS} after the first), then recomputes the client's score once, on one instance, and records it if it
 * moved. A refresh request (a stale score seen in the portfolio) is served the same way. One instance per server; its
 * state lives on its own event loop, so it needs no locks.
 */
public final class ScoreRecomputer extends VerticleBase {

    /** Address for refresh requests: {@code {agencyId, clientId}}. */
    public static final String REFRESH_ADDRESS = "zoomfactor.score-refresh";

    static final long QUIET_MS = 300;
    static final long MAX_WAIT_MS = 2_000;
    /** Recomputations running at once: each holds a database connection and a worker thread for a moment. */
    static final int PARALLEL = 2;
    static final long STOP_WAIT_MS = 5_000;

    /** Its key in stream_positions. */
    static final String CONSUMER = "score";
    /** What the score is computed from (imports record {@code observations} too). */
    static final Set<LiveKind> KINDS = Set.of(LiveKind.OBSERVATIONS, LiveKind.POSTS);

    private static final Logger LOG = LoggerFactory.getLogger(ScoreRecomputer.class);

    private final ScoreService scores;
    private final Tenancy tenancy;
    /** Clients whose last recomputation recorded nothing, and on which day: refresh requests skip them that day. */
    private final Map<UUID, LocalDate> unchanged = new HashMap<>();
    /** Its work is whether it was asked for (a refresh): then it runs even when no change came since. */
    private StreamConsumer<Boolean> stream;

    public ScoreRecomputer(ScoreService scores, Tenancy tenancy) {
        this.scores = scores;
        this.tenancy = tenancy;
    }

    @Override
    public Future<?> start() {
        stream = new StreamConsumer<>(vertx, tenancy, CONSUMER, KINDS, kinds -> false, (a, b) -> a || b,
                asked -> asked, new StreamConsumer.Settings(QUIET_MS, MAX_WAIT_MS, PARALLEL, STOP_WAIT_MS),
                (sql, agencyId, clientId, asked) -> recompute(sql, agencyId, clientId), LOG, "Recomputing the score");
        Future<Void> changes = stream.start();
        Future<Void> refreshes = vertx.eventBus().<JsonObject>consumer(REFRESH_ADDRESS, message -> {
            JsonObject request = message.body();
            UUID clientId = UUID.fromString(request.getString("clientId"));
            // a portfolio read asks for every stale client each time: once a day is enough for one that will not move
            if (!ScoreService.today().equals(unchanged.get(clientId))) {
                stream.request(UUID.fromString(request.getString("agencyId")), clientId, true);
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
        return stream.stop();
    }

    /**
     * Today's score, then the past days the events since the position changed (from their earliest {@code firstDay};
     * from the client's first data when some event's days are unknown, or pruned), in the consumer's transaction: the
     * position advances with the history it completed.
     */
    private Future<?> recompute(io.vertx.sqlclient.SqlConnection sql, UUID agencyId, UUID clientId) {
        return scores.refreshIn(sql, agencyId, clientId).onComplete(done -> {
            if (done.succeeded() && done.result().isEmpty()) {
                unchanged.put(clientId, ScoreService.today());
            } else {
                unchanged.remove(clientId);
            }
        }).compose(today -> stream.changedDays(sql, agencyId, clientId)).compose(changed -> {
            if (!changed.any() || (changed.known() && !changed.first().isBefore(ScoreService.today()))) {
                return Future.succeededFuture();
            }
            long started = System.nanoTime();
            return scores.backfillIn(sql, agencyId, clientId, changed.known() ? changed.first() : null)
                    .onSuccess(outcome -> {
                        if (outcome.scored() > 0) {
                            LOG.info("Backfilled the score history of client {} from {}: {} day(s) scored, {} recorded,"
                                            + " {} the same, {} dropped, {} left as they were, in {} ms", clientId,
                                    changed.known() ? changed.first() : "its first data", outcome.scored(),
                                    outcome.recorded(), outcome.confirmed(), outcome.dropped(), outcome.untouched(),
                                    (System.nanoTime() - started) / 1_000_000);
                        }
                    });
        });
    }
}
