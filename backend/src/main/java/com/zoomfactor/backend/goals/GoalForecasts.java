package com.zoomfactor.backend.goals;

import com.zoomfactor.backend.goals.GoalStore.Stored;
import com.zoomfactor.backend.observations.DailyTotalStore;
import com.zoomfactor.domain.goals.GoalForecast;
import com.zoomfactor.domain.goals.GoalSeries;
import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.metrics.Polarity;
import com.zoomfactor.domain.series.DailyValue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Stored goals with where they stand today: progress and a forecast from the current trend (GoalForecast), computed
 * off the event loop. What the goals' routes, the reports and the shared dashboards show of a goal.
 */
public final class GoalForecasts {

    private final Vertx vertx;

    public GoalForecasts(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The client's goals by deadline, each with its forecast, inside the caller's transaction. */
    public Future<List<Goal>> all(SqlConnection sql, UUID agencyId, UUID clientId) {
        return GoalStore.list(sql, agencyId, clientId).compose(goals -> of(sql, agencyId, clientId, goals));
    }

    /**
     * Every goal of the agency's clients (of {@code only} when given), each with its forecast, for the portfolio.
     * One read of the goals' metrics over every client, and one of their scores.
     */
    public Future<List<Goal>> portfolio(SqlConnection sql, UUID agencyId, UUID only) {
        return GoalStore.byClient(sql, agencyId, only).compose(byClient -> of(sql, agencyId, byClient));
    }

    /** Each goal's forecast: one read of the client's daily data (or scores) covering every goal's window. */
    Future<List<Goal>> of(SqlConnection sql, UUID agencyId, UUID clientId, List<Stored> goals) {
        return of(sql, agencyId, Map.of(clientId, goals));
    }

    /**
     * The goals of several clients with their forecasts, in the order given: one read of the clients' daily data and
     * one of their scores, whatever the number of clients.
     */
    private Future<List<Goal>> of(SqlConnection sql, UUID agencyId, Map<UUID, List<Stored>> byClient) {
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
                : GoalStore.scores(sql, agencyId, scoreClients, trendFrom, today);
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
        return new Goal(goal.id(), clientId, goal.metric() == null ? Goal.SCORE : goal.metric(), goal.target(),
                goal.deadline(), goal.windowDays(), goal.startValue(), f.current(), f.progress(), f.projected(),
                f.slope(), f.status().key(), goal.createdAt(), goal.updatedAt());
    }
}
