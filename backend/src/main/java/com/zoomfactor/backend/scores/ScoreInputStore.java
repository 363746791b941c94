package com.zoomfactor.backend.scores;

import com.zoomfactor.domain.score.ScoreEngine;

import com.zoomfactor.backend.observations.DailyTotalStore;
import com.zoomfactor.backend.posts.PostStore;
import com.zoomfactor.domain.metrics.Aggregation;
import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.score.PostFacts;
import com.zoomfactor.domain.score.ScoreInput;
import com.zoomfactor.domain.score.Weights;
import com.zoomfactor.domain.series.DailyValue;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Gathers what the score engine needs for one client from the database: daily totals of the window and its
 * baseline ({@link DailyTotalStore}), the window's breakdowns, posts, and each competitor's
 * window values. Four queries, one transaction (the caller's).
 */
final class ScoreInputStore {

    /** The breakdowns the engine reads (no other is loaded). */
    private static final String[] BREAKDOWN_METRICS = ScoreEngine.BREAKDOWN_METRICS.toArray(String[]::new);

    private static final String BREAKDOWNS = """
            SELECT metric, dimension, sum(value) AS value
              FROM observations
             WHERE agency_id = $1 AND client_id = $2 AND competitor_id IS NULL AND dimension <> ''
               AND period_start = period_end AND period_start BETWEEN $3 AND $4 AND metric = ANY($5)
             GROUP BY metric, dimension""";
    private static final String POSTS = """
            SELECT channel, published_at, text, metrics FROM posts
             WHERE agency_id = $1 AND client_id = $2 AND published_at >= $3 AND published_at < $4""";
    /** The window's breakdowns day by day, for a range of days (the backfill sums each day's window in memory). */
    private static final String DAILY_BREAKDOWNS = """
            SELECT metric, dimension, period_start AS day, sum(value) AS value
              FROM observations
             WHERE agency_id = $1 AND client_id = $2 AND competitor_id IS NULL AND dimension <> ''
               AND period_start = period_end AND period_start BETWEEN $3 AND $4 AND metric = ANY($5)
             GROUP BY metric, dimension, period_start""";
    /** The first day of the client's own data or posts (null: none). */
    private static final String FIRST_DAY = """
            SELECT least((SELECT min(period_start) FROM observations WHERE agency_id = $1 AND client_id = $2),
                         (SELECT min(published_at AT TIME ZONE 'UTC')::date FROM posts
                           WHERE agency_id = $1 AND client_id = $2)) AS first_day""";
    private static final String COMPETITORS = """
            SELECT competitor_id, metric, period_start AS day,
                   max(value) FILTER (WHERE dimension = '') AS total,
                   sum(value) FILTER (WHERE dimension <> '') AS breakdown_sum,
                   avg(value) FILTER (WHERE dimension <> '') AS breakdown_mean
              FROM observations
             WHERE agency_id = $1 AND client_id = $2 AND competitor_id IS NOT NULL AND period_start = period_end
               AND period_start BETWEEN $3 AND $4
             GROUP BY competitor_id, metric, period_start
             ORDER BY competitor_id, metric, period_start""";

    private ScoreInputStore() {
    }

    static Future<ScoreInput> load(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate asOf, int windowDays,
                                   Weights weights) {
        LocalDate windowStart = asOf.minusDays(windowDays - 1L);
        LocalDate firstDay = ScoreInput.firstDayRead(asOf, windowDays);
        Future<Map<String, List<DailyValue>>> daily = DailyTotalStore.load(sql, agencyId, clientId, firstDay, asOf);
        Future<Map<String, Map<String, Double>>> breakdowns = sql.preparedQuery(BREAKDOWNS)
                .execute(Tuple.of(agencyId, clientId, windowStart, asOf, BREAKDOWN_METRICS)).map(rows -> {
                    Map<String, Map<String, Double>> byMetric = new HashMap<>();
                    rows.forEach(row -> byMetric.computeIfAbsent(row.getString("metric"), k -> new HashMap<>())
                            .put(row.getString("dimension"), row.getDouble("value")));
                    return byMetric;
                });
        OffsetDateTime from = windowStart.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime to = asOf.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        Future<List<PostFacts>> posts = sql.preparedQuery(POSTS).execute(Tuple.of(agencyId, clientId, from, to))
                .map(ScoreInputStore::postFacts);
        Future<Map<String, List<Double>>> competitors = sql.preparedQuery(COMPETITORS)
                .execute(Tuple.of(agencyId, clientId, windowStart, asOf)).map(ScoreInputStore::competitorValues);
        return Future.all(daily, breakdowns, posts, competitors).map(all -> new ScoreInput(asOf, windowDays,
                daily.result(), breakdowns.result(), posts.result(), competitors.result(), weights));
    }

    /** The first day with any of the client's data or posts; null when it has none. */
    static Future<LocalDate> firstDay(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(FIRST_DAY).execute(Tuple.of(agencyId, clientId))
                .map(rows -> rows.iterator().next().getLocalDate("first_day"));
    }

    /**
     * What the engine needs for every day from..to, read once: the same four reads as {@link #load}, over the first
     * day's baseline through the last day, day by day ({@link ScoreInputRange} slides each day's window over them).
     */
    static Future<ScoreInputRange> loadRange(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate from,
                                             LocalDate to, int windowDays, Weights weights) {
        LocalDate windowStart = from.minusDays(windowDays - 1L);
        LocalDate firstDay = ScoreInput.firstDayRead(from, windowDays);
        Future<Map<String, List<DailyValue>>> daily = DailyTotalStore.load(sql, agencyId, clientId, firstDay, to);
        Future<List<ScoreInputRange.Breakdown>> breakdowns = sql.preparedQuery(DAILY_BREAKDOWNS)
                .execute(Tuple.of(agencyId, clientId, windowStart, to, BREAKDOWN_METRICS)).map(rows -> {
                    List<ScoreInputRange.Breakdown> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new ScoreInputRange.Breakdown(row.getString("metric"),
                            row.getString("dimension"), row.getLocalDate("day"), row.getDouble("value"))));
                    return list;
                });
        OffsetDateTime start = windowStart.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime end = to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        Future<List<PostFacts>> posts = sql.preparedQuery(POSTS).execute(Tuple.of(agencyId, clientId, start, end))
                .map(ScoreInputStore::postFacts);
        Future<List<ScoreInputRange.CompetitorDay>> competitors = sql.preparedQuery(COMPETITORS)
                .execute(Tuple.of(agencyId, clientId, windowStart, to)).map(rows -> {
                    List<ScoreInputRange.CompetitorDay> list = new ArrayList<>();
                    for (Row row : rows) {
                        MetricCatalogue.find(row.getString("metric")).ifPresent(metric -> list.add(
                                new ScoreInputRange.CompetitorDay(row.getUUID("competitor_id"), metric.key(),
                                        row.getLocalDate("day"), DailyTotalStore.dayValue(row, metric.aggregation()))));
                    }
                    return list;
                });
        return Future.all(daily, breakdowns, posts, competitors).map(all -> new ScoreInputRange(windowDays, weights,
                daily.result(), breakdowns.result(), posts.result(), competitors.result()));
    }

    private static List<PostFacts> postFacts(Iterable<Row> rows) {
        List<PostFacts> list = new ArrayList<>();
        for (Row row : rows) {
            JsonObject counters = (JsonObject) row.getValue("metrics");
            long interactions = 0;
            for (String key : PostStore.INTERACTIONS) {
                interactions += counters.getLong(key, 0L);
            }
            list.add(new PostFacts(row.getString("channel"), row.getOffsetDateTime("published_at").toInstant(),
                    row.getString("text"), counters.getLong("impressions", 0L), interactions));
        }
        return list;
    }

    /** Each competitor's window value per metric, aggregated by the metric's own rule. */
    private static Map<String, List<Double>> competitorValues(Iterable<Row> rows) {
        Map<String, Map<UUID, List<Double>>> days = new HashMap<>();
        for (Row row : rows) {
            Metric metric = MetricCatalogue.find(row.getString("metric")).orElse(null);
            if (metric != null) {
                days.computeIfAbsent(metric.key(), k -> new HashMap<>())
                        .computeIfAbsent(row.getUUID("competitor_id"), k -> new ArrayList<>())
                        .add(DailyTotalStore.dayValue(row, metric.aggregation()));
            }
        }
        Map<String, List<Double>> values = new HashMap<>();
        days.forEach((key, byCompetitor) -> {
            Aggregation aggregation = MetricCatalogue.find(key).orElseThrow().aggregation();
            List<Double> list = new ArrayList<>();
            byCompetitor.values().forEach(series -> list.add(aggregation.over(
                    series.stream().mapToDouble(Double::doubleValue).toArray())));
            values.put(key, list);
        });
        return values;
    }
}
