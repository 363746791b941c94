package com.zoomfactor.backend.tracking;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The daily rollups of a client's web figures ({@code web_days}, {@code web_day_values}): written and summed. */
final class WebRollupStore {

    /** A day's rollup: the zone it was cut in, where its events end, and its totals. */
    record Day(LocalDate day, String zone, Instant computedThrough, WebTotals totals) {
    }

    private static final String TOTALS = "visitors, visits, pageviews, bounces, duration_ms, engaged_ms,"
            + " returning_visitors";
    /** A newer computation replaces an older one; an older one arriving late (another server's) changes nothing. */
    private static final String WRITE_DAY = "INSERT INTO web_days (agency_id, client_id, day, zone, computed_through, "
            + TOTALS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
            + " ON CONFLICT (agency_id, client_id, day) DO UPDATE SET zone = EXCLUDED.zone,"
            + " computed_through = EXCLUDED.computed_through, visitors = EXCLUDED.visitors, visits = EXCLUDED.visits,"
            + " pageviews = EXCLUDED.pageviews, bounces = EXCLUDED.bounces, duration_ms = EXCLUDED.duration_ms,"
            + " engaged_ms = EXCLUDED.engaged_ms, returning_visitors = EXCLUDED.returning_visitors"
            + " WHERE web_days.zone <> EXCLUDED.zone OR web_days.computed_through <= EXCLUDED.computed_through"
            + " RETURNING day";
    private static final String CLEAR_VALUES = "DELETE FROM web_day_values WHERE agency_id = $1 AND client_id = $2"
            + " AND day = $3";
    private static final String WRITE_VALUES = "INSERT INTO web_day_values (agency_id, client_id, day, dimension, value,"
            + " visitors, visits, pageviews) SELECT $1, $2, $3, d, v, a, b, c FROM unnest($4::text[], $5::text[],"
            + " $6::bigint[], $7::bigint[], $8::bigint[]) AS u(d, v, a, b, c)";
    private static final String DAYS = "SELECT day, zone, computed_through, " + TOTALS + " FROM web_days"
            + " WHERE agency_id = $1 AND client_id = $2 AND day BETWEEN $3 AND $4";
    private static final String VALUES = "SELECT value, sum(visitors)::bigint AS visitors, sum(visits)::bigint AS visits,"
            + " sum(pageviews)::bigint AS pageviews FROM web_day_values WHERE agency_id = $1 AND client_id = $2"
            + " AND dimension = $3 AND day = ANY($4::date[]) GROUP BY value ORDER BY ";
    private static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS mine";
    private static final String FORGET = "DELETE FROM web_days WHERE agency_id = $1 AND client_id = $2";

    /** The longest value kept (a page path is at most 1,000 characters already). */
    static final int MAX_VALUE = 1000;

    private WebRollupStore() {
    }

    /** Writes a day's rollup unless a newer one (of the same zone) is there already. */
    static Future<Void> write(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate day, ZoneId zone,
                              Instant computedThrough, WebSummary summary) {
        WebTotals t = summary.totals();
        Tuple row = Tuple.tuple(List.of(agencyId, clientId, day, zone.getId(),
                computedThrough.atOffset(ZoneOffset.UTC), t.visitors(), t.visits(), t.pageviews(), t.bounces(),
                t.durationMs(), t.engagedMs(), t.returningVisitors()));
        return sql.preparedQuery(WRITE_DAY).execute(row).compose(written -> {
            if (written.size() == 0) {
                return Future.succeededFuture();
            }
            return sql.preparedQuery(CLEAR_VALUES).execute(Tuple.of(agencyId, clientId, day))
                    .compose(cleared -> writeValues(sql, agencyId, clientId, day, summary));
        });
    }

    private static Future<Void> writeValues(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate day,
                                            WebSummary summary) {
        List<String> dimensions = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<Long> visitors = new ArrayList<>();
        List<Long> visits = new ArrayList<>();
        List<Long> pageviews = new ArrayList<>();
        // values cut to the longest kept can meet: their lines are added up
        Map<List<String>, long[]> lines = new java.util.LinkedHashMap<>();
        summary.breakdowns().forEach((by, rows) -> rows.forEach(line -> {
            String value = line.value() == null ? "" : line.value();
            String kept = value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE);
            long[] sums = lines.computeIfAbsent(List.of(by.name(), kept), key -> new long[3]);
            sums[0] += line.visitors();
            sums[1] += line.visits();
            sums[2] += line.pageviews();
        }));
        if (lines.isEmpty()) {
            return Future.succeededFuture();
        }
        lines.forEach((key, sums) -> {
            dimensions.add(key.get(0));
            values.add(key.get(1));
            visitors.add(sums[0]);
            visits.add(sums[1]);
            pageviews.add(sums[2]);
        });
        return sql.preparedQuery(WRITE_VALUES).execute(Tuple.of(agencyId, clientId, day,
                dimensions.toArray(String[]::new), values.toArray(String[]::new), visitors.toArray(Long[]::new),
                visits.toArray(Long[]::new), pageviews.toArray(Long[]::new))).mapEmpty();
    }

    /** The client's rolled-up days of {@code [from, to]}, by day. */
    static Future<Map<LocalDate, Day>> days(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate from,
                                            LocalDate to) {
        return sql.preparedQuery(DAYS).execute(Tuple.of(agencyId, clientId, from, to)).map(rows -> {
            Map<LocalDate, Day> days = new HashMap<>();
            for (Row row : rows) {
                WebTotals totals = new WebTotals(row.getLong("visitors"), row.getLong("visits"),
                        row.getLong("pageviews"), row.getLong("bounces"), row.getLong("duration_ms"),
                        row.getLong("engaged_ms"), row.getLong("returning_visitors"));
                OffsetDateTime through = row.getOffsetDateTime("computed_through");
                days.put(row.getLocalDate("day"), new Day(row.getLocalDate("day"), row.getString("zone"),
                        through.toInstant(), totals));
            }
            return days;
        });
    }

    /** A breakdown's top {@code limit} values summed over the given days (pages by pageviews, others by visits). */
    static Future<List<BreakdownRow>> values(SqlConnection sql, UUID agencyId, UUID clientId, PageEventStore.By by,
                                             Collection<LocalDate> days, int limit) {
        if (days.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        String ranked = VALUES + (by == PageEventStore.By.PAGE ? "pageviews" : "visits") + " DESC, value LIMIT " + limit;
        return sql.preparedQuery(ranked).execute(Tuple.of(agencyId, clientId, by.name(),
                days.toArray(LocalDate[]::new))).map(rows -> {
                    List<BreakdownRow> lines = new ArrayList<>();
                    rows.forEach(row -> lines.add(new BreakdownRow(row.getString("value"), row.getLong("visitors"),
                            row.getLong("visits"), row.getLong("pageviews"))));
                    return lines;
                });
    }

    /** Takes the client day's rollup lock for this transaction; false when another transaction holds it. */
    static Future<Boolean> tryLock(SqlConnection sql, UUID clientId, LocalDate day) {
        return sql.preparedQuery(LOCK).execute(Tuple.of("web-rollup:" + clientId + ":" + day))
                .map(rows -> rows.iterator().next().getBoolean("mine"));
    }

    /** Forgets the client's rollups (a site and its events are gone): the days are rolled up again when read. */
    static Future<Void> forget(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(FORGET).execute(Tuple.of(agencyId, clientId)).mapEmpty();
    }
}
