package com.zoomfactor.backend.scores;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.clients.ClientScope;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.domain.score.Component;
import com.zoomfactor.domain.score.ScoreEngine;
import com.zoomfactor.domain.score.ScoreInput;
import com.zoomfactor.domain.score.Weights;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Zoom Factor of a client as of a day, with its whole explanation, computed from the stored data with the
 * client's weights (the defaults until an agency sets its own); and those weights. Stored history comes next.
 */
public final class ScoreHandlers {

    private static final String WEIGHTS = "SELECT weights FROM client_weights WHERE agency_id = $1 AND client_id = $2";
    private static final String SAVE_WEIGHTS = """
            INSERT INTO client_weights (agency_id, client_id, weights, updated_by) VALUES ($1, $2, $3, $4)
            ON CONFLICT (agency_id, client_id) DO UPDATE
               SET weights = EXCLUDED.weights, updated_by = EXCLUDED.updated_by, updated_at = now()""";

    /** A client's weights, and whether they are the documented defaults. */
    public record ClientWeights(Map<String, Double> weights, boolean isDefault) {
    }

    /** A change of weights: the new weights, and the score before and after, side by side. */
    public record WeightsChange(Map<String, Double> weights, double scoreBefore, double scoreAfter) {
    }

    private final Vertx vertx;
    private final Tenancy tenancy;

    public ScoreHandlers(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.tenancy = tenancy;
    }

    /** GET /api/clients/{id}/score[?asOf=YYYY-MM-DD] */
    public void score(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate asOf = QueryParams.date(ctx, "asOf").orElse(today);
        if (asOf.isAfter(today)) {
            throw ApiException.badRequest("asOf must not lie in the future");
        }
        tenancy.inAgency(caller.agencyId(), sql -> ClientScope.require(sql, caller.agencyId(), clientId)
                        .compose(exists -> weights(sql, caller.agencyId(), clientId))
                        .compose(weights -> ScoreInputs.load(sql, caller.agencyId(), clientId, asOf,
                                ScoreInput.DEFAULT_WINDOW_DAYS, weights.orElse(Weights.defaults()))))
                // the engine is CPU work (a millisecond or so): off the event loop
                .compose(input -> vertx.executeBlocking(() -> ScoreEngine.score(input), false))
                .onSuccess(score -> {
                    JsonObject body = JsonResponses.toJsonObject(score).put("clientId", clientId.toString());
                    JsonResponses.send(ctx.response(), 200, body.toBuffer());
                })
                .onFailure(ctx::fail);
    }

    /** GET /api/clients/{id}/weights */
    public void getWeights(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        tenancy.inAgency(caller.agencyId(), sql -> ClientScope.require(sql, caller.agencyId(), clientId)
                        .compose(exists -> weights(sql, caller.agencyId(), clientId)))
                .onSuccess(stored -> JsonResponses.send(ctx, 200, new ClientWeights(
                        keyed(stored.orElse(Weights.defaults())), stored.isEmpty())))
                .onFailure(ctx::fail);
    }

    /** PUT /api/clients/{id}/weights {"attention": 0.2, ...}: every component, non-negative, one at least positive. */
    public void putWeights(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        Weights chosen = parseWeights(JsonBody.object(ctx));
        UUID person = caller instanceof Caller.Person p ? p.personId() : null;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        tenancy.inAgency(caller.agencyId(), sql -> ClientScope.require(sql, caller.agencyId(), clientId)
                        .compose(exists -> weights(sql, caller.agencyId(), clientId))
                        .compose(before -> ScoreInputs.load(sql, caller.agencyId(), clientId, today,
                                ScoreInput.DEFAULT_WINDOW_DAYS, before.orElse(Weights.defaults())))
                        .compose(input -> sql.preparedQuery(SAVE_WEIGHTS).execute(Tuple.of(caller.agencyId(), clientId,
                                new JsonObject(new LinkedHashMap<>(keyed(chosen))), person)).map(input)))
                .compose(input -> vertx.executeBlocking(() -> new WeightsChange(keyed(chosen),
                        ScoreEngine.score(input).score(),
                        ScoreEngine.score(new ScoreInput(input.asOf(), input.windowDays(), input.daily(), input.breakdowns(),
                                input.posts(), input.competitors(), chosen)).score()), false))
                .onSuccess(change -> JsonResponses.send(ctx, 200, change))
                .onFailure(ctx::fail);
    }

    private static Future<Optional<Weights>> weights(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(WEIGHTS).execute(Tuple.of(agencyId, clientId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            JsonObject stored = (JsonObject) rows.iterator().next().getValue("weights");
            EnumMap<Component, Double> map = new EnumMap<>(Component.class);
            stored.forEach(entry -> Component.find(entry.getKey())
                    .ifPresent(component -> map.put(component, ((Number) entry.getValue()).doubleValue())));
            return Optional.of(new Weights(map));
        });
    }

    /** Weights by component key, in the components' order. */
    private static Map<String, Double> keyed(Weights weights) {
        Map<String, Double> keyed = new LinkedHashMap<>();
        for (Component component : Component.values()) {
            keyed.put(component.key(), weights.of(component));
        }
        return keyed;
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
