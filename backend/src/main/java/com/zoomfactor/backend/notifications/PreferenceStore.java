package com.zoomfactor.backend.notifications;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The notification_preferences table (SQL): how a person hears of each topic in an agency; a topic without a row has
 * the default of the database's {@code delivery_of()}.
 */
final class PreferenceStore {

    /** The topics a person chooses a delivery for. */
    static final List<String> TOPICS = List.of("mention", "alert", "goal");
    /** The deliveries: in the app only, by e-mail at once, in the daily digest (in the app always). */
    static final List<String> DELIVERIES = List.of("in_app", "email", "digest");

    private static final String READ = """
            SELECT t AS topic, delivery_of($1, $2, t) AS delivery FROM unnest($3::text[]) WITH ORDINALITY AS x(t, n)
             ORDER BY n""";
    private static final String UPSERT = """
            INSERT INTO notification_preferences (agency_id, person_id, topic, delivery) VALUES ($1, $2, $3, $4)
            ON CONFLICT (agency_id, person_id, topic) DO UPDATE SET delivery = excluded.delivery, updated_at = now()""";

    private PreferenceStore() {
    }

    /** Topic → delivery, every topic, in the order of {@link #TOPICS}. */
    static Future<Map<String, String>> read(SqlConnection sql, UUID agencyId, UUID personId) {
        return sql.preparedQuery(READ).execute(Tuple.of(agencyId, personId, TOPICS.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, String> preferences = new LinkedHashMap<>();
                    rows.forEach(row -> preferences.put(row.getString("topic"), row.getString("delivery")));
                    return preferences;
                });
    }

    /** Stores the given topics' deliveries (the others keep theirs). */
    static Future<Void> write(SqlConnection sql, UUID agencyId, UUID personId, Map<String, String> changes) {
        if (changes.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Tuple> rows = new ArrayList<>();
        changes.forEach((topic, delivery) -> rows.add(Tuple.of(agencyId, personId, topic, delivery)));
        return sql.preparedQuery(UPSERT).executeBatch(rows).mapEmpty();
    }
}
