package com.zoomfactor.backend.scores;

import com.zoomfactor.backend.activity.Activity;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.clients.ClientScope;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.domain.score.Component;
import com.zoomfactor.domain.score.ScoreEngine;
import com.zoomfactor.domain.score.ScoreInput;
import com.zoomfactor.domain.score.Weights;
import com.zoomfactor.domain.score.ZoomFactor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Computing a client's score from its stored data and recording it in the history: on demand, after data changed
 * ({@link ScoreRecomputer}), and when its weights change. Reads run in one transaction, the engine off the event loop,
 * and the record in a second transaction that first takes the client's score lock, so that the history is written by
 * one writer at a time and never from stale weights.
 */
public final class ScoreService {

    private static final String WEIGHTS = "SELECT weights FROM client_weights WHERE agency_id = $1 AND client_id = $2";
    private static final String SAVE_WEIGHTS = """
            INSERT INTO client_weights (agency_id, client_id, weights, updated_by) VALUES ($1, $2, $3, $4)
            ON CONFLICT (agency_id, client_id) DO UPDATE
               SET weights = EXCLUDED.weights, updated_by = EXCLUDED.updated_by, updated_at = now()""";

    /** A change of weights: the new weights, and today's score before and after, side by side. */
    public record WeightsChange(Map<String, Double> weights, double scoreBefore, double scoreAfter) {
    }

    private final Vertx vertx;
    private final Tenancy tenancy;
    /** Engine runs of this server, for tests that count them (N dashboards, one batch: one run). */
    private final java.util.concurrent.atomic.AtomicLong engineRuns = new java.util.concurrent.atomic.AtomicLong();

    public ScoreService(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.tenancy = tenancy;
    }

    /** How many times this server ran the score engine. */
    public long engineRuns() {
        return engineRuns.get();
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** The score as of a day with the client's weights; 404 when the client is not in the agency. */
    Future<ScoredClient> score(UUID agencyId, UUID clientId, LocalDate asOf) {
        return tenancy.inAgency(agencyId, sql -> load(sql, agencyId, clientId, asOf))
                .compose(input -> compute(clientId, input));
    }

    /**
     * The score as of a day with the client's weights, and its explanation as GET /api/clients/{id}/score answers
     * it, inside the caller's transaction (404: no such client).
     */
    public Future<ScoredClient> scoreIn(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate asOf) {
        return load(sql, agencyId, clientId, asOf).compose(input -> compute(clientId, input));
    }

    /**
     * Recomputes today's score and records it when it differs from the latest one (or the formula changed). One
     * transaction that first takes the client's score lock: data, weights and the latest score are read under it, so
     * two recomputations (two instances, or a refresh and a change of weights) can neither interleave nor record a
     * score of older data after one of newer data. Empty when nothing was recorded: unchanged, nothing measured, or
     * the client gone.
     */
    Future<Optional<ScoreSnapshot>> refresh(UUID agencyId, UUID clientId) {
        return tenancy.inAgency(agencyId, sql -> refreshIn(sql, agencyId, clientId));
    }

    /** {@link #refresh} inside the caller's transaction (the score recomputer's, which also advances its position). */
    Future<Optional<ScoreSnapshot>> refreshIn(SqlConnection sql, UUID agencyId, UUID clientId) {
        return ScoreSnapshots.lockClient(sql, agencyId, clientId).compose(exists -> {
            if (!exists) {
                return Future.succeededFuture(Optional.<ScoreSnapshot>empty());
            }
            return load(sql, agencyId, clientId, today())
                    .compose(input -> compute(clientId, input))
                    .compose(scored -> !scored.measured() ? Future.succeededFuture(Optional.<ScoreSnapshot>empty())
                            : ScoreSnapshots.latest(sql, agencyId, clientId)
                                    .compose(latest -> record(sql, agencyId, clientId, scored, latest)));
        });
    }

    private static Future<Optional<ScoreSnapshot>> record(SqlConnection sql, UUID agencyId, UUID clientId,
                                                          ScoredClient scored, Optional<ScoreSnapshot> latest) {
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
                return Future.succeededFuture(Optional.empty());
            }
        }
        return ScoreSnapshots.insert(sql, agencyId, clientId, scored, cause, previous).map(Optional::of);
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

    /** The client's weights (the defaults until the agency sets its own) and whether they are the defaults. */
    Future<Optional<Weights>> weights(UUID agencyId, UUID clientId) {
        return tenancy.inAgency(agencyId, sql -> ClientScope.require(sql, agencyId, clientId)
                .compose(exists -> storedWeights(sql, agencyId, clientId)));
    }

    /**
     * Stores new weights and records today's score under them beside the score under the old ones (when anything is
     * measured and the weights differ). Both scores come from the same data, read under the client's score lock.
     */
    Future<WeightsChange> changeWeights(Caller caller, UUID clientId, Weights chosen) {
        UUID agencyId = caller.agencyId();
        UUID person = caller instanceof Caller.Person p ? p.personId() : null;
        return tenancy.inAgency(agencyId, sql -> ScoreSnapshots.lockClient(sql, agencyId, clientId)
                .compose(exists -> {
                    if (!exists) {
                        throw ApiException.notFound(ClientScope.NOT_FOUND);
                    }
                    return load(sql, agencyId, clientId, today());
                })
                .compose(input -> Future.all(compute(clientId, input), compute(clientId, withWeights(input, chosen))))
                .compose(both -> {
                    ScoredClient before = both.resultAt(0);
                    ScoredClient after = both.resultAt(1);
                    boolean changed = !before.score().weights().equals(chosen);
                    return sql.preparedQuery(SAVE_WEIGHTS).execute(Tuple.of(agencyId, clientId,
                                    new JsonObject(new LinkedHashMap<>(keyed(chosen))), person))
                            .compose(saved -> !changed ? Future.succeededFuture()
                                    : Activity.record(sql, caller, clientId, "weights.changed", String.format(
                                            java.util.Locale.ROOT, "changed the weights (score %.1f → %.1f): %s",
                                            before.score().score(), after.score().score(), describe(chosen))))
                            .compose(saved -> changed && after.measured()
                                    ? ScoreSnapshots.insert(sql, agencyId, clientId, after, ScoreCause.WEIGHTS,
                                            before.score().score()).map(true)
                                    : Future.succeededFuture(false))
                            .map(recorded -> new Recorded(new WeightsChange(keyed(chosen), before.score().score(),
                                    after.score().score()), recorded));
                }))
                .map(Recorded::change);
    }

    private record Recorded(WeightsChange change, boolean recorded) {
    }

    private static String describe(Weights weights) {
        StringBuilder text = new StringBuilder();
        keyed(weights).forEach((key, weight) -> text.append(text.length() == 0 ? "" : ", ")
                .append(key).append(' ').append(String.format(java.util.Locale.ROOT, "%.2f", weight)));
        return text.toString();
    }

    private Future<ScoreInput> load(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate asOf) {
        return ClientScope.require(sql, agencyId, clientId)
                .compose(exists -> storedWeights(sql, agencyId, clientId))
                .compose(weights -> ScoreInputs.load(sql, agencyId, clientId, asOf, ScoreInput.DEFAULT_WINDOW_DAYS,
                        weights.orElse(Weights.defaults())));
    }

    /** The engine is CPU work (about a millisecond): off the event loop. */
    private Future<ScoredClient> compute(UUID clientId, ScoreInput input) {
        engineRuns.incrementAndGet();
        return vertx.executeBlocking(() -> {
            ZoomFactor score = ScoreEngine.score(input);
            return new ScoredClient(clientId, score,
                    JsonResponses.toJsonObject(score).put("clientId", clientId.toString()));
        }, false);
    }

    private static ScoreInput withWeights(ScoreInput input, Weights weights) {
        return new ScoreInput(input.asOf(), input.windowDays(), input.daily(), input.breakdowns(), input.posts(),
                input.competitors(), weights);
    }

    private static Future<Optional<Weights>> storedWeights(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(WEIGHTS).execute(Tuple.of(agencyId, clientId)).map(rows -> rows.size() == 0
                ? Optional.empty()
                : Optional.of(parse((JsonObject) rows.iterator().next().getValue("weights"))));
    }

    private static Weights parse(JsonObject stored) {
        EnumMap<Component, Double> map = new EnumMap<>(Component.class);
        stored.forEach(entry -> Component.find(entry.getKey())
                .ifPresent(component -> map.put(component, ((Number) entry.getValue()).doubleValue())));
        return new Weights(map);
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
        return keyed(parse(stored));
    }
}
