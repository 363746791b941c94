package com.zoomfactor.backend.goals;

import com.zoomfactor.backend.scope.ClientCheckStore;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.events.EventStore;
import com.zoomfactor.backend.metrics.SubjectValues;
import com.zoomfactor.backend.observations.DailyTotalStore;
import com.zoomfactor.domain.goals.GoalForecast;
import com.zoomfactor.domain.goals.GoalSeries;
import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.metrics.Polarity;
import com.zoomfactor.domain.series.DailyValue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Goals: a target for a metric (over a trailing window, by the metric's own aggregation) or for the Zoom Factor, by
 * a deadline; each answered with its progress and a forecast from the current trend (docs/api.md, GoalForecast).
 */
public final class GoalHandlers {

    public static final String LIVE_KIND = com.zoomfactor.domain.live.LiveKind.GOAL.wire();
    static final String NOT_FOUND = "No such goal";
    /** The Zoom Factor as a goal's subject (rather than a metric). */
    static final String SCORE = "score";

    private static final String COLUMNS = "id, metric, target, deadline, window_days, start_value, created_at, updated_at";
    private static final String LIST = "SELECT " + COLUMNS + " FROM goals WHERE agency_id = $1 AND client_id = $2"
            + " ORDER BY deadline, created_at";
    private static final String ONE = "SELECT " + COLUMNS + " FROM goals WHERE agency_id = $1 AND client_id = $2 AND id = $3";
    /** Every goal of the agency (or of one client), grouped by client: the portfolio's view. */
    private static final String LIST_ALL = "SELECT client_id, " + COLUMNS + " FROM goals WHERE agency_id = $1"
            + " AND ($2::uuid IS NULL OR client_id = $2) ORDER BY client_id, deadline, created_at LIMIT $3";
    /** The portfolio answers at most this many goals (a goal per client and metric is far fewer in practice). */
    static final int MAX_PORTFOLIO_GOALS = 5_000;
    private static final String INSERT = """
            INSERT INTO goals (agency_id, client_id, metric, target, deadline, window_days, start_value, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""";
    private static final String UPDATE = """
            UPDATE goals SET target = $4, deadline = $5, window_days = $6, updated_at = now()
             WHERE agency_id = $1 AND client_id = $2 AND id = $3""";
    private static final String DELETE = "DELETE FROM goals WHERE agency_id = $1 AND client_id = $2 AND id = $3"
            + " RETURNING metric, target";
    /** Each day's last score. */
    private static final String SCORES = """
            SELECT DISTINCT ON (client_id, as_of) client_id, as_of, score FROM score_snapshots
             WHERE agency_id = $1 AND client_id = ANY($2) AND as_of BETWEEN $3 AND $4
             ORDER BY client_id, as_of, computed_at DESC, id DESC""";

    /** A goal as stored. */
    record Stored(UUID id, String metric, double target, LocalDate deadline, int windowDays, Double startValue,
                  OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** A goal with where it stands today. */
    public record Goal(UUID id, UUID clientId, String metric, double target, LocalDate deadline, int windowDays,
                       Double startValue, Double current, Double progress, Double projected, Double slopePerDay,
                       String status, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    private final Vertx vertx;
    private final Tenancy tenancy;

    public GoalHandlers(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.tenancy = tenancy;
    }

    /** GET /api/clients/{id}/goals — by deadline, each with progress, forecast and status. */
    public void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        UUID agencyId = caller.agencyId();
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        .compose(exists -> all(sql, agencyId, clientId)))
                .onSuccess(goals -> JsonResponses.send(ctx, 200, goals))
                .onFailure(ctx::fail);
    }

    /**
     * GET /api/goals — every goal of the agency's clients (a client viewer: of their client), each with its forecast,
     * for the portfolio. One read of the goals' metrics over every client, and one of their scores.
     */
    public void portfolio(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID only = caller.onlyClient();
        UUID agencyId = caller.agencyId();
        tenancy.inAgency(agencyId, sql -> sql.preparedQuery(LIST_ALL)
                        .execute(Tuple.of(agencyId, only, MAX_PORTFOLIO_GOALS))
                        .compose(rows -> {
                            Map<UUID, List<Stored>> byClient = new LinkedHashMap<>();
                            rows.forEach(row -> byClient.computeIfAbsent(row.getUUID("client_id"),
                                    id -> new ArrayList<>()).add(stored(row)));
                            return withForecasts(sql, agencyId, byClient);
                        }))
                .onSuccess(goals -> JsonResponses.send(ctx, 200, goals))
                .onFailure(ctx::fail);
    }

    /** The client's goals by deadline, each with its forecast, inside the caller's transaction. */
    public Future<List<Goal>> all(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId)).compose(rows -> {
            List<Stored> goals = new ArrayList<>();
            rows.forEach(row -> goals.add(stored(row)));
            return withForecasts(sql, agencyId, clientId, goals);
        });
    }

    /** GET /api/clients/{id}/goals/{goalId} */
    public void get(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        UUID id = PathParams.uuid(ctx, "goalId", "goal");
        UUID agencyId = caller.agencyId();
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        .compose(exists -> one(sql, agencyId, clientId, id))
                        .compose(goal -> withForecasts(sql, agencyId, clientId, List.of(goal))))
                .onSuccess(goals -> JsonResponses.send(ctx, 200, goals.get(0)))
                .onFailure(ctx::fail);
    }

    /** POST /api/clients/{id}/goals {metric? ("score" or absent: the Zoom Factor), target, deadline, windowDays?} */
    public void create(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        JsonBody body = JsonBody.of(ctx);
        String metric = body.optionalText("metric", 100).filter(key -> !key.equals(SCORE)).map(key -> MetricCatalogue
                .find(key).orElseThrow(() -> ApiException.badRequest("metric: unknown metric '" + key
                        + "'; GET /api/metrics lists them, or use \"score\" for the Zoom Factor")).key()).orElse(null);
        double target = SubjectValues.required(body, "target", metric);
        LocalDate deadline = deadline(body);
        int windowDays = windowDays(body).orElse(GoalSeries.DEFAULT_WINDOW_DAYS);
        UUID person = caller instanceof Caller.Person p ? p.personId() : null;
        UUID agencyId = caller.agencyId();
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        // progress is measured from where the goal started
                        .compose(exists -> withForecasts(sql, agencyId, clientId, List.of(new Stored(null, metric,
                                target, deadline, windowDays, null, null, null))))
                        .compose(now -> sql.preparedQuery(INSERT).execute(Tuple.of(agencyId, clientId, metric, target,
                                deadline, windowDays, now.get(0).current(), person)))
                        .compose(rows -> one(sql, agencyId, clientId, rows.iterator().next().getUUID("id")))
                        .compose(goal -> withForecasts(sql, agencyId, clientId, List.of(goal)))
                        .compose(goals -> announce(sql, caller, clientId, goals.get(0), "created",
                                "set a goal: " + describe(goals.get(0)))))
                .onSuccess(goal -> JsonResponses.send(ctx, 201, goal))
                .onFailure(ctx::fail);
    }

    /** PATCH /api/clients/{id}/goals/{goalId} {target?, deadline?, windowDays?} */
    public void update(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        UUID id = PathParams.uuid(ctx, "goalId", "goal");
        JsonBody body = JsonBody.of(ctx);
        UUID agencyId = caller.agencyId();
        boolean targetGiven = body.has("target");
        boolean deadlineGiven = body.has("deadline");
        Optional<Integer> windowDays = windowDays(body);
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        .compose(exists -> one(sql, agencyId, clientId, id))
                        .compose(current -> sql.preparedQuery(UPDATE).execute(Tuple.of(agencyId, clientId, id,
                                targetGiven ? SubjectValues.required(body, "target", current.metric()) : current.target(),
                                deadlineGiven ? deadline(body) : current.deadline(),
                                windowDays.orElse(current.windowDays()))))
                        .compose(updated -> one(sql, agencyId, clientId, id))
                        .compose(goal -> withForecasts(sql, agencyId, clientId, List.of(goal)))
                        .compose(goals -> announce(sql, caller, clientId, goals.get(0), "updated",
                                "changed a goal: " + describe(goals.get(0)))))
                .onSuccess(goal -> JsonResponses.send(ctx, 200, goal))
                .onFailure(ctx::fail);
    }

    /** DELETE /api/clients/{id}/goals/{goalId} */
    public void delete(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        UUID id = PathParams.uuid(ctx, "goalId", "goal");
        UUID agencyId = caller.agencyId();
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        .compose(exists -> sql.preparedQuery(DELETE).execute(Tuple.of(agencyId, clientId, id)))
                        .compose(rows -> {
                            if (rows.rowCount() == 0) {
                                throw ApiException.notFound(NOT_FOUND);
                            }
                            Row row = rows.iterator().next();
                            String subject = row.getString("metric") == null ? "the Zoom Factor" : row.getString("metric");
                            return EventStore.record(sql, agencyId, clientId, LIVE_KIND, new JsonObject()
                                            .put("action", "deleted").put("id", id.toString()))
                                    .compose(seq -> ActivityStore.record(sql, caller, clientId, "goal.deleted",
                                            "removed the goal for " + subject));
                        }))
                .onSuccess(done -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    /** Each goal's forecast: one read of the client's daily data (or scores) covering every goal's window. */
    private Future<List<Goal>> withForecasts(SqlConnection sql, UUID agencyId, UUID clientId, List<Stored> goals) {
        return withForecasts(sql, agencyId, Map.of(clientId, goals));
    }

    /**
     * The goals of several clients with their forecasts, in the order given: one read of the clients' daily data and
     * one of their scores, whatever the number of clients.
     */
    private Future<List<Goal>> withForecasts(SqlConnection sql, UUID agencyId, Map<UUID, List<Stored>> byClient) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Stored> all = byClient.values().stream().flatMap(List::stream).toList();
        int widest = all.stream().mapToInt(Stored::windowDays).max().orElse(1);
        LocalDate from = today.minusDays(GoalForecast.TREND_DAYS + widest);
        LocalDate trendFrom = today.minusDays(GoalForecast.TREND_DAYS - 1L);
        UUID[] metricClients = clientsWith(byClient, goal -> goal.metric() != null);
        UUID[] scoreClients = clientsWith(byClient, goal -> goal.metric() == null);
        String[] metrics = all.stream().map(Stored::metric).filter(Objects::nonNull).distinct()
                .toArray(String[]::new);
        Future<Map<UUID, Map<String, List<DailyValue>>>> daily = metricClients.length == 0
                ? Future.succeededFuture(Map.of())
                : DailyTotalStore.loadMany(sql, agencyId, metricClients, metrics, from, today);
        Future<Map<UUID, List<GoalForecast.Point>>> scores = scoreClients.length == 0 ? Future.succeededFuture(Map.of())
                : sql.preparedQuery(SCORES).execute(Tuple.of(agencyId, scoreClients, trendFrom, today)).map(rows -> {
                    Map<UUID, List<GoalForecast.Point>> points = new HashMap<>();
                    rows.forEach(row -> points.computeIfAbsent(row.getUUID("client_id"), id -> new ArrayList<>())
                            .add(new GoalForecast.Point(row.getLocalDate("as_of"), row.getDouble("score"))));
                    return points;
                });
        return Future.all(daily, scores).compose(loaded -> vertx.executeBlocking(() -> {
            List<Goal> answered = new ArrayList<>();
            byClient.forEach((clientId, goals) -> {
                for (Stored goal : goals) {
                    answered.add(forecast(clientId, goal, daily.result().getOrDefault(clientId, Map.of()),
                            scores.result().getOrDefault(clientId, List.of()), trendFrom, today));
                }
            });
            return answered;
        }, false));
    }

    private static UUID[] clientsWith(Map<UUID, List<Stored>> byClient, Predicate<Stored> goal) {
        return byClient.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(goal)).map(Map.Entry::getKey)
                .toArray(UUID[]::new);
    }

    private static Goal forecast(UUID clientId, Stored goal, Map<String, List<DailyValue>> daily,
                                 List<GoalForecast.Point> scores, LocalDate trendFrom, LocalDate today) {
        List<GoalForecast.Point> points;
        Polarity polarity;
        if (goal.metric() == null) {
            points = scores;
            polarity = Polarity.HIGHER_IS_BETTER;
        } else {
            Metric metric = MetricCatalogue.find(goal.metric()).orElseThrow();
            points = GoalSeries.trailing(daily.getOrDefault(goal.metric(), List.of()), metric.aggregation(),
                    goal.windowDays(), trendFrom, today);
            polarity = metric.polarity();
        }
        GoalForecast.Forecast f = GoalForecast.of(points, polarity, goal.target(), goal.startValue(), goal.deadline(),
                today);
        return new Goal(goal.id(), clientId, goal.metric() == null ? SCORE : goal.metric(), goal.target(),
                goal.deadline(), goal.windowDays(), goal.startValue(), f.current(), f.progress(), f.projected(),
                f.slope(), f.status().key(), goal.createdAt(), goal.updatedAt());
    }

    private static Future<Goal> announce(SqlConnection sql, Caller caller, UUID clientId, Goal goal, String action,
                                         String summary) {
        return EventStore.record(sql, caller.agencyId(), clientId, LIVE_KIND, new JsonObject().put("action", action)
                        .put("goal", JsonResponses.toJsonObject(goal)))
                .compose(seq -> ActivityStore.record(sql, caller, clientId, "goal." + action, summary))
                .map(goal);
    }

    private static String describe(Goal goal) {
        String subject = goal.metric().equals(SCORE) ? "the Zoom Factor" : goal.metric();
        return String.format(Locale.ROOT, "%s at %s by %s", subject, trim(goal.target()), goal.deadline());
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%s", value);
    }

    private static LocalDate deadline(JsonBody body) {
        LocalDate deadline = body.optionalDate("deadline").orElseThrow(() -> ApiException.badRequest("deadline is required"));
        if (deadline.isBefore(LocalDate.now(ZoneOffset.UTC))) {
            throw ApiException.badRequest("deadline must not lie in the past");
        }
        return deadline;
    }

    private static Optional<Integer> windowDays(JsonBody body) {
        Object value = body.raw("windowDays");
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Integer days) || days < 1 || days > GoalSeries.MAX_WINDOW_DAYS) {
            throw ApiException.badRequest("windowDays must be a whole number from 1 to " + GoalSeries.MAX_WINDOW_DAYS);
        }
        return Optional.of(days);
    }

    private static Future<Stored> one(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(ONE).execute(Tuple.of(agencyId, clientId, id)).map(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound(NOT_FOUND);
            }
            return stored(rows.iterator().next());
        });
    }

    private static Stored stored(Row row) {
        return new Stored(row.getUUID("id"), row.getString("metric"), row.getDouble("target"),
                row.getLocalDate("deadline"), row.getInteger("window_days"), row.getDouble("start_value"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
