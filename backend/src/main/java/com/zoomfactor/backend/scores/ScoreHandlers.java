package com.zoomfactor.backend.scores;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.scope.RequestScope;
import com.zoomfactor.backend.scope.RequestScope.Answer;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.domain.score.Component;
import com.zoomfactor.domain.score.Weights;
import com.zoomfactor.backend.scores.ScoreService.TodaysScore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Zoom Factor of a client as of a day with its whole explanation, its recorded history, and the client's weights
 * (the defaults until an agency sets its own).
 */
public final class ScoreHandlers {

    /** A client's weights, and whether they are the documented defaults. */
    public record ClientWeights(Map<String, Double> weights, boolean isDefault) {
    }

    /** The recorded scores of a client on the days from..to; {@code truncated} when the range held more. */
    public record History(UUID clientId, LocalDate from, LocalDate to, List<ScoreSnapshot> points, boolean truncated) {
    }

    /** The widest range one history request may ask for. */
    static final int MAX_HISTORY_DAYS = 3 * 366;
    static final int DEFAULT_HISTORY_DAYS = 90;

    private final ScoreService scores;
    private final RequestScope scope;

    public ScoreHandlers(ScoreService scores, Tenancy tenancy) {
        this.scores = scores;
        this.scope = new RequestScope(tenancy);
    }

    /** GET /api/clients/{id}/score[?asOf=YYYY-MM-DD] */
    public void score(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        LocalDate today = ScoreService.today();
        LocalDate asOf = asOf(ctx, today);
        // today's score is read from its snapshot (recomputed only when that no longer holds); past days are computed.
        // The service opens its own transactions: a recomputation takes a second one, a past day's engine runs after it
        Future<Optional<JsonObject>> explanation = asOf.equals(today)
                ? scores.todaysScore(caller.agencyId(), clientId).map(found -> found.map(TodaysScore::explanation))
                : scores.score(caller.agencyId(), clientId, asOf).map(found -> found.map(ScoredClient::explanation));
        new Answer<>(ctx, explanation.map(ScoreHandlers::found))
                .respond(json -> JsonResponses.send(ctx.response(), 200, json.toBuffer()));
    }

    /**
     * GET /api/clients/{id}/score/inputs[?asOf=YYYY-MM-DD] — the data GET /score scores for that day (the engine's
     * input, as the conformance vectors write it), so that anyone can recompute the score with another implementation.
     */
    public void inputs(RoutingContext ctx) {
        LocalDate asOf = asOf(ctx, ScoreService.today());
        scope.inClient(ctx, (caller, clientId, sql) -> scores.inputsIn(sql, caller.agencyId(), clientId, asOf)).ok();
    }

    /** The day a score is asked for: today by default, never in the future. */
    private static LocalDate asOf(RoutingContext ctx, LocalDate today) {
        LocalDate asOf = QueryParams.date(ctx, "asOf").orElse(today);
        if (asOf.isAfter(today)) {
            throw ApiException.badRequest("asOf must not lie in the future");
        }
        return asOf;
    }

    /** GET /api/clients/{id}/score/history[?from=YYYY-MM-DD&to=YYYY-MM-DD] — by the day each score was computed. */
    public void history(RoutingContext ctx) {
        QueryParams.DateRange range = QueryParams.dateRange(ctx, DEFAULT_HISTORY_DAYS, MAX_HISTORY_DAYS);
        LocalDate from = range.from();
        LocalDate to = range.to();
        scope.inClient(ctx, (caller, clientId, sql) -> ScoreSnapshotStore.history(sql, caller.agencyId(), clientId,
                        from, to, ScoreSnapshotStore.MAX_HISTORY_POINTS)
                .map(history -> new History(clientId, from, to, history.points(), history.truncated()))).ok();
    }

    /** GET /api/clients/{id}/weights */
    public void getWeights(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        new Answer<>(ctx, scores.weights(caller.agencyId(), clientId).map(ScoreHandlers::found)
                .map(found -> new ClientWeights(ScoreService.keyed(found.weights()), found.isDefault()))).ok();
    }

    /**
     * PUT /api/clients/{id}/weights {"attention": 0.2, ...}: every component, non-negative, one at least positive.
     * Answers today's score before and after; the history records the change as caused by weights.
     */
    public void putWeights(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        Weights chosen = parseWeights(JsonBody.object(ctx));
        new Answer<>(ctx, scores.changeWeights(caller, clientId, chosen).map(ScoreHandlers::found)).ok();
    }

    /** A client the service did not find is a 404, as for any other client-scoped route. */
    private static <T> T found(Optional<T> result) {
        return result.orElseThrow(() -> ApiException.notFound(ClientScope.NOT_FOUND));
    }

    private static Weights parseWeights(JsonObject body) {
        EnumMap<Component, Double> map = new EnumMap<>(Component.class);
        for (String key : body.fieldNames()) {
            Component component = Component.find(key).orElseThrow(() -> ApiException.badRequest(
                    "unknown component '" + key + "'; the components are " + COMPONENT_KEYS));
            if (!(body.getValue(key) instanceof Number weight)) {
                throw ApiException.badRequest(key + " must be a number");
            }
            map.put(component, weight.doubleValue());
        }
        if (map.size() != Component.values().length) {
            throw ApiException.badRequest("give a weight for every component: " + COMPONENT_KEYS);
        }
        try {
            return new Weights(map);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static final String COMPONENT_KEYS = Arrays.stream(Component.values()).map(Component::key)
            .collect(Collectors.joining(", "));
}
