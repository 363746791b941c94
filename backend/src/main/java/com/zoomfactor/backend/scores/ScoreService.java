package com.zoomfactor.backend.scores;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.scope.ClientCheckStore;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.domain.score.Component;
import com.zoomfactor.domain.score.ScoreEngine;
import com.zoomfactor.domain.score.ScoreInput;
import com.zoomfactor.domain.score.Weights;
import com.zoomfactor.domain.score.ZoomFactor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Computing a client's score from its stored data and recording it in the history: after data changed
 * ({@link ScoreRecomputer}), when its weights change, and when today's score is read and the latest snapshot no longer
 * holds. Reads run in one transaction, the engine off the event loop, and the record in a transaction that first takes
 * the client's score lock, so that the history is written by one writer at a time and never from stale weights.
 * Results are domain values: a missing client is an empty Optional, never an HTTP error (rendering is the handlers').
 */
public final class ScoreService {

    /** A change of weights: the new weights, and today's score before and after, side by side. */
    public record WeightsChange(Map<String, Double> weights, Double scoreBefore, Double scoreAfter) {
    }

    /** A client's weights, and whether they are the documented defaults (no weights stored). */
    public record ClientWeights(Weights weights, boolean isDefault) {
    }

    /**
     * Today's score as GET /score answers it.
     *
     * @param explanation  the rendered explanation
     * @param fromSnapshot whether it is the latest recorded snapshot (no engine ran)
     */
    public record TodaysScore(JsonObject explanation, boolean fromSnapshot) {
    }

    /** Today's score after a recomputation (or a snapshot another one recorded meanwhile) and the point recorded. */
    private record Recomputed(JsonObject explanation, Optional<ScoreSnapshot> recorded) {
    }

    /** A test hook: told the client id each time the engine runs (null: nobody listens). */
    private static volatile Consumer<UUID> engineRunHook;

    private final Vertx vertx;
    private final Tenancy tenancy;
    /** Engine runs of this server, for tests that count them (N dashboards, one batch: one run). */
    private final java.util.concurrent.atomic.AtomicLong engineRuns = new java.util.concurrent.atomic.AtomicLong();

    private final ScoreBackfill backfill;

    public ScoreService(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.tenancy = tenancy;
        this.backfill = new ScoreBackfill(vertx);
    }

    /** How many times this server ran the score engine. */
    public long engineRuns() {
        return engineRuns.get();
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Tests count engine runs through this (null to stop). */
    static void onEngineRun(Consumer<UUID> hook) {
        engineRunHook = hook;
    }

    /**
     * Today's score: the latest snapshot when it is current (see {@link #holds}), else computed now and recorded as
     * the recomputer would, so that the next read is a snapshot again. N dashboards reading one client after a change
     * cost one computation, not N. Empty when the client is not in the agency.
     */
    Future<Optional<TodaysScore>> todaysScore(UUID agencyId, UUID clientId) {
        LocalDate today = today();
        return tenancy.inAgency(agencyId, sql -> ScoreSnapshotStore.current(sql, agencyId, clientId)).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            Optional<ScoreSnapshotStore.Latest> latest = found.get().latest();
            if (latest.isPresent() && holds(found.get(), latest.get(), today)) {
                return Future.succeededFuture(Optional.of(new TodaysScore(latest.get().explanation(), true)));
            }
            return recompute(agencyId, clientId)
                    .map(done -> done.map(r -> new TodaysScore(r.explanation(), false)));
        });
    }

    /**
     * Whether the latest snapshot is today's score: computed from the client's current inputs (no observation or
     * post written since it read them), for today, under the client's current weights and this methodology.
     */
    static boolean holds(ScoreSnapshotStore.Current now, ScoreSnapshotStore.Latest latest, LocalDate today) {
        Weights weights = now.weights().map(ScoreWeightStore::parse).orElse(Weights.defaults());
        return latest.inputVersion() != null && latest.inputVersion() == now.inputVersion()
                && today.equals(latest.asOf())
                && ScoreEngine.METHODOLOGY_VERSION.equals(latest.methodologyVersion())
                && keyed(weights).equals(latest.weights());
    }

    /** The score as of a day with the client's weights (computed: past days are not stored); empty: no client. */
    Future<Optional<ScoredClient>> score(UUID agencyId, UUID clientId, LocalDate asOf) {
        return tenancy.inAgency(agencyId, sql -> ClientCheckStore.exists(sql, agencyId, clientId).compose(exists -> !exists
                        ? Future.succeededFuture(Optional.<ScoreInput>empty())
                        : load(sql, agencyId, clientId, asOf).map(Optional::of)))
                .compose(input -> input.isEmpty() ? Future.succeededFuture(Optional.<ScoredClient>empty())
                        : compute(clientId, input.get()).map(Optional::of));
    }

    /**
     * The score as of a day with the client's weights, and its explanation as GET /api/clients/{id}/score answers
     * it, inside the caller's transaction, which has found the client.
     */
    public Future<ScoredClient> scoreIn(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate asOf) {
        return load(sql, agencyId, clientId, asOf).compose(input -> compute(clientId, input));
    }

    /**
     * Recomputes today's score and records it when it differs from the latest one (or the formula changed). Empty
     * when nothing was recorded: unchanged, nothing measured, or the client gone.
     */
    Future<Optional<ScoreSnapshot>> refresh(UUID agencyId, UUID clientId) {
        return tenancy.inAgency(agencyId, sql -> refreshIn(sql, agencyId, clientId));
    }

    /** {@link #refresh} inside the caller's transaction (the score recomputer's, which also advances its position). */
    Future<Optional<ScoreSnapshot>> refreshIn(SqlConnection sql, UUID agencyId, UUID clientId) {
        return recomputeIn(sql, agencyId, clientId).map(done -> done.flatMap(Recomputed::recorded));
    }

    /**
     * Completes the recorded history of the days from {@code from} (null: from the client's first data) to yesterday
     * (see {@link ScoreBackfill}), inside the caller's transaction (the score recomputer's), under the client's score
     * lock. Today's snapshot is {@link #refreshIn}'s.
     */
    Future<ScoreBackfill.Outcome> backfillIn(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate from) {
        return ScoreSnapshotStore.lockClient(sql, agencyId, clientId).compose(exists -> !exists
                ? Future.succeededFuture(ScoreBackfill.Outcome.NONE)
                : backfill.run(sql, agencyId, clientId, from));
    }

    /** {@link #backfillIn} in a transaction of its own (tests, benchmarks). */
    Future<ScoreBackfill.Outcome> backfill(UUID agencyId, UUID clientId, LocalDate from) {
        return tenancy.inAgency(agencyId, sql -> backfillIn(sql, agencyId, clientId, from));
    }

    /**
     * One transaction that first takes the client's score lock: data, weights and the latest score are read under it,
     * so two recomputations (two instances, a read and a refresh, a change of weights) can neither interleave nor
     * record a score of older data after one of newer data. The input version is read before the data: a write that
     * commits in between makes the recorded version older than the data, never newer, so a snapshot never passes for
     * current after a write it did not see. Readers that found the snapshot stale at once queue on the lock; the
     * first records, the others find its snapshot current and run no engine. Empty: the client is gone.
     */
    private Future<Optional<Recomputed>> recompute(UUID agencyId, UUID clientId) {
        return tenancy.inAgency(agencyId, sql -> recomputeIn(sql, agencyId, clientId));
    }

    /** {@link #recompute} inside the caller's transaction. */
    private Future<Optional<Recomputed>> recomputeIn(SqlConnection sql, UUID agencyId, UUID clientId) {
        LocalDate today = today();
        return ScoreSnapshotStore.lockClient(sql, agencyId, clientId)
                .compose(exists -> !exists ? Future.succeededFuture(Optional.<ScoreSnapshotStore.Current>empty())
                        : ScoreSnapshotStore.current(sql, agencyId, clientId))
                .compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(Optional.<Recomputed>empty());
            }
            ScoreSnapshotStore.Current now = found.get();
            if (now.latest().isPresent() && holds(now, now.latest().get(), today)) {
                return Future.succeededFuture(Optional.of(
                        new Recomputed(now.latest().get().explanation(), Optional.empty())));
            }
            long version = now.inputVersion();
            return load(sql, agencyId, clientId, today)
                    .compose(input -> compute(clientId, input))
                    .compose(scored -> !scored.measured()
                            ? Future.succeededFuture(new Recomputed(scored.explanation(), Optional.empty()))
                            : ScoreSnapshotStore.latest(sql, agencyId, clientId)
                                    .compose(latest -> record(sql, agencyId, clientId, scored, latest, version))
                                    .map(recorded -> new Recomputed(scored.explanation(), recorded)))
                    .map(Optional::of);
        });
    }

    private static Future<Optional<ScoreSnapshot>> record(SqlConnection sql, UUID agencyId, UUID clientId,
                                                          ScoredClient scored, Optional<ScoreSnapshot> latest,
                                                          long inputVersion) {
        ZoomFactor z = scored.score();
        ScoreCause cause = ScoreCause.DATA;
        Double previous = null;
        if (latest.isPresent()) {
            ScoreSnapshot last = latest.get();
            if (!last.methodologyVersion().equals(z.methodologyVersion())) {
                cause = ScoreCause.METHODOLOGY;
                previous = last.score();
            } else if (!last.weights().equals(keyed(z.weights()))) {
                // weights changed while nothing could be scored: still a change of formula, not of data
                cause = ScoreCause.WEIGHTS;
                previous = last.score();
            } else if (sameScore(last, z)) {
                // no new history point; the latest one is now current for these inputs
                return ScoreSnapshotStore.confirm(sql, agencyId, clientId, scored, inputVersion).map(Optional.<ScoreSnapshot>empty());
            }
        }
        return ScoreSnapshotStore.insert(sql, agencyId, clientId, scored, cause, previous, inputVersion).map(Optional::of);
    }

    /** Equal as far as anyone can see: the same day, weights and figures to their shown precision. */
    static boolean sameScore(ScoreSnapshot last, ZoomFactor z) {
        return last.asOf().equals(z.asOf())
                && last.weights().equals(keyed(z.weights()))
                && Math.abs(last.score() - z.score()) < 0.005
                && Math.abs(last.quality() - z.quality()) < 0.005
                && Math.abs(last.coverage() - z.coverage()) < 1e-9
                && Math.abs(last.authenticityFactor() - z.authenticity().factor()) < 0.0005;
    }

    /** The client's weights (the defaults until the agency sets its own); empty when the client is not in the agency. */
    Future<Optional<ClientWeights>> weights(UUID agencyId, UUID clientId) {
        return tenancy.inAgency(agencyId, sql -> ClientCheckStore.exists(sql, agencyId, clientId).compose(exists -> !exists
                ? Future.succeededFuture(Optional.<ClientWeights>empty())
                : ScoreWeightStore.stored(sql, agencyId, clientId).map(stored -> Optional.of(
                        new ClientWeights(stored.orElse(Weights.defaults()), stored.isEmpty())))));
    }

    /**
     * Stores new weights and records today's score under them beside the score under the old ones (when anything is
     * measured and the weights differ). Both scores come from the same data, read under the client's score lock.
     * Empty when the client is not in the agency.
     */
    Future<Optional<WeightsChange>> changeWeights(Caller caller, UUID clientId, Weights chosen) {
        UUID agencyId = caller.agencyId();
        UUID person = caller instanceof Caller.Person p ? p.personId() : null;
        return tenancy.inAgency(agencyId, sql -> ScoreSnapshotStore.lockClient(sql, agencyId, clientId)
                .compose(exists -> !exists ? Future.succeededFuture(Optional.<Recorded>empty())
                        : ScoreSnapshotStore.inputVersion(sql, agencyId, clientId).compose(version ->
                                changeWeightsIn(sql, caller, person, clientId, chosen, version).map(Optional::of))))
                .map(done -> done.map(Recorded::change));
    }

    private Future<Recorded> changeWeightsIn(SqlConnection sql, Caller caller, UUID person, UUID clientId,
                                             Weights chosen, long inputVersion) {
        UUID agencyId = caller.agencyId();
        return load(sql, agencyId, clientId, today())
                .compose(input -> Future.all(compute(clientId, input), compute(clientId, withWeights(input, chosen))))
                .compose(both -> {
                    ScoredClient before = both.resultAt(0);
                    ScoredClient after = both.resultAt(1);
                    boolean changed = !before.score().weights().equals(chosen);
                    return ScoreWeightStore.save(sql, agencyId, clientId, chosen, person)
                            .compose(saved -> !changed ? Future.succeededFuture()
                                    : ActivityStore.record(sql, caller, clientId, "weights.changed", String.format(
                                            java.util.Locale.ROOT, "changed the weights (score %s → %s): %s",
                                            shown(before.score().score()), shown(after.score().score()),
                                            describe(chosen))))
                            .compose(saved -> changed && after.measured()
                                    ? ScoreSnapshotStore.insert(sql, agencyId, clientId, after, ScoreCause.WEIGHTS,
                                            before.score().score(), inputVersion).map(true)
                                    : Future.succeededFuture(false))
                            .map(recorded -> new Recorded(new WeightsChange(keyed(chosen), before.score().score(),
                                    after.score().score()), recorded));
                });
    }

    private record Recorded(WeightsChange change, boolean recorded) {
    }

    /** A score as the activity feed writes it: one decimal, or "not scored". */
    private static String shown(Double score) {
        return score == null ? "not scored" : String.format(java.util.Locale.ROOT, "%.1f", score);
    }

    private static String describe(Weights weights) {
        StringBuilder text = new StringBuilder();
        keyed(weights).forEach((key, weight) -> text.append(text.length() == 0 ? "" : ", ")
                .append(key).append(' ').append(String.format(java.util.Locale.ROOT, "%.2f", weight)));
        return text.toString();
    }

    /**
     * What the engine scores for the client as of a day, read in the caller's transaction (which has found the client):
     * the same input every score of that day is computed from.
     */
    public Future<ScoreInput> inputsIn(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate asOf) {
        return load(sql, agencyId, clientId, asOf);
    }

    /** The client's weights and score inputs, read in the caller's transaction (which has found the client). */
    private Future<ScoreInput> load(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate asOf) {
        return ScoreWeightStore.stored(sql, agencyId, clientId)
                .compose(weights -> ScoreInputStore.load(sql, agencyId, clientId, asOf, ScoreInput.DEFAULT_WINDOW_DAYS,
                        weights.orElse(Weights.defaults())));
    }

    /** The engine is CPU work (about a millisecond): off the event loop. */
    private Future<ScoredClient> compute(UUID clientId, ScoreInput input) {
        engineRuns.incrementAndGet();
        return vertx.executeBlocking(() -> {
            Consumer<UUID> hook = engineRunHook;
            if (hook != null) {
                hook.accept(clientId);
            }
            ZoomFactor score = ScoreEngine.score(input);
            return new ScoredClient(clientId, score, ScoreRendering.explanation(clientId, score, input.window()));
        }, false);
    }

    private static ScoreInput withWeights(ScoreInput input, Weights weights) {
        return new ScoreInput(input.asOf(), input.windowDays(), input.daily(), input.breakdowns(), input.posts(),
                input.competitors(), weights);
    }

    /** Weights by component key, in the components' order. */
    static Map<String, Double> keyed(Weights weights) {
        Map<String, Double> keyed = new LinkedHashMap<>();
        for (Component component : Component.values()) {
            keyed.put(component.key(), weights.of(component));
        }
        return keyed;
    }

    /** Stored weights as a map by component key, in the components' order. */
    static Map<String, Double> weightsMap(JsonObject stored) {
        return keyed(ScoreWeightStore.parse(stored));
    }
}
