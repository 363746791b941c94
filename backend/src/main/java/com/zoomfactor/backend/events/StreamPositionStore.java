package com.zoomfactor.backend.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Where each background consumer of the change stream stands in each client's stream (stream_positions): its
 * per-client lock, what came after its position, advancing it, and the clients behind it across agencies.
 */
final class StreamPositionStore {

    private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext($1), hashtext($2)) AS locked";
    /**
     * The client's latest seq and which wanted kinds came after the consumer's position (all of them when the event
     * right after it was pruned; null when none came). live_sequences keeps the latest seq after pruning.
     */
    private static final String POSITION = """
            SELECT s.seq AS latest,
                   CASE WHEN s.seq <= coalesce(p.seq, 0) THEN NULL
                        WHEN NOT EXISTS (SELECT 1 FROM live_events e
                                          WHERE e.agency_id = $2 AND e.client_id = $3 AND e.seq = coalesce(p.seq, 0) + 1)
                        THEN $4::text[]
                        ELSE (SELECT array_agg(DISTINCT e.kind) FROM live_events e
                               WHERE e.agency_id = $2 AND e.client_id = $3 AND e.seq > coalesce(p.seq, 0)
                                 AND e.kind = ANY ($4::text[]))
                   END AS kinds
              FROM live_sequences s
              LEFT JOIN stream_positions p ON p.consumer = $1 AND p.agency_id = s.agency_id AND p.client_id = s.client_id
             WHERE s.agency_id = $2 AND s.client_id = $3""";
    private static final String ADVANCE = """
            INSERT INTO stream_positions (consumer, agency_id, client_id, seq) VALUES ($1, $2, $3, $4)
            ON CONFLICT (consumer, agency_id, client_id) DO UPDATE
               SET seq = greatest(stream_positions.seq, EXCLUDED.seq)""";
    /**
     * The days the wanted events after the consumer's position say they changed ({@code firstDay}, {@code lastDay} in
     * their data), and whether that is all of them: false when one of them carries no days, or the event right after
     * the position was pruned (its days are unknown).
     */
    private static final String CHANGED_DAYS = """
            SELECT min((e.data ->> 'firstDay')::date) AS first_day, max((e.data ->> 'lastDay')::date) AS last_day,
                   count(e.seq) AS events,
                   bool_and(e.data ? 'firstDay' AND e.data ? 'lastDay') AS dated,
                   p.seq >= coalesce((SELECT s.seq FROM live_sequences s WHERE s.agency_id = $2 AND s.client_id = $3), 0)
                       OR EXISTS (SELECT 1 FROM live_events x
                                   WHERE x.agency_id = $2 AND x.client_id = $3 AND x.seq = p.seq + 1) AS complete
              FROM (SELECT coalesce((SELECT seq FROM stream_positions
                                      WHERE consumer = $1 AND agency_id = $2 AND client_id = $3), 0) AS seq) p
              LEFT JOIN live_events e ON e.agency_id = $2 AND e.client_id = $3 AND e.seq > p.seq
                                     AND e.kind = ANY ($4::text[])
             GROUP BY p.seq""";
    private static final String BACKLOG = "SELECT agency_id, client_id, kinds FROM stream_backlog($1, $2::text[])";

    /** The client's latest seq (0: no event yet) and the wanted kinds that came after the position (null: none). */
    record Position(long latest, Set<String> kinds) {
    }

    /** A client whose stream moved past the consumer's position, and the wanted kinds that came since. */
    record Behind(UUID agencyId, UUID clientId, Set<String> kinds) {
    }

    private StreamPositionStore() {
    }

    /**
     * Takes the transaction-scoped lock of (consumer, client) without waiting; false when another transaction (another
     * instance) holds it.
     */
    static Future<Boolean> tryLock(SqlConnection sql, String consumer, UUID clientId) {
        return sql.preparedQuery(TRY_LOCK).execute(Tuple.of(consumer, clientId.toString()))
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }

    static Future<Position> position(SqlConnection sql, String consumer, UUID agencyId, UUID clientId,
                                     String[] wanted) {
        return sql.preparedQuery(POSITION).execute(Tuple.of(consumer, agencyId, clientId).addArrayOfString(wanted))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return new Position(0, null);
                    }
                    Row row = rows.iterator().next();
                    return new Position(row.getLong("latest"), kinds(row));
                });
    }

    static Future<StreamConsumer.ChangedDays> changedDays(SqlConnection sql, String consumer, UUID agencyId,
                                                          UUID clientId, String[] wanted) {
        return sql.preparedQuery(CHANGED_DAYS).execute(Tuple.of(consumer, agencyId, clientId).addArrayOfString(wanted))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    boolean known = row.getBoolean("complete") && (row.getLong("events") == 0
                            || Boolean.TRUE.equals(row.getBoolean("dated")));
                    return new StreamConsumer.ChangedDays(row.getLong("events") > 0 || !known, known,
                            known ? row.getLocalDate("first_day") : null, known ? row.getLocalDate("last_day") : null);
                });
    }

    /** Moves the consumer's position in the client's stream to {@code seq} (never backwards). */
    static Future<Void> advance(SqlConnection sql, String consumer, UUID agencyId, UUID clientId, long seq) {
        return sql.preparedQuery(ADVANCE).execute(Tuple.of(consumer, agencyId, clientId, seq)).mapEmpty();
    }

    /**
     * Every client whose stream moved past the consumer's position: one read across agencies (ids and kind names
     * only, through the SECURITY DEFINER function), outside any agency.
     */
    static Future<List<Behind>> backlog(SqlConnection sql, String consumer, String[] wanted) {
        return sql.preparedQuery(BACKLOG).execute(Tuple.of(consumer).addArrayOfString(wanted)).map(rows -> {
            List<Behind> behind = new ArrayList<>();
            rows.forEach(row -> behind.add(new Behind(row.getUUID("agency_id"), row.getUUID("client_id"), kinds(row))));
            return behind;
        });
    }

    private static Set<String> kinds(Row row) {
        String[] kinds = row.getArrayOfStrings("kinds");
        return kinds == null ? null : new HashSet<>(Arrays.asList(kinds));
    }
}
