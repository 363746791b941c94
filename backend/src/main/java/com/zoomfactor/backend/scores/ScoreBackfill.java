package com.zoomfactor.backend.scores;

import com.zoomfactor.domain.score.ScoreEngine;
import com.zoomfactor.domain.score.ScoreInput;
import com.zoomfactor.domain.score.Weights;
import com.zoomfactor.domain.score.ZoomFactor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Completes a client's score history after data for past days arrived: the score of every day from the earliest
 * changed day (never before the client's first data) to yesterday, recorded as if it had been recorded that day —
 * cause {@code data}, {@code backfilled}, {@code computed_at} the end of its day. Today's score stays the recomputer's
 * ordinary snapshot.
 *
 * <p>Bounded: the range is done in chunks of {@link #CHUNK_DAYS} days; each chunk is read once (four queries over the
 * first day's baseline through the last day, {@link ScoreInputStore#loadRange}), its days are cut out of that in
 * memory and scored in one blocking task off the event loop, and written in three statements (a delete, an update and
 * one batched insert). A year is one chunk.
 *
 * <p>Per day, against the day's last snapshot (what the history shows for it):
 * <ul>
 *   <li>computed from the client's current input version, methodology and weights: left as it is, not recomputed
 *       (nothing it read has changed since);</li>
 *   <li>nothing measurable that day: no snapshot (a former backfilled one is dropped) — "not scored yet", never 0;</li>
 *   <li>the same score to its shown precision, same methodology: left (a backfilled one is marked current);</li>
 *   <li>otherwise a backfilled snapshot is recorded, replacing the day's former backfilled one. Snapshots recorded
 *       live are never changed: they are what the product said that day, and keep their methodology version.</li>
 * </ul>
 * Runs inside the caller's transaction, which holds the client's score lock (one writer of its history at a time).
 */
final class ScoreBackfill {

    /** Days read and scored at once: bounds the memory and the length of one statement. */
    static final int CHUNK_DAYS = 366;

    /**
     * What a backfill did: days scored by the engine, recorded (new or replacing a backfilled one), found the same
     * (marked current), dropped (no longer scorable), and left untouched (already current, or the same as a live one).
     */
    record Outcome(int scored, int recorded, int confirmed, int dropped, int untouched) {

        Outcome plus(Outcome other) {
            return new Outcome(scored + other.scored, recorded + other.recorded, confirmed + other.confirmed,
                    dropped + other.dropped, untouched + other.untouched);
        }

        static final Outcome NONE = new Outcome(0, 0, 0, 0, 0);
    }

    private final Vertx vertx;

    ScoreBackfill(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Backfills the days from {@code from} (null: from the client's first data) to yesterday, inside the caller's
     * transaction, which has taken the client's score lock.
     */
    Future<Outcome> run(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate from) {
        LocalDate last = ScoreService.today().minusDays(1);
        // the version first, then the data: a write committed in between leaves the recorded version older, never newer
        return ScoreSnapshotStore.inputVersion(sql, agencyId, clientId).compose(version ->
                ScoreInputStore.firstDay(sql, agencyId, clientId).compose(firstData -> {
                    if (firstData == null) {
                        return Future.succeededFuture(Outcome.NONE);
                    }
                    LocalDate first = from == null || from.isBefore(firstData) ? firstData : from;
                    if (first.isAfter(last)) {
                        return Future.succeededFuture(Outcome.NONE);
                    }
                    return ScoreWeightStore.stored(sql, agencyId, clientId).compose(stored ->
                            chunks(sql, agencyId, clientId, first, last, stored.orElse(Weights.defaults()), version,
                                    Outcome.NONE));
                }));
    }

    private Future<Outcome> chunks(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate first, LocalDate last,
                                   Weights weights, long version, Outcome sofar) {
        if (first.isAfter(last)) {
            return Future.succeededFuture(sofar);
        }
        LocalDate end = first.plusDays(CHUNK_DAYS - 1L);
        LocalDate chunkEnd = end.isAfter(last) ? last : end;
        return chunk(sql, agencyId, clientId, first, chunkEnd, weights, version)
                .compose(done -> chunks(sql, agencyId, clientId, chunkEnd.plusDays(1), last, weights, version,
                        sofar.plus(done)));
    }

    /** {@code dropped}: backfilled days to delete (replaced, or {@code gone}: no longer scorable). */
    private record Plan(List<LocalDate> dropped, List<LocalDate> confirmed, List<ScoredClient> recorded, int scored,
                        int untouched, int gone) {
    }

    private Future<Outcome> chunk(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate first, LocalDate last,
                                  Weights weights, long version) {
        Future<ScoreInputRange> input = ScoreInputStore.loadRange(sql, agencyId, clientId, first, last,
                ScoreInput.DEFAULT_WINDOW_DAYS, weights);
        Future<Map<LocalDate, ScoreSnapshotStore.DayLast>> existing =
                ScoreSnapshotStore.dayLast(sql, agencyId, clientId, first, last);
        return Future.all(input, existing)
                .compose(read -> vertx.executeBlocking(() -> plan(clientId, first, last, weights, version,
                        input.result(), existing.result()), false))
                .compose(plan -> ScoreSnapshotStore.writeBackfill(sql, agencyId, clientId, plan.dropped(),
                                plan.confirmed(), plan.recorded(), version)
                        .map(new Outcome(plan.scored(), plan.recorded().size(), plan.confirmed().size(),
                                plan.gone(), plan.untouched())));
    }

    /** The engine over every day of the chunk, and what to write (CPU only: runs on a worker). */
    private static Plan plan(UUID clientId, LocalDate first, LocalDate last, Weights weights, long version,
                             ScoreInputRange input, Map<LocalDate, ScoreSnapshotStore.DayLast> existing) {
        List<LocalDate> dropped = new ArrayList<>();
        List<LocalDate> confirmed = new ArrayList<>();
        List<ScoredClient> recorded = new ArrayList<>();
        int scored = 0;
        int untouched = 0;
        int gone = 0;
        Map<String, Double> keyedWeights = ScoreService.keyed(weights);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            ScoreSnapshotStore.DayLast was = existing.get(day);
            if (was != null && current(was, version, keyedWeights)) {
                untouched++;
                continue;
            }
            ScoreInput dayInput = input.at(day);
            ZoomFactor score = ScoreEngine.score(dayInput);
            scored++;
            ScoredClient result = new ScoredClient(clientId, score,
                    ScoreRendering.explanation(clientId, score, dayInput.window()));
            boolean backfilled = was != null && was.snapshot().backfilled();
            if (!result.measured()) {
                if (backfilled) {
                    dropped.add(day);
                    gone++;
                }
            } else if (was != null && was.snapshot().methodologyVersion().equals(score.methodologyVersion())
                    && ScoreService.sameScore(was.snapshot(), score)) {
                if (backfilled) {
                    confirmed.add(day);
                } else {
                    untouched++;
                }
            } else {
                if (backfilled) {
                    dropped.add(day);
                }
                recorded.add(result);
            }
        }
        return new Plan(dropped, confirmed, recorded, scored, untouched, gone);
    }

    /** Computed from the client's current inputs, methodology and weights: nothing it read has changed since. */
    static boolean current(ScoreSnapshotStore.DayLast was, long version, Map<String, Double> weights) {
        return was.inputVersion() != null && was.inputVersion() == version
                && ScoreEngine.METHODOLOGY_VERSION.equals(was.snapshot().methodologyVersion())
                && weights.equals(was.snapshot().weights());
    }
}
