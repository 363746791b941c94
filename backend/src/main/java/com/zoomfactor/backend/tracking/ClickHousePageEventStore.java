package com.zoomfactor.backend.tracking;

import com.zoomfactor.backend.config.ClickHouseUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Page events in ClickHouse ({@code ZF_CLICKHOUSE_URL}), over its HTTP interface with the Vert.x web client (never
 * blocking): one {@code MergeTree} table, partitioned by month and ordered by (site, time), made at start if missing.
 * The group commit's batches are merged into few {@code INSERT … FORMAT TabSeparated} ({@link InsertCoalescer};
 * ClickHouse writes a block of one INSERT atomically, and each batch is told of its INSERT's outcome); a batch's bots
 * are counted in PostgreSQL first (through {@link PostgresPageEventStore#append}), so a failed batch retried counts its bots
 * twice but never stores an event twice. Reads compute sessions with array functions (no window functions: the SQL
 * is the subset ClickHouse 18.16 accepts, docs/web-analytics.md). Values are inlined into the SQL only as typed
 * values (UUIDs, numbers), never text from a request; the store holds no tenancy of its own: every read filters on
 * the agency and the client.
 */
public final class ClickHousePageEventStore implements PageEventStore {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHousePageEventStore.class);
    static final String TABLE = "page_events";
    /** The columns of {@link #row}, in its order. */
    private static final String INSERT = "(agency_id, client_id, site_id, at_ms, visitor, name, path, referrer_host,"
            + " referrer_path, utm_source, utm_medium, utm_campaign, browser, os, device, width, engaged_ms,"
            + " is_returning, props)";
    private static final long SESSION_GAP_MS = 30 * 60 * 1000;
    /**
     * INSERTs at once: on 18.16 concurrent INSERTs slow each other down more than they overlap (on two cores, one
     * 50-row INSERT took 6 ms alone, 13 ms two at a time, 44 ms four at a time), so one runs while the next gathers.
     */
    static final int INSERTS_IN_FLIGHT = 1;
    /** How long the first batch waits for others when no INSERT is under way. */
    static final long LINGER_MS = 2;
    /** Rows that go without lingering. */
    static final int INSERT_ROWS = 20_000;
    /** How long a statement may take: the dashboard's reads and the INSERTs. */
    private static final long TIMEOUT_MS = 60_000;
    /**
     * How long a day's rollup may take: a day of 3.3 million events takes ~17 s alone and overran a minute on a busy
     * machine, which left the day without a rollup until a read asked for it again.
     */
    private static final long ROLLUP_TIMEOUT_MS = 600_000;

    private final WebClient web;
    private final ClickHouseUrl url;
    private final PostgresPageEventStore bots;
    private final InsertCoalescer inserts;
    private volatile Future<Void> created;

    public ClickHousePageEventStore(Vertx vertx, ClickHouseUrl url, PostgresPageEventStore bots) {
        this.url = url;
        this.bots = bots;
        // connections for the INSERTs and for the dashboard's reads at once, kept alive between statements
        this.web = WebClient.create(vertx, new WebClientOptions().setDefaultHost(url.host())
                .setDefaultPort(url.port()).setSsl(url.tls()).setKeepAlive(true)
                .setConnectTimeout(5_000).setUserAgent("zoom-factor"), new PoolOptions().setHttp1MaxSize(16));
        this.inserts = new InsertCoalescer(vertx, LINGER_MS, INSERTS_IN_FLIGHT, INSERT_ROWS, this::insert);
    }

    /**
     * Batches handed over at once by the group commit: more than INSERTs in flight, so that the batches waiting on an
     * INSERT merge into the next one ({@link InsertCoalescer}) instead of waiting in the queue one by one.
     */
    @Override
    public int batchesInFlight() {
        return 128;
    }

    /** The DDL, idempotent: the database and the table. */
    static List<String> ddl(String database) {
        return List.of("CREATE DATABASE IF NOT EXISTS " + database,
                "CREATE TABLE IF NOT EXISTS " + database + "." + TABLE + " (agency_id UUID, client_id UUID,"
                        + " site_id UUID, at_ms Int64, time DateTime MATERIALIZED toDateTime(intDiv(at_ms, 1000)),"
                        + " visitor Int64, name String, path String, referrer_host String, referrer_path String,"
                        + " utm_source String, utm_medium String, utm_campaign String, browser String, os String,"
                        + " device String, width Int32, engaged_ms Int32, is_returning UInt8, props String)"
                        + " ENGINE = MergeTree() PARTITION BY toYYYYMM(time) ORDER BY (site_id, time)");
    }

    @Override
    public Future<Void> append(List<PageEvent> events, List<BotHit> hits) {
        Future<Void> counted = hits.isEmpty() ? Future.succeededFuture() : bots.append(List.of(), hits);
        if (events.isEmpty()) {
            return counted;
        }
        StringBuilder lines = new StringBuilder(events.size() * 256);
        events.forEach(event -> row(event, lines));
        Buffer rows = Buffer.buffer(lines.toString());
        return counted.compose(done -> created()).compose(ready -> inserts.add(rows, events.size()))
                .onFailure(failure -> LOG.warn("{} page events not written to ClickHouse {}: {}", events.size(), url,
                        failure.getMessage()));
    }

    /** One INSERT of rows from several batches (see {@link InsertCoalescer}). */
    private Future<Void> insert(Buffer rows) {
        Buffer body = Buffer.buffer(INSERT.length() + url.database().length() + rows.length() + 64);
        body.appendString("INSERT INTO " + url.database() + "." + TABLE + " " + INSERT + " FORMAT TabSeparated\n")
                .appendBuffer(rows);
        return post(body, null, TIMEOUT_MS).mapEmpty();
    }

    /**
     * An event as a TabSeparated line: cheaper for ClickHouse to parse than JSONEachRow (a third of its time in a
     * measurement of 200,000 rows, docs/benchmarks.md) and as cheap as RowBinary without its byte layouts.
     */
    private static void row(PageEvent event, StringBuilder out) {
        out.append(event.agencyId()).append('\t').append(event.clientId()).append('\t').append(event.siteId())
                .append('\t').append(event.at().toEpochMilli()).append('\t').append(event.visitor()).append('\t');
        text(event.name(), out);
        for (String value : new String[] {event.path(), event.referrerHost(), event.referrerPath(), event.utmSource(),
                event.utmMedium(), event.utmCampaign(), event.browser(), event.os(), event.device()}) {
            out.append('\t');
            text(value, out);
        }
        out.append('\t').append(event.width() == null ? 0 : event.width())
                .append('\t').append(event.engagedMs() == null ? 0 : event.engagedMs())
                .append('\t').append(Boolean.TRUE.equals(event.returning()) ? 1 : 0).append('\t');
        text(event.props(), out);
        out.append('\n');
    }

    /** A text value escaped for TabSeparated (absent is ''). */
    private static void text(String value, StringBuilder out) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
    }

    /**
     * PostgreSQL's bot counts need nothing; the ClickHouse table is made now if it can be: a ClickHouse that does not
     * answer delays no start (the failure is logged, events are refused with 503 until the table is made).
     */
    @Override
    public Future<Void> prepare(Instant from, Instant to) {
        return created().recover(failure -> {
            LOG.warn("The page events table in ClickHouse {} is not made now: {}", url, failure.getMessage());
            return Future.succeededFuture();
        });
    }

    /** The table, made once per server (again after a failure). */
    private Future<Void> created() {
        Future<Void> known = created;
        if (known != null && !known.failed()) {
            return known;
        }
        Future<Void> done = Future.succeededFuture();
        for (String statement : ddl(url.database())) {
            done = done.compose(previous -> post(Buffer.buffer(statement), "default", TIMEOUT_MS).mapEmpty());
        }
        created = done;
        return done;
    }

    /** One statement, its result as text; a failure carries ClickHouse's message (never the URL's password). */
    private Future<String> post(Buffer body, String database, long timeoutMs) {
        return web.post("/").addQueryParam("database", database == null ? url.database() : database)
                .putHeader("Authorization", url.authorization()).timeout(timeoutMs).sendBuffer(body)
                .compose(ClickHousePageEventStore::answer);
    }

    private static Future<String> answer(HttpResponse<Buffer> response) {
        String text = response.bodyAsString();
        if (response.statusCode() != 200) {
            String message = text == null ? "" : text.strip();
            return Future.failedFuture(new IllegalStateException("ClickHouse answered " + response.statusCode() + ": "
                    + (message.length() > 300 ? message.substring(0, 300) : message)));
        }
        return Future.succeededFuture(text == null ? "" : text);
    }

    /** The rows of a query in TabSeparated: one {@code String[]} per line, \N as null. */
    private Future<List<String[]>> rows(String query, long timeoutMs) {
        return created().compose(ready -> post(Buffer.buffer(query + " FORMAT TabSeparated"), null, timeoutMs))
                .map(ClickHousePageEventStore::cells);
    }

    private static List<String[]> cells(String text) {
        List<String[]> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                String[] cells = line.split("\t", -1);
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = unescape(cells[i]);
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    private static String unescape(String cell) {
        if (cell.equals("\\N")) {
            return null;
        }
        if (cell.indexOf('\\') < 0) {
            return cell;
        }
        StringBuilder out = new StringBuilder(cell.length());
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c != '\\' || i + 1 == cell.length()) {
                out.append(c);
                continue;
            }
            char next = cell.charAt(++i);
            out.append(switch (next) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case '0' -> '\0';
                default -> next;
            });
        }
        return out.toString();
    }

    /**
     * A client's events of the window with their session number: per site and visitor, the events sorted by time in
     * an array, a new session where the gap to the previous one is over 30 minutes (a cumulative sum over the times
     * paired with the times shifted by one: a lambda reading the outer array by index would copy it per element on
     * 18.16, quadratic in a visitor's events — 16 GB for one with 22,000), then the array joined back into rows.
     * Columns: site_id, visitor, session, seen, ev_at, ev_counted, ev_name, ev_path, ev_engaged, ev_referrer,
     * ev_utm_source, ev_browser, ev_os, ev_device, ev_returning (named apart from the table's columns: ClickHouse lets
     * an alias shadow a column, and an aggregate named like its argument would nest).
     * <p>
     * A continuing window is read once, in this one grouping (18.16 spends far more planning a self-join or an
     * {@code IN} subquery over these nested subqueries than reading half an hour of events): only the visitors with
     * an event at or after {@code countFrom} are kept ({@code HAVING}); {@code first_counted} is the first session
     * start at or after {@code countFrom}, so an event is in a counted visit exactly when it is not before it
     * ({@code ev_counted}); {@code seen} is 1 for a visitor with a page view before it, i.e. a visit with a page view
     * that started before {@code countFrom}. In a plain window every visit counts and nobody was seen.
     */
    private String events(UUID agencyId, UUID clientId, EventWindow window) {
        long fromMs = window.from().toEpochMilli();
        long countFrom = window.countFrom().toEpochMilli();
        long toMs = window.to().toEpochMilli();
        String counting = window.continues()
                ? ", arrayFilter((t, s) -> s = 1 AND t >= " + countFrom + ", ts, starts) AS later,"
                        + " if(empty(later), toInt64(" + Long.MAX_VALUE + "), later[1]) AS first_counted,"
                        + " arrayExists((t, x) -> x.2 = 'pageview' AND t < first_counted, ts, es) AS seen"
                : ", toInt64(" + fromMs + ") AS first_counted, toUInt8(0) AS seen";
        return "SELECT site_id, visitor, session, seen, e.1 AS ev_at, e.1 >= first_counted AS ev_counted,"
                + " e.2 AS ev_name, e.3 AS ev_path, e.4 AS ev_engaged, e.5 AS ev_referrer, e.6 AS ev_utm_source,"
                + " e.7 AS ev_browser, e.8 AS ev_os, e.9 AS ev_device, e.10 AS ev_returning"
                + " FROM (SELECT site_id, visitor, arraySort(x -> x.1, groupArray((at_ms, name,"
                + " path, engaged_ms, referrer_host, utm_source, browser, os, device, is_returning))) AS es,"
                + " arrayMap(x -> x.1, es) AS ts,"
                + " arrayMap((t, previous) -> (t - previous > " + SESSION_GAP_MS + ") ? 1 : 0,"
                + " ts, arrayPushFront(arrayPopBack(ts), toInt64(0))) AS starts, arrayCumSum(starts) AS sessions"
                + counting + " FROM " + url.database() + "." + TABLE
                + " WHERE agency_id = toUUID('" + agencyId + "') AND client_id = toUUID('" + clientId + "')"
                + " AND time >= toDateTime(" + Math.floorDiv(fromMs, 1000) + ")"
                + " AND time <= toDateTime(" + Math.floorDiv(toMs, 1000) + ")"
                + " AND at_ms >= " + fromMs + " AND at_ms < " + toMs
                + " GROUP BY site_id, visitor" + (window.continues() ? " HAVING max(at_ms) >= " + countFrom : "")
                + ") ARRAY JOIN es AS e, sessions AS session";
    }

    /**
     * The sessions with a pageview, as in {@link PostgresPageEventStore}: attributes of the first event, entry and
     * exit of the first and last pageview, engaged by a custom event or an engagement of 10 s or more; counted when
     * they start at or after the window's {@code countFrom}, pageviews and engagement from then on; {@code seen} as
     * in {@link #events}.
     */
    private String visits(UUID agencyId, UUID clientId, EventWindow window) {
        long countFrom = window.countFrom().toEpochMilli();
        return "SELECT site_id, visitor, session, any(seen) AS seen, min(ev_at) AS started, max(ev_at) AS ended,"
                + " maxIf(ev_at, ev_at < " + countFrom + ") AS ended_before,"
                + " countIf(ev_name = 'pageview') AS all_pageviews,"
                + " countIf(ev_name = 'pageview' AND ev_at >= " + countFrom + ") AS pageviews,"
                + " countIf(ev_name NOT IN ('pageview', 'engagement')"
                + " OR (ev_name = 'engagement' AND ev_engaged >= 10000)) AS engaged,"
                + " sumIf(ev_engaged, ev_name = 'engagement' AND ev_at >= " + countFrom + ") AS engaged_ms,"
                + " max(ev_returning) AS is_returning,"
                + " argMinIf(ev_path, ev_at, ev_name = 'pageview') AS entry,"
                + " argMaxIf(ev_path, ev_at, ev_name = 'pageview') AS exit,"
                + " argMin(if(ev_utm_source != '', ev_utm_source, replaceRegexpOne(ev_referrer, '^www\\\\.', '')),"
                + " ev_at) AS source, argMin(ev_referrer, ev_at) AS referrer, argMin(ev_browser, ev_at) AS browser,"
                + " argMin(ev_os, ev_at) AS os, argMin(ev_device, ev_at) AS device,"
                + " if(started >= " + countFrom + ", 1, 0) AS counted"
                + " FROM (" + events(agencyId, clientId, window) + ") GROUP BY site_id, visitor, session"
                + " HAVING all_pageviews > 0";
    }

    /** The condition of a visit whose visitor is counted in the window. */
    private static final String NEW_VISITOR = "counted = 1 AND seen = 0";

    @Override
    public Future<WebTotals> totals(UUID agencyId, UUID clientId, EventWindow window) {
        return totals(agencyId, clientId, window, TIMEOUT_MS);
    }

    private Future<WebTotals> totals(UUID agencyId, UUID clientId, EventWindow window, long timeoutMs) {
        String query = "SELECT uniqExactIf(site_id, visitor, " + NEW_VISITOR + ") AS visitors, countIf(counted = 1),"
                + " sum(pageviews), countIf(counted = 1 AND all_pageviews = 1 AND engaged = 0),"
                + " sum(ended - if(ended_before = 0, started, ended_before)), sum(engaged_ms),"
                + " uniqExactIf(site_id, visitor, " + NEW_VISITOR + " AND is_returning = 1)"
                + " FROM (" + visits(agencyId, clientId, window) + ")";
        return rows(query, timeoutMs).map(rows -> {
            String[] row = rows.get(0);
            return new WebTotals(Long.parseLong(row[0]), Long.parseLong(row[1]), Long.parseLong(row[2]),
                    Long.parseLong(row[3]), Long.parseLong(row[4]), Long.parseLong(row[5]), Long.parseLong(row[6]));
        });
    }

    @Override
    public Future<List<BreakdownRow>> breakdown(UUID agencyId, UUID clientId, By by, EventWindow window,
                                                int limit) {
        return breakdown(agencyId, clientId, by, window, limit, TIMEOUT_MS);
    }

    private Future<List<BreakdownRow>> breakdown(UUID agencyId, UUID clientId, By by, EventWindow window, int limit,
                                                 long timeoutMs) {
        String query;
        if (by == By.PAGE) {
            // a page view's visit counts when the event does (ev_counted): no join back to the visits
            query = "SELECT ev_path AS value, uniqExactIf(site_id, visitor, ev_counted = 1 AND seen = 0) AS visitors,"
                    + " uniqExactIf(site_id, visitor, session, ev_counted = 1) AS visits,"
                    + " countIf(ev_at >= " + window.countFrom().toEpochMilli() + ") AS pageviews"
                    + " FROM (" + events(agencyId, clientId, window) + ") WHERE ev_name = 'pageview'"
                    + " GROUP BY value ORDER BY pageviews DESC, value LIMIT " + limit;
        } else {
            query = "SELECT " + column(by) + " AS value, uniqExactIf(site_id, visitor, " + NEW_VISITOR + ") AS visitors,"
                    + " countIf(counted = 1) AS visits, sum(pageviews) AS pageviews"
                    + " FROM (" + visits(agencyId, clientId, window) + ")"
                    + " GROUP BY value ORDER BY visits DESC, value LIMIT " + limit;
        }
        return rows(query, timeoutMs).map(rows -> {
            List<BreakdownRow> lines = new ArrayList<>();
            for (String[] row : rows) {
                lines.add(new BreakdownRow(row[0], Long.parseLong(row[1]), Long.parseLong(row[2]),
                        Long.parseLong(row[3])));
            }
            return lines;
        });
    }

    /**
     * A day's rollup in three queries rather than one per breakdown: the totals, the pages, and every per-visit
     * breakdown at once (each visit's values unrolled with ARRAY JOIN, the top {@code limit} of each kept with
     * {@code LIMIT n BY}), allowed {@link #ROLLUP_TIMEOUT_MS}.
     */
    @Override
    public Future<WebSummary> summary(UUID agencyId, UUID clientId, EventWindow window, int limit) {
        Future<WebTotals> totals = totals(agencyId, clientId, window, ROLLUP_TIMEOUT_MS);
        Future<List<BreakdownRow>> pages = breakdown(agencyId, clientId, By.PAGE, window, limit, ROLLUP_TIMEOUT_MS);
        StringBuilder values = new StringBuilder();
        for (By by : By.values()) {
            if (by != By.PAGE) {
                values.append(values.length() == 0 ? "" : ", ").append("('").append(by.name()).append("', ")
                        .append(column(by)).append(")");
            }
        }
        Future<List<String[]>> perVisit = rows("SELECT tupleElement(d, 1) AS dimension, tupleElement(d, 2) AS value,"
                + " uniqExactIf(site_id, visitor, " + NEW_VISITOR + ") AS visitors, countIf(counted = 1) AS visits,"
                + " sum(pageviews) AS pageviews FROM (" + visits(agencyId, clientId, window) + ")"
                + " ARRAY JOIN [" + values + "] AS d GROUP BY dimension, value"
                + " ORDER BY dimension, visits DESC, value LIMIT " + limit + " BY dimension", ROLLUP_TIMEOUT_MS);
        return Future.all(totals, pages, perVisit).map(read -> {
            Map<By, List<BreakdownRow>> breakdowns = new java.util.EnumMap<>(By.class);
            for (By by : By.values()) {
                breakdowns.put(by, new ArrayList<>());
            }
            breakdowns.put(By.PAGE, pages.result());
            for (String[] row : perVisit.result()) {
                breakdowns.get(By.valueOf(row[0])).add(new BreakdownRow(row[1], Long.parseLong(row[2]),
                        Long.parseLong(row[3]), Long.parseLong(row[4])));
            }
            return new WebSummary(totals.result(), breakdowns);
        });
    }

    /** Visitors with an event in the window, and the page each last viewed, as {@link PostgresPageEventStore} does. */
    @Override
    public Future<WebRealtime> realtime(UUID agencyId, UUID clientId, Instant since, Instant until, int limit) {
        long sinceMs = since.toEpochMilli();
        long untilMs = until.toEpochMilli();
        String window = " FROM " + url.database() + "." + TABLE
                + " WHERE agency_id = toUUID('" + agencyId + "') AND client_id = toUUID('" + clientId + "')"
                + " AND time >= toDateTime(" + Math.floorDiv(sinceMs, 1000) + ")"
                + " AND time <= toDateTime(" + Math.floorDiv(untilMs, 1000) + ")"
                + " AND at_ms >= " + sinceMs + " AND at_ms <= " + untilMs;
        Future<List<String[]>> visitors = rows("SELECT uniqExact(site_id, visitor)" + window, TIMEOUT_MS);
        Future<List<String[]>> pages = rows("SELECT path, count() AS on_page FROM (SELECT site_id, visitor,"
                + " argMax(path, at_ms) AS path" + window + " AND name = 'pageview' GROUP BY site_id, visitor)"
                + " GROUP BY path ORDER BY on_page DESC, path LIMIT " + limit, TIMEOUT_MS);
        return Future.all(visitors, pages).map(both -> {
            List<String[]> counted = visitors.result();
            List<WebRealtime.Page> top = new ArrayList<>();
            for (String[] row : pages.result()) {
                top.add(new WebRealtime.Page(row[0], Long.parseLong(row[1])));
            }
            return new WebRealtime(counted.isEmpty() ? 0 : Long.parseLong(counted.get(0)[0]), List.copyOf(top));
        });
    }

    /** The session's column a breakdown groups by (a fixed set: never text from a request). */
    private static String column(By by) {
        return switch (by) {
            case PAGE -> throw new IllegalArgumentException("pages are counted per pageview");
            case ENTRY -> "entry";
            case EXIT -> "exit";
            case SOURCE -> "if(source = '', 'Direct / None', source)";
            case REFERRER -> "if(referrer = '', 'Direct / None', referrer)";
            case BROWSER -> "browser";
            case OS -> "os";
            case DEVICE -> "device";
        };
    }

    /** Deletes a site's events (a mutation: ClickHouse applies it in the background, reads may see them a while). */
    @Override
    public Future<Void> deleteSite(UUID agencyId, UUID siteId) {
        return created().compose(ready -> post(Buffer.buffer("ALTER TABLE " + url.database() + "." + TABLE
                + " DELETE WHERE agency_id = toUUID('" + agencyId + "') AND site_id = toUUID('" + siteId + "')"), null,
                TIMEOUT_MS))
                .mapEmpty();
    }
}
