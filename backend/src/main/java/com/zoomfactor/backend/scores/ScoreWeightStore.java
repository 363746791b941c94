package com.zoomfactor.backend.scores;

import com.zoomfactor.domain.score.Component;
import com.zoomfactor.domain.score.Weights;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.UUID;

/** The weights an agency chose for a client (client_weights): reading, saving, and their stored form. */
final class ScoreWeightStore {

    private static final String WEIGHTS = "SELECT weights FROM client_weights WHERE agency_id = $1 AND client_id = $2";
    private static final String SAVE_WEIGHTS = """
            INSERT INTO client_weights (agency_id, client_id, weights, updated_by) VALUES ($1, $2, $3, $4)
            ON CONFLICT (agency_id, client_id) DO UPDATE
               SET weights = EXCLUDED.weights, updated_by = EXCLUDED.updated_by, updated_at = now()""";

    private ScoreWeightStore() {
    }

    /** The client's stored weights; empty when the agency has not set any (the defaults apply). */
    static Future<Optional<Weights>> stored(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(WEIGHTS).execute(Tuple.of(agencyId, clientId)).map(rows -> rows.size() == 0
                ? Optional.empty()
                : Optional.of(parse((JsonObject) rows.iterator().next().getValue("weights"))));
    }

    /** Stores the client's weights; {@code person} is who changed them (null for an API token). */
    static Future<Void> save(SqlConnection sql, UUID agencyId, UUID clientId, Weights weights, UUID person) {
        return sql.preparedQuery(SAVE_WEIGHTS).execute(Tuple.of(agencyId, clientId,
                new JsonObject(new LinkedHashMap<>(ScoreService.keyed(weights))), person)).mapEmpty();
    }

    /** Weights as stored (by component key); unknown keys are ignored. */
    static Weights parse(JsonObject stored) {
        EnumMap<Component, Double> map = new EnumMap<>(Component.class);
        stored.forEach(entry -> Component.find(entry.getKey())
                .ifPresent(component -> map.put(component, ((Number) entry.getValue()).doubleValue())));
        return new Weights(map);
    }
}
