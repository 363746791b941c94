package com.zoomfactor.backend.tracking;

import com.zoomfactor.backend.db.Tenancy;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Page events in PostgreSQL: {@code page_events}, partitioned by month (partitions made ahead, and on demand for a
 * batch's months), BRIN on time. A batch is one transaction for all its agencies: one multi-row INSERT per agency,
 * each under that agency's row-level security. Reads compute sessions on the fly with window functions.
 */
public final class PostgresPageEventStore implements PageEventStore {

    private static final String SET_AGENCY = "SELECT set_config('zf.agency_id', $1, true)";
    private static final String PARTITION = "SELECT page_event_partition($1)";
    private static final String INSERT = "INSERT INTO page_events (agency_id, client_id, site_id, at, visitor, name,"
            + " path, referrer_host, referrer_path, utm_source, utm_medium, utm_campaign, browser, os, device, width,"
            + " engaged_ms, is_returning, props)"
            + " SELECT a, c, s, t, v, n, p, rh, rp, us, um, uc, b, o, d, w, e, r, pr::jsonb FROM unnest($1::uuid[],"
            + " $2::uuid[], $3::uuid[], $4::timestamptz[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[],"
            + " $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::int[], $17::int[],"
            + " $18::boolean[], $19::text[]) AS u(a, c, s, t, v, n, p, rh, rp, us, um, uc, b, o, d, w, e, r, pr)";
    private static final String COUNT_BOTS = "INSERT INTO bot_hits (agency_id, site_id, day, hits)"
            + " SELECT $1, s, d, h FROM unnest($2::uuid[], $3::date[], $4::bigint[]) AS u(s, d, h)"
            + " ON CONFLICT (site_id, day) DO UPDATE SET hits = bot_hits.hits + EXCLUDED.hits";

    /**
     * A client's events of [$3, $4) into sessions: a visitor's next event more than 30 minutes after the previous one
     * starts a new session. A session's attributes (source, referrer, browser...) are its first event's; its entry and
     * exit pages its first and last pageview's. Engagement events of 10 s or more and custom events make a visit
     * engaged (not a bounce); a session without a pageview (an engagement event arriving after midnight) is no visit.
     * $5 is where counting starts (an {@link EventWindow}): a visit is counted when it starts there or later
     * ({@code counted}), its visitor when no visit of theirs started before ({@code seen_before}); pageviews, time and
     * engagement from $5 on. A plain window has $5 = $3, and counts everything.
     */
    private static final String SESSIONS = "WITH e AS (SELECT site_id, visitor, at, name, path, engaged_ms,"
            + " referrer_host, utm_source, browser, os, device, is_returning FROM page_events"
            + " WHERE agency_id = $1 AND client_id = $2 AND at >= $3 AND at < $4 /*ACTIVE*/),"
            + " m AS (SELECT e.*, CASE WHEN lag(at) OVER w IS NULL OR at - lag(at) OVER w > interval '30 minutes'"
            + " THEN 1 ELSE 0 END AS starts FROM e WINDOW w AS (PARTITION BY site_id, visitor ORDER BY at)),"
            + " n AS (SELECT m.*, sum(starts) OVER (PARTITION BY site_id, visitor ORDER BY at"
            + " ROWS UNBOUNDED PRECEDING) AS session FROM m),"
            + " s AS (SELECT site_id, visitor, session, min(at) AS started, max(at) AS ended,"
            + " max(at) FILTER (WHERE at < $5) AS ended_before,"
            + " count(*) FILTER (WHERE name = 'pageview') AS all_pageviews,"
            + " count(*) FILTER (WHERE name = 'pageview' AND at >= $5) AS pageviews,"
            + " count(*) FILTER (WHERE name NOT IN ('pageview', 'engagement')"
            + " OR (name = 'engagement' AND engaged_ms >= 10000)) AS engaged,"
            + " coalesce(sum(engaged_ms) FILTER (WHERE name = 'engagement' AND at >= $5), 0) AS engaged_ms,"
            + " bool_or(is_returning) AS is_returning,"
            + " (array_agg(path ORDER BY at) FILTER (WHERE name = 'pageview'))[1] AS entry,"
            + " (array_agg(path ORDER BY at DESC) FILTER (WHERE name = 'pageview'))[1] AS exit,"
            + " (array_agg(coalesce(utm_source, regexp_replace(referrer_host, '^www\\.', '')) ORDER BY at))[1] AS source,"
            + " (array_agg(referrer_host ORDER BY at))[1] AS referrer,"
            + " (array_agg(browser ORDER BY at))[1] AS browser, (array_agg(os ORDER BY at))[1] AS os,"
            + " (array_agg(device ORDER BY at))[1] AS device"
            + " FROM n GROUP BY site_id, visitor, session),"
            + " v AS (SELECT s.*, started >= $5 AS counted,"
            + " bool_or(started < $5) OVER (PARTITION BY site_id, visitor) AS seen_before"
            + " FROM s WHERE all_pageviews > 0),"
            + " p AS (SELECT n.path, n.site_id, n.visitor, n.session, n.at, v.counted, v.seen_before FROM n"
            + " JOIN v USING (site_id, visitor, session) WHERE n.name = 'pageview')";
    /**
     * A continuing window reads the 30 minutes before {@code countFrom} only for the visitors with an event since:
     * the others have nothing to count (their visits and page views are in the rollup already).
     */
    private static final String CONTINUING = SESSIONS.replace("/*ACTIVE*/", "AND (site_id, visitor) IN (SELECT"
            + " site_id, visitor FROM page_events WHERE agency_id = $1 AND client_id = $2 AND at >= $5 AND at < $4)");

    private static String sessions(EventWindow window) {
        return window.continues() ? CONTINUING : SESSIONS;
    }

    private static final String NEW_VISITOR = "counted AND NOT seen_before";
    private static final String TOTALS = "SELECT count(DISTINCT (site_id, visitor)) FILTER (WHERE " + NEW_VISITOR + ")"
            + " AS visitors, count(*) FILTER (WHERE counted) AS visits, coalesce(sum(pageviews), 0) AS pageviews,"
            + " count(*) FILTER (WHERE counted AND all_pageviews = 1 AND engaged = 0) AS bounces,"
            + " coalesce(sum(extract(epoch FROM ended - coalesce(ended_before, started)) * 1000), 0)::bigint"
            + " AS duration_ms, coalesce(sum(engaged_ms), 0)::bigint AS engaged_ms,"
            + " count(DISTINCT (site_id, visitor)) FILTER (WHERE " + NEW_VISITOR + " AND is_returning)"
            + " AS returning_visitors FROM v";
    private static final String PAGES = "SELECT path AS value,"
            + " count(DISTINCT (site_id, visitor)) FILTER (WHERE " + NEW_VISITOR + ") AS visitors,"
            + " count(DISTINCT (site_id, visitor, session)) FILTER (WHERE counted) AS visits,"
            + " count(*) FILTER (WHERE at >= $5) AS pageviews FROM p GROUP BY path";

    /** The window's events through the sites index (site, time): a few minutes of one client's sites. */
    private static final String RECENT = "WITH r AS (SELECT site_id, visitor, at, name, path FROM page_events"
            + " WHERE agency_id = $1 AND client_id = $2 AND at >= $3 AND at <= $4"
            + " AND site_id IN (SELECT id FROM sites WHERE agency_id = $1 AND client_id = $2)),"
            + " l AS (SELECT DISTINCT ON (site_id, visitor) path FROM r WHERE name = 'pageview'"
            + " ORDER BY site_id, visitor, at DESC)";
    private static final String NOW = RECENT + " SELECT (SELECT count(DISTINCT (site_id, visitor)) FROM r) AS visitors,"
            + " NULL AS path, 0::bigint AS on_page UNION ALL (SELECT NULL, path, count(*) FROM l GROUP BY path"
            + " ORDER BY count(*) DESC, path LIMIT $5)";

    private final Pool pool;
    private final Tenancy tenancy;
    private final Set<YearMonth> prepared = ConcurrentHashMap.newKeySet();

    public PostgresPageEventStore(Pool pool, Tenancy tenancy) {
        this.pool = pool;
        this.tenancy = tenancy;
    }

    @Override
    public Future<Void> append(List<PageEvent> events, List<BotHit> bots) {
        Set<YearMonth> months = new java.util.TreeSet<>();
        events.forEach(event -> months.add(YearMonth.from(event.at().atOffset(ZoneOffset.UTC))));
        Map<UUID, List<PageEvent>> eventsByAgency = new LinkedHashMap<>();
        events.forEach(event -> eventsByAgency.computeIfAbsent(event.agencyId(), a -> new ArrayList<>()).add(event));
        Map<UUID, Map<List<Object>, Long>> botsByAgency = new LinkedHashMap<>();
        bots.forEach(hit -> botsByAgency.computeIfAbsent(hit.agencyId(), a -> new LinkedHashMap<>())
                .merge(List.of(hit.siteId(), hit.day()), 1L, Long::sum));
        Set<UUID> agencies = new java.util.LinkedHashSet<>(eventsByAgency.keySet());
        agencies.addAll(botsByAgency.keySet());
        return ensure(months).compose(ready -> pool.withConnection(sql -> {
            // pipelined: every statement is sent at once and the batch costs one round trip; the batch counts as
            // written only when each statement succeeded (a COMMIT after a failed statement rolls back without error)
            List<Future<?>> steps = new ArrayList<>();
            steps.add(sql.query("BEGIN").execute());
            for (UUID agency : agencies) {
                List<PageEvent> theirs = eventsByAgency.getOrDefault(agency, List.of());
                Map<List<Object>, Long> counted = botsByAgency.getOrDefault(agency, Map.of());
                steps.add(sql.preparedQuery(SET_AGENCY).execute(Tuple.of(agency.toString())));
                if (!theirs.isEmpty()) {
                    steps.add(insert(sql, theirs));
                }
                if (!counted.isEmpty()) {
                    steps.add(countBots(sql, agency, counted));
                }
            }
            Future<?> commit = sql.query("COMMIT").execute();
            return Future.join(steps).<Void>mapEmpty().transform(written -> commit.transform(committed -> {
                if (written.succeeded() && committed.succeeded()) {
                    return Future.<Void>succeededFuture();
                }
                Throwable failure = written.failed() ? written.cause() : committed.cause();
                return sql.query("ROLLBACK").execute().transform(rolledBack -> Future.<Void>failedFuture(failure));
            }));
        }));
    }

    @Override
    public Future<Void> prepare(Instant from, Instant to) {
        Set<YearMonth> months = new java.util.TreeSet<>();
        for (YearMonth month = YearMonth.from(from.atOffset(ZoneOffset.UTC));
             !month.isAfter(YearMonth.from(to.atOffset(ZoneOffset.UTC))); month = month.plusMonths(1)) {
            months.add(month);
        }
        return ensure(months);
    }

    private Future<Void> ensure(Set<YearMonth> months) {
        List<YearMonth> missing = months.stream().filter(month -> !prepared.contains(month)).toList();
        if (missing.isEmpty()) {
            return Future.succeededFuture();
        }
        return pool.withConnection(sql -> {
            Future<?> done = Future.succeededFuture();
            for (YearMonth month : missing) {
                done = done.compose(previous -> sql.preparedQuery(PARTITION).execute(Tuple.of(month.atDay(1))))
                        .onSuccess(made -> prepared.add(month));
            }
            return done.mapEmpty();
        });
    }

    private static Future<?> insert(SqlConnection sql, List<PageEvent> events) {
        int n = events.size();
        UUID[] agencies = new UUID[n];
        UUID[] clients = new UUID[n];
        UUID[] sites = new UUID[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        Long[] visitors = new Long[n];
        String[][] texts = new String[11][n];
        Integer[] widths = new Integer[n];
        Integer[] engaged = new Integer[n];
        Boolean[] returning = new Boolean[n];
        String[] props = new String[n];
        for (int i = 0; i < n; i++) {
            PageEvent event = events.get(i);
            agencies[i] = event.agencyId();
            clients[i] = event.clientId();
            sites[i] = event.siteId();
            times[i] = event.at().atOffset(ZoneOffset.UTC);
            visitors[i] = event.visitor();
            texts[0][i] = event.name();
            texts[1][i] = event.path();
            texts[2][i] = event.referrerHost();
            texts[3][i] = event.referrerPath();
            texts[4][i] = event.utmSource();
            texts[5][i] = event.utmMedium();
            texts[6][i] = event.utmCampaign();
            texts[7][i] = event.browser();
            texts[8][i] = event.os();
            texts[9][i] = event.device();
            widths[i] = event.width();
            engaged[i] = event.engagedMs();
            returning[i] = event.returning();
            props[i] = event.props();
        }
        return sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {agencies, clients, sites, times, visitors,
                texts[0], texts[1], texts[2], texts[3], texts[4], texts[5], texts[6], texts[7], texts[8], texts[9],
                widths, engaged, returning, props}));
    }

    private static Future<?> countBots(SqlConnection sql, UUID agency, Map<List<Object>, Long> counted) {
        int n = counted.size();
        UUID[] sites = new UUID[n];
        LocalDate[] days = new LocalDate[n];
        Long[] hits = new Long[n];
        int i = 0;
        for (Map.Entry<List<Object>, Long> entry : counted.entrySet()) {
            sites[i] = (UUID) entry.getKey().get(0);
            days[i] = (LocalDate) entry.getKey().get(1);
            hits[i] = entry.getValue();
            i++;
        }
        return sql.preparedQuery(COUNT_BOTS).execute(Tuple.of(agency, sites, days, hits));
    }

    /** Nothing to do: page_events rows go with their site (a foreign key, ON DELETE CASCADE). */
    @Override
    public Future<Void> deleteSite(UUID agencyId, UUID siteId) {
        return Future.succeededFuture();
    }

    @Override
    public Future<WebTotals> totals(UUID agencyId, UUID clientId, EventWindow window) {
        return tenancy.inAgency(agencyId, sql -> sql.preparedQuery(sessions(window) + " " + TOTALS)
                .execute(windowed(agencyId, clientId, window)).map(rows -> totals(rows.iterator().next())));
    }

    private static WebTotals totals(Row row) {
        return new WebTotals(row.getLong("visitors"), row.getLong("visits"), row.getLong("pageviews"),
                row.getLong("bounces"), row.getLong("duration_ms"), row.getLong("engaged_ms"),
                row.getLong("returning_visitors"));
    }

    @Override
    public Future<List<BreakdownRow>> breakdown(UUID agencyId, UUID clientId, By by, EventWindow window, int limit) {
        String query = sessions(window) + " " + grouped(by) + " ORDER BY " + (by == By.PAGE ? "pageviews" : "visits")
                + " DESC, value LIMIT $6";
        return tenancy.inAgency(agencyId, sql -> sql.preparedQuery(query)
                .execute(windowed(agencyId, clientId, window).addInteger(limit)).map(rows -> {
                    List<BreakdownRow> lines = new ArrayList<>();
                    rows.forEach(row -> lines.add(line(row)));
                    return lines;
                }));
    }

    /**
     * One statement for a day's rollup: the sessions are made once (a CTE read by several parts is computed once),
     * then the totals and each breakdown's top $6 values, told apart by {@code kind}.
     */
    @Override
    public Future<WebSummary> summary(UUID agencyId, UUID clientId, EventWindow window, int limit) {
        StringBuilder query = new StringBuilder(sessions(window)).append(" SELECT 'totals' AS kind, NULL AS value, t.*")
                .append(" FROM (").append(TOTALS).append(") t");
        for (By by : By.values()) {
            String rank = by == By.PAGE ? "pageviews" : "visits";
            query.append(" UNION ALL SELECT '").append(by.name()).append("', value, visitors, visits, pageviews,")
                    .append(" NULL, NULL, NULL, NULL FROM (SELECT g.*, row_number() OVER (ORDER BY ").append(rank)
                    .append(" DESC, value) AS rank FROM (").append(grouped(by)).append(") g) r WHERE rank <= $6");
        }
        return tenancy.inAgency(agencyId, sql -> sql.preparedQuery(query.toString())
                .execute(windowed(agencyId, clientId, window).addInteger(limit)).map(rows -> {
                    WebTotals totals = WebTotals.NONE;
                    Map<By, List<BreakdownRow>> breakdowns = new java.util.EnumMap<>(By.class);
                    for (By by : By.values()) {
                        breakdowns.put(by, new ArrayList<>());
                    }
                    for (Row row : rows) {
                        String kind = row.getString("kind");
                        if (kind.equals("totals")) {
                            totals = totals(row);
                        } else {
                            breakdowns.get(By.valueOf(kind)).add(line(row));
                        }
                    }
                    breakdowns.values().forEach(lines -> lines.sort(java.util.Comparator
                            .comparingLong(BreakdownRow::visits).reversed().thenComparing(BreakdownRow::value)));
                    breakdowns.get(By.PAGE).sort(java.util.Comparator.comparingLong(BreakdownRow::pageviews)
                            .reversed().thenComparing(BreakdownRow::value));
                    return new WebSummary(totals, breakdowns);
                }));
    }

    private static Tuple windowed(UUID agencyId, UUID clientId, EventWindow window) {
        return Tuple.of(agencyId, clientId, window.from().atOffset(ZoneOffset.UTC), window.to().atOffset(ZoneOffset.UTC),
                window.countFrom().atOffset(ZoneOffset.UTC));
    }

    private static BreakdownRow line(Row row) {
        return new BreakdownRow(row.getString("value"), row.getLong("visitors"), row.getLong("visits"),
                row.getLong("pageviews"));
    }

    /** A breakdown's values with their visitors, visits and pageviews (unordered). */
    private static String grouped(By by) {
        if (by == By.PAGE) {
            return PAGES;
        }
        return "SELECT " + column(by) + " AS value, count(DISTINCT (site_id, visitor)) FILTER (WHERE " + NEW_VISITOR
                + ") AS visitors, count(*) FILTER (WHERE counted) AS visits, sum(pageviews) AS pageviews"
                + " FROM v GROUP BY 1";
    }

    @Override
    public Future<WebRealtime> realtime(UUID agencyId, UUID clientId, Instant since, Instant until, int limit) {
        return tenancy.inAgency(agencyId, sql -> sql.preparedQuery(NOW).execute(Tuple.of(agencyId, clientId,
                since.atOffset(ZoneOffset.UTC), until.atOffset(ZoneOffset.UTC), limit)).map(rows -> {
                    long visitors = 0;
                    List<WebRealtime.Page> pages = new ArrayList<>();
                    for (Row row : rows) {
                        if (row.getString("path") == null) {
                            visitors = row.getLong("visitors");
                        } else {
                            pages.add(new WebRealtime.Page(row.getString("path"), row.getLong("on_page")));
                        }
                    }
                    pages.sort(java.util.Comparator.comparingLong(WebRealtime.Page::visitors).reversed()
                            .thenComparing(WebRealtime.Page::path));
                    return new WebRealtime(visitors, List.copyOf(pages));
                }));
    }

    /** The session's column a breakdown groups by (a fixed set: never text from a request). */
    private static String column(By by) {
        return switch (by) {
            case PAGE -> throw new IllegalArgumentException("pages are counted per pageview");
            case ENTRY -> "entry";
            case EXIT -> "exit";
            case SOURCE -> "coalesce(source, 'Direct / None')";
            case REFERRER -> "coalesce(referrer, 'Direct / None')";
            case BROWSER -> "browser";
            case OS -> "os";
            case DEVICE -> "device";
        };
    }
}
