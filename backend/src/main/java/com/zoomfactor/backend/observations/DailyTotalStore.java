package com.zoomfactor.backend.observations;

import com.zoomfactor.domain.metrics.Aggregation;
import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.series.DailyValue;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL of a client's own daily value of each metric over a range of days: the reported total of a day, else the
 * total of its breakdown lines (their sum, or their mean for metrics averaged over time).
 */
public final class DailyTotalStore {

    private static final String DAILY = """
            SELECT metric, period_start AS day,
                   max(value) FILTER (WHERE dimension = '') AS total,
                   sum(value) FILTER (WHERE dimension <> '') AS breakdown_sum,
                   avg(value) FILTER (WHERE dimension <> '') AS breakdown_mean
              FROM observations
             WHERE agency_id = $1 AND client_id = $2 AND competitor_id IS NULL AND period_start = period_end
               AND period_start BETWEEN $3 AND $4
             GROUP BY metric, period_start""";

    /** The same for several clients and only some metrics (the portfolio's goals). */
    private static final String DAILY_OF_CLIENTS = """
            SELECT client_id, metric, period_start AS day,
                   max(value) FILTER (WHERE dimension = '') AS total,
                   sum(value) FILTER (WHERE dimension <> '') AS breakdown_sum,
                   avg(value) FILTER (WHERE dimension <> '') AS breakdown_mean
              FROM observations
             WHERE agency_id = $1 AND client_id = ANY($2) AND metric = ANY($3) AND competitor_id IS NULL
               AND period_start = period_end AND period_start BETWEEN $4 AND $5
             GROUP BY client_id, metric, period_start""";

    private DailyTotalStore() {
    }

    /** Metric key → its daily values on the days from..to (catalogue metrics only), in no particular order. */
    public static Future<Map<String, List<DailyValue>>> load(SqlConnection sql, UUID agencyId, UUID clientId,
                                                             LocalDate from, LocalDate to) {
        return sql.preparedQuery(DAILY).execute(Tuple.of(agencyId, clientId, from, to)).map(rows -> {
            Map<String, List<DailyValue>> byMetric = new HashMap<>();
            for (Row row : rows) {
                Metric metric = MetricCatalogue.find(row.getString("metric")).orElse(null);
                if (metric != null) {
                    byMetric.computeIfAbsent(metric.key(), k -> new ArrayList<>())
                            .add(new DailyValue(row.getLocalDate("day"), dayValue(row, metric.aggregation())));
                }
            }
            return byMetric;
        });
    }

    /**
     * Client → metric key → its daily values on the days from..to, for these clients and metrics, in one query
     * (a client without data is absent).
     */
    public static Future<Map<UUID, Map<String, List<DailyValue>>>> loadMany(SqlConnection sql, UUID agencyId,
                                                                           UUID[] clientIds, String[] metrics,
                                                                           LocalDate from, LocalDate to) {
        Tuple args = Tuple.of(agencyId, clientIds, metrics, from, to);
        return sql.preparedQuery(DAILY_OF_CLIENTS).execute(args).map(rows -> {
            Map<UUID, Map<String, List<DailyValue>>> byClient = new HashMap<>();
            for (Row row : rows) {
                MetricCatalogue.find(row.getString("metric")).ifPresent(metric -> byClient
                        .computeIfAbsent(row.getUUID("client_id"), id -> new HashMap<>())
                        .computeIfAbsent(metric.key(), k -> new ArrayList<>())
                        .add(new DailyValue(row.getLocalDate("day"), dayValue(row, metric.aggregation()))));
            }
            return byClient;
        });
    }

    /** A day's value from a row with total, breakdown_sum and breakdown_mean columns. */
    public static double dayValue(Row row, Aggregation aggregation) {
        Double total = row.getDouble("total");
        if (total != null) {
            return total;
        }
        return aggregation == Aggregation.MEAN ? row.getDouble("breakdown_mean") : row.getDouble("breakdown_sum");
    }
}
