package com.zoomfactor.backend.goals;

import com.zoomfactor.backend.scope.Found;

import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.domain.goals.GoalForecast;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The goals as stored (SQL and row mapping), and the scores their forecasts read. */
public final class GoalStore {

    static final String NOT_FOUND = "No such goal";
    /** The portfolio answers at most this many goals (a goal per client and metric is far fewer in practice). */
    static final int MAX_PORTFOLIO_GOALS = 5_000;

    private static final String COLUMNS = "id, metric, target, deadline, window_days, start_value, created_at, updated_at";
    private static final String LIST = "SELECT " + COLUMNS + " FROM goals WHERE agency_id = $1 AND client_id = $2"
            + " ORDER BY deadline, created_at";
    private static final String ONE = "SELECT " + COLUMNS + " FROM goals WHERE agency_id = $1 AND client_id = $2 AND id = $3";
    /** Every goal of the agency (or of one client), grouped by client: the portfolio's view. */
    private static final String LIST_ALL = "SELECT client_id, " + COLUMNS + " FROM goals WHERE agency_id = $1"
            + " AND ($2::uuid IS NULL OR client_id = $2) ORDER BY client_id, deadline, created_at LIMIT $3";
    private static final String INSERT = """
            INSERT INTO goals (agency_id, client_id, metric, target, deadline, window_days, start_value, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""";
    private static final String UPDATE = """
            UPDATE goals SET target = $4, deadline = $5, window_days = $6, updated_at = now(),
                             reached_at = CASE WHEN target = $4 THEN reached_at END
             WHERE agency_id = $1 AND client_id = $2 AND id = $3""";
    /** A new target may be reached (and told of) again. */
    private static final String MARK_REACHED = """
            UPDATE goals SET reached_at = now()
             WHERE agency_id = $1 AND client_id = $2 AND id = $3 AND reached_at IS NULL RETURNING reached_at""";
    private static final String DELETE = "DELETE FROM goals WHERE agency_id = $1 AND client_id = $2 AND id = $3"
            + " RETURNING metric, target";
    /** Each day's last score. */
    private static final String SCORES = """
            SELECT DISTINCT ON (client_id, as_of) client_id, as_of, score FROM score_snapshots
             WHERE agency_id = $1 AND client_id = ANY($2) AND as_of BETWEEN $3 AND $4
             ORDER BY client_id, as_of, computed_at DESC, id DESC""";

    /** A goal as stored; {@code metric} is null for the Zoom Factor. */
    record Stored(UUID id, String metric, double target, LocalDate deadline, int windowDays, Double startValue,
                  OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    private GoalStore() {
    }

    /** Marks the goal reached, once (until its target changes); when, or empty when it already was. */
    static Future<java.util.Optional<OffsetDateTime>> markReached(SqlConnection sql, UUID agencyId, UUID clientId,
                                                                  UUID id) {
        return sql.preparedQuery(MARK_REACHED).execute(Tuple.of(agencyId, clientId, id)).map(rows -> rows.size() == 0
                ? java.util.Optional.empty() : java.util.Optional.of(rows.iterator().next().getOffsetDateTime("reached_at")));
    }

    /** The client's goals by deadline. */
    static Future<List<Stored>> list(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId)).map(rows -> {
            List<Stored> goals = new ArrayList<>();
            rows.forEach(row -> goals.add(stored(row)));
            return goals;
        });
    }

    /** Every goal of the agency (of one client when {@code only} is given), by client, at most the portfolio's. */
    static Future<Map<UUID, List<Stored>>> byClient(SqlConnection sql, UUID agencyId, UUID only) {
        return sql.preparedQuery(LIST_ALL).execute(Tuple.of(agencyId, only, MAX_PORTFOLIO_GOALS)).map(rows -> {
            Map<UUID, List<Stored>> byClient = new LinkedHashMap<>();
            rows.forEach(row -> byClient.computeIfAbsent(row.getUUID("client_id"), id -> new ArrayList<>())
                    .add(stored(row)));
            return byClient;
        });
    }

    /** The goal, or 404. */
    static Future<Stored> one(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(ONE).execute(Tuple.of(agencyId, clientId, id)).map(rows -> Found.one(rows, NOT_FOUND, GoalStore::stored));
    }

    /** Stores a new goal and answers its id. */
    public static Future<UUID> insert(SqlConnection sql, UUID agencyId, UUID clientId, String metric, double target,
                                      LocalDate deadline, int windowDays, Double startValue, UUID createdBy) {
        return sql.preparedQuery(INSERT).execute(Tuple.of(agencyId, clientId, metric, target, deadline, windowDays,
                startValue, createdBy)).map(rows -> rows.iterator().next().getUUID("id"));
    }

    static Future<Void> update(SqlConnection sql, UUID agencyId, UUID clientId, UUID id, double target,
                               LocalDate deadline, int windowDays) {
        return sql.preparedQuery(UPDATE).execute(Tuple.of(agencyId, clientId, id, target, deadline, windowDays))
                .mapEmpty();
    }

    /** Deletes the goal and answers its metric (null for the Zoom Factor), or 404. */
    static Future<String> delete(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(DELETE).execute(Tuple.of(agencyId, clientId, id)).map(rows -> {
            if (rows.rowCount() == 0) {
                throw ApiException.notFound(NOT_FOUND);
            }
            return rows.iterator().next().getString("metric");
        });
    }

    /** Each day's last score of the clients from..to, by client. */
    static Future<Map<UUID, List<GoalForecast.Point>>> scores(SqlConnection sql, UUID agencyId, UUID[] clientIds,
                                                               LocalDate from, LocalDate to) {
        return sql.preparedQuery(SCORES).execute(Tuple.of(agencyId, clientIds, from, to)).map(rows -> {
            Map<UUID, List<GoalForecast.Point>> points = new HashMap<>();
            rows.forEach(row -> points.computeIfAbsent(row.getUUID("client_id"), id -> new ArrayList<>())
                    .add(new GoalForecast.Point(row.getLocalDate("as_of"), row.getDouble("score"))));
            return points;
        });
    }

    private static Stored stored(Row row) {
        return new Stored(row.getUUID("id"), row.getString("metric"), row.getDouble("target"),
                row.getLocalDate("deadline"), row.getInteger("window_days"), row.getDouble("start_value"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
