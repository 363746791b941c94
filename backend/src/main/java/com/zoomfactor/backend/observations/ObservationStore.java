package com.zoomfactor.backend.observations;

import com.zoomfactor.backend.db.SqlErrors;
import com.zoomfactor.domain.metrics.Aggregation;
import com.zoomfactor.domain.series.DailyValue;
import com.zoomfactor.domain.series.PeriodValue;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The SQL of observations: writing batches with one multi-row statement, reading series and breakdowns, and which
 * metrics a client is measured on.
 */
public final class ObservationStore {

    /** Rows per statement: PostgreSQL takes arrays of any size, but the answer should not wait on one giant one. */
    static final int CHUNK = 5_000;

    /** Locked like the client: a competitor named by a write is not deleted before the write commits. */
    private static final String COMPETITORS = "SELECT id FROM competitors WHERE agency_id = $1 AND client_id = $2"
            + " FOR KEY SHARE";
    /** The empty dimension: the metric's total rather than a line of its breakdown. */
    static final String TOTAL = "";

    /** Points none of which exist yet: a plain multi-row insert, as fast as PostgreSQL takes rows. */
    private static final String INSERT_NEW = """
            INSERT INTO observations
                   (agency_id, client_id, metric, period_start, period_end, dimension, competitor_id, value, source)
            SELECT $1, $2, p.metric, p.period_start, p.period_end, p.dimension, p.competitor_id, p.value, p.source
              FROM unnest($3::text[], $4::date[], $5::date[], $6::text[], $7::uuid[], $8::float8[], $9::text[])
                   AS p (metric, period_start, period_end, dimension, competitor_id, value, source)""";

    /**
     * One statement per chunk when some points may exist. Each incoming point is looked up by its identity with one index probe (the LATERAL
     * subquery keeps the planner from hashing all of the client's rows, which it otherwise does once a client has
     * many); new points are inserted plainly, points whose value or source changed go through
     * {@code ON CONFLICT DO UPDATE}, unchanged ones are left alone. Plain inserts cost PostgreSQL about 30% less than
     * making every row a speculative insertion. A point that a racing writer inserts after this statement's probe
     * makes it fail on the unique index; the caller retries the transaction.
     */
    private static final String WRITE = """
            WITH incoming AS (
                SELECT * FROM unnest($3::text[], $4::date[], $5::date[], $6::text[], $7::uuid[], $8::float8[], $9::text[])
                       WITH ORDINALITY AS p (metric, period_start, period_end, dimension, competitor_id, value, source, ord)),
            known AS (
                SELECT p.ord, (o.value IS DISTINCT FROM p.value OR o.source IS DISTINCT FROM p.source) AS changed
                  FROM incoming p
                 CROSS JOIN LATERAL (
                       SELECT o.value, o.source FROM observations o
                        WHERE o.client_id = $2 AND o.metric = p.metric AND o.period_start = p.period_start
                          AND o.period_end = p.period_end AND o.dimension = p.dimension
                          AND o.competitor_id IS NOT DISTINCT FROM p.competitor_id
                        LIMIT 1) o),
            inserted AS (
                INSERT INTO observations
                       (agency_id, client_id, metric, period_start, period_end, dimension, competitor_id, value, source)
                SELECT $1, $2, p.metric, p.period_start, p.period_end, p.dimension, p.competitor_id, p.value, p.source
                  FROM incoming p
                 WHERE p.ord NOT IN (SELECT ord FROM known)
                RETURNING 1),
            updated AS (
                INSERT INTO observations AS o
                       (agency_id, client_id, metric, period_start, period_end, dimension, competitor_id, value, source)
                SELECT $1, $2, p.metric, p.period_start, p.period_end, p.dimension, p.competitor_id, p.value, p.source
                  FROM incoming p JOIN known k ON k.ord = p.ord AND k.changed
                ON CONFLICT ON CONSTRAINT observations_identity DO UPDATE
                   SET value = EXCLUDED.value, source = EXCLUDED.source, updated_at = now()
                RETURNING 1)
            SELECT (SELECT count(*) FROM inserted) AS inserted, (SELECT count(*) FROM updated) AS updated""";

    // text blocks drop their leading indentation: the pieces below are joined with explicit spaces
    private static final String SERIES_SCOPE =
            "WHERE agency_id = $1 AND client_id = $2 AND metric = $3 AND competitor_id IS NOT DISTINCT FROM $4";
    private static final String DAILY = "SELECT period_start AS day, value FROM observations " + SERIES_SCOPE
            + " AND dimension = $5 AND period_start = period_end AND period_start BETWEEN $6 AND $7";
    private static final String DAILY_FROM_BREAKDOWN = "SELECT period_start AS day, array_agg(value) AS breakdown"
            + " FROM observations " + SERIES_SCOPE
            + " AND dimension <> '' AND period_start = period_end AND period_start BETWEEN $5 AND $6"
            + " GROUP BY period_start";
    private static final String PERIODS = "SELECT period_start, period_end, value FROM observations " + SERIES_SCOPE
            + " AND dimension = $5 AND period_start < period_end"
            + " AND period_end >= $6 AND period_start <= $7 ORDER BY period_start, period_end";
    private static final String TOP_DIMENSIONS = "SELECT dimension, %s AS value, count(*) AS observations"
            + " FROM observations " + SERIES_SCOPE
            + " AND dimension <> '' AND period_start >= $5 AND period_end <= $6"
            + " GROUP BY dimension ORDER BY value %s, dimension LIMIT $7";
    /** One pass over the client's rows by the identity index (client, metric, …): a group per metric. */
    private static final String MEASURED = "SELECT metric, count(*) AS observations, min(period_start) AS first,"
            + " max(period_end) AS last FROM observations WHERE agency_id = $1 AND client_id = $2"
            + " AND competitor_id IS NULL GROUP BY metric ORDER BY metric";

    /** Written rows: new ones, and existing ones whose value or source changed. */
    public record Counts(long inserted, long updated) {
        Counts plus(Counts other) {
            return new Counts(inserted + other.inserted, updated + other.updated);
        }
    }

    public static Future<Set<UUID>> competitorIds(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(COMPETITORS).execute(Tuple.of(agencyId, clientId)).map(rows -> {
            Set<UUID> ids = new HashSet<>();
            rows.forEach(row -> ids.add(row.getUUID("id")));
            return ids;
        });
    }

    /**
     * Upserts the points: one statement per {@link #CHUNK} points. Points with the same identity count once, the
     * last one winning, so that a batch never asks PostgreSQL to change one row twice.
     */
    public static Future<Counts> write(SqlConnection sql, UUID agencyId, UUID clientId, List<Point> points) {
        Map<Point.Identity, Point> unique = new LinkedHashMap<>();
        for (Point point : points) {
            unique.put(point.identity(), point);
        }
        List<Point> rows = new ArrayList<>(unique.values());
        Future<Counts> written = Future.succeededFuture(new Counts(0, 0));
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<Point> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            written = written.compose(sofar -> writeChunk(sql, agencyId, clientId, chunk).map(sofar::plus));
        }
        return written;
    }

    private static Future<Counts> writeChunk(SqlConnection sql, UUID agencyId, UUID clientId, List<Point> chunk) {
        int n = chunk.size();
        String[] metrics = new String[n];
        LocalDate[] starts = new LocalDate[n];
        LocalDate[] ends = new LocalDate[n];
        String[] dimensions = new String[n];
        UUID[] competitors = new UUID[n];
        Double[] values = new Double[n];
        String[] sources = new String[n];
        for (int i = 0; i < n; i++) {
            Point point = chunk.get(i);
            metrics[i] = point.metric();
            starts[i] = point.start();
            ends[i] = point.end();
            dimensions[i] = point.dimension() == null ? TOTAL : point.dimension();
            competitors[i] = point.competitorId();
            values[i] = point.value();
            sources[i] = point.source();
        }
        Tuple rows = Tuple.of(agencyId, clientId, metrics, starts, ends, dimensions, competitors, values, sources);
        // new data is the common case: try a plain insert first; a point that exists already (or that a racing
        // writer just committed) makes it fail on the unique index, and the chunk goes the careful way instead
        return sql.query("SAVEPOINT new_points").execute()
                .compose(saved -> sql.preparedQuery(INSERT_NEW).execute(rows))
                .compose(inserted -> sql.query("RELEASE SAVEPOINT new_points").execute()
                        .map(released -> new Counts(inserted.rowCount(), 0)))
                .recover(failure -> !SqlErrors.is(failure, SqlErrors.UNIQUE_VIOLATION)
                        ? Future.failedFuture(failure)
                        : sql.query("ROLLBACK TO SAVEPOINT new_points").execute()
                                .compose(rolledBack -> sql.preparedQuery(WRITE).execute(rows))
                                .map(result -> {
                                    Row row = result.iterator().next();
                                    return new Counts(row.getLong("inserted"), row.getLong("updated"));
                                }));
    }

    /** Which series: a client's (or a competitor's) metric, as a total or one dimension's line. */
    public record SeriesKey(UUID agencyId, UUID clientId, String metric, UUID competitorId, String dimension) {
    }

    public record SeriesRows(List<DailyValue> daily, List<PeriodValue> periods) {
    }

    /**
     * The daily values and periods of a series between two dates. For the total of a metric with a breakdown
     * ({@code breakdowns}), a day that has only breakdown lines gets their aggregate as its total.
     */
    public static Future<SeriesRows> series(SqlConnection sql, SeriesKey key, LocalDate from, LocalDate to,
                                            Aggregation aggregation, boolean breakdowns) {
        String dimension = key.dimension() == null ? TOTAL : key.dimension();
        Tuple scope = Tuple.of(key.agencyId(), key.clientId(), key.metric(), key.competitorId(), dimension, from, to);
        Future<Map<LocalDate, Double>> daily = sql.preparedQuery(DAILY).execute(scope).map(rows -> {
            Map<LocalDate, Double> days = new TreeMap<>();
            rows.forEach(row -> days.put(row.getLocalDate("day"), row.getDouble("value")));
            return days;
        });
        Future<Map<LocalDate, Double>> fromBreakdown = key.dimension() != null || !breakdowns
                ? Future.succeededFuture(Map.of())
                : sql.preparedQuery(DAILY_FROM_BREAKDOWN)
                        .execute(Tuple.of(key.agencyId(), key.clientId(), key.metric(), key.competitorId(), from, to))
                        .map(rows -> {
                            Map<LocalDate, Double> days = new TreeMap<>();
                            rows.forEach(row -> days.put(row.getLocalDate("day"),
                                    aggregation.acrossDimensions(unbox(row.getArrayOfDoubles("breakdown")))));
                            return days;
                        });
        Future<List<PeriodValue>> periods = sql.preparedQuery(PERIODS).execute(scope).map(rows -> {
            List<PeriodValue> list = new ArrayList<>();
            rows.forEach(row -> list.add(new PeriodValue(row.getLocalDate("period_start"), row.getLocalDate("period_end"),
                    row.getDouble("value"))));
            return list;
        });
        return Future.all(daily, fromBreakdown, periods).map(all -> {
            Map<LocalDate, Double> merged = new TreeMap<>(fromBreakdown.result());
            merged.putAll(daily.result()); // a reported total wins over the sum of its breakdown
            List<DailyValue> values = new ArrayList<>();
            merged.forEach((day, value) -> values.add(new DailyValue(day, value)));
            return new SeriesRows(values, periods.result());
        });
    }

    /** A line of a breakdown: a page, an account, a list, a query, with its value over the range. */
    public record DimensionValue(String dimension, double value, long observations) {
    }

    /** The best lines of a breakdown over the range: highest first, or lowest first when lower is better. */
    public static Future<List<DimensionValue>> topDimensions(SqlConnection sql, SeriesKey key, LocalDate from,
                                                             LocalDate to, Aggregation aggregation,
                                                             boolean lowerIsBetter, int limit) {
        String reduce = switch (aggregation) {
            case SUM -> "sum(value)";
            case MEAN -> "avg(value)";
            case LAST -> "(array_agg(value ORDER BY period_end DESC))[1]";
        };
        String sqlText = TOP_DIMENSIONS.formatted(reduce, lowerIsBetter ? "ASC" : "DESC");
        return sql.preparedQuery(sqlText)
                .execute(Tuple.of(key.agencyId(), key.clientId(), key.metric(), key.competitorId(), from, to, limit))
                .map(rows -> {
                    List<DimensionValue> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new DimensionValue(row.getString("dimension"),
                            row.getDouble("value"), row.getLong("observations"))));
                    return list;
                });
    }

    /** A metric the client has observations of: how many (breakdown lines included) and the days they span. */
    public record MeasuredMetric(String metric, long observations, LocalDate first, LocalDate last) {
    }

    /** Every metric with at least one observation of the client's own (not a competitor's), by key. */
    public static Future<List<MeasuredMetric>> measured(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(MEASURED).execute(Tuple.of(agencyId, clientId)).map(rows -> {
            List<MeasuredMetric> list = new ArrayList<>();
            rows.forEach(row -> list.add(new MeasuredMetric(row.getString("metric"), row.getLong("observations"),
                    row.getLocalDate("first"), row.getLocalDate("last"))));
            return list;
        });
    }

    private static double[] unbox(Double[] values) {
        double[] unboxed = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            unboxed[i] = values[i];
        }
        return unboxed;
    }
}
