import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * GET /api/clients/{id}/score served from its snapshot against the engine run for every read, side by side in one run:
 * clients with 25 metrics × 2 years of daily values (loaded straight into the tables); the requests of the three kinds
 * interleave, one at a time, on random clients:
 * - snapshot: GET /score, the latest snapshot current (what every read but the first after a change is);
 * - engine: GET /score?asOf=yesterday, which reads and scores like every GET /score did before snapshots were served;
 * - after a write: one observation written (not timed), then GET /score: the snapshot is stale, so the read recomputes
 *   and records (what the first reader after a change pays when the recomputer has not got there yet).
 * Server time is the access log's figure for each request (the handler's time, from the request to the response's
 * end); end-to-end time over localhost is printed beside it. Then the cost of the input-version trigger on a bulk write.
 *
 * Usage: bench/run.sh ScoreReadBench [clients=10] [requests per kind=200]
 */
public class ScoreReadBench {

    /** "GET /api/clients/…/score 200 12ms": the server's own time of each request. */
    static final Pattern ACCESS = Pattern.compile(" (\\d+)ms$");
    static final LinkedBlockingQueue<String> ACCESS_LINES = new LinkedBlockingQueue<>();

    enum Kind { SNAPSHOT, ENGINE, AFTER_WRITE }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        listenToAccessLog();
        BenchSupport bench = new BenchSupport(1);
        try {
            String owner = bench.signUp();
            String agency = bench.call(HttpMethod.GET, "/api/me", owner, null).await(30, TimeUnit.SECONDS)
                    .getJsonObject("agency").getString("id");
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            long rows = bench.loadDailySeries(UUID.fromString(agency), clients, today.minusDays(729), today);
            List<String> ids = bench.call(HttpMethod.GET, "/api/clients", owner, null).await(60, TimeUnit.SECONDS)
                    .getJsonArray("list").stream().map(c -> ((JsonObject) c).getString("id")).toList();
            String yesterday = "?asOf=" + today.minusDays(1);

            for (String id : ids) { // warm-up, and each client's first snapshot
                for (int i = 0; i < 5; i++) {
                    bench.getOk(owner, "/api/clients/" + id + "/score");
                    bench.getOk(owner, "/api/clients/" + id + "/score" + yesterday);
                }
            }
            int size = bench.getOk(owner, "/api/clients/" + ids.get(0) + "/score").length();

            Random random = new Random(13);
            double[][] server = new double[Kind.values().length][requests];
            double[][] endToEnd = new double[Kind.values().length][requests];
            for (int i = 0; i < requests; i++) {
                for (Kind kind : Kind.values()) {
                    String id = ids.get(random.nextInt(ids.size()));
                    if (kind == Kind.AFTER_WRITE) {
                        write(bench, owner, id, today, random.nextInt(1000));
                    }
                    String path = "/api/clients/" + id + "/score" + (kind == Kind.ENGINE ? yesterday : "");
                    ACCESS_LINES.clear();
                    long start = System.nanoTime();
                    bench.getOk(owner, path);
                    endToEnd[kind.ordinal()][i] = (System.nanoTime() - start) / 1e6;
                    server[kind.ordinal()][i] = serverMillis();
                }
            }

            System.out.printf("%n%,d observations for %d clients (25 metrics × 2 years); an answer is %,d bytes%n%n",
                    rows, clients, size);
            System.out.printf("| GET /score, %d requests per row, interleaved, one at a time | server p50 ms |"
                    + " server p95 ms | end-to-end p50 ms | end-to-end p95 ms |%n", requests);
            System.out.println("|---|---|---|---|---|");
            row("snapshot (current): no engine", server[0], endToEnd[0]);
            row("engine on every read (`asOf=yesterday`, as before)", server[1], endToEnd[1]);
            row("first read after a write: recompute and record", server[2], endToEnd[2]);
            System.out.printf("%nsnapshot vs engine, p50 server time: %.1f× faster%n",
                    BenchSupport.percentile(sorted(server[1]), 50) / Math.max(0.5, BenchSupport.percentile(sorted(server[0]), 50)));
            triggerCost(bench, UUID.fromString(agency), today);
        } finally {
            bench.close();
        }
    }

    /**
     * What the input-version triggers add to a bulk write: 100,000 observations (25 metrics × 4,000 days) of a new
     * client in one statement, with the triggers and without them (session_replication_role = replica skips them),
     * alternating, 5 of each.
     */
    static void triggerCost(BenchSupport bench, UUID agency, LocalDate today) throws Exception {
        double[] with = new double[5];
        double[] without = new double[5];
        try (Connection sql = DriverManager.getConnection(bench.adminJdbcUrl(), "postgres", "");
             Statement statement = sql.createStatement()) {
            for (int i = 0; i < 10; i++) {
                boolean triggers = i % 2 == 0;
                statement.execute("SET session_replication_role = " + (triggers ? "origin" : "replica"));
                String client = UUID.randomUUID().toString();
                statement.execute("INSERT INTO clients (id, agency_id, name) VALUES ('" + client + "', '" + agency
                        + "', 'Bulk " + i + "')");
                long start = System.nanoTime();
                statement.executeUpdate("""
                        INSERT INTO observations (agency_id, client_id, metric, period_start, period_end, value)
                        SELECT '%s', '%s', m.metric, d::date, d::date, random() * 1000
                          FROM unnest(ARRAY['%s']) AS m (metric)
                         CROSS JOIN generate_series(date '%s' - 3999, date '%s', interval '1 day') AS d
                        """.formatted(agency, client, String.join("','", BenchSupport.METRICS), today, today));
                (triggers ? with : without)[i / 2] = (System.nanoTime() - start) / 1e6;
            }
            statement.execute("SET session_replication_role = origin");
        }
        System.out.printf("%nOne INSERT of 100,000 observations (median of 5): %.0f ms with the input-version trigger,"
                + " %.0f ms without%n", BenchSupport.median(with), BenchSupport.median(without));
    }

    /** The access logger (quiet in benchmarks) feeds a queue; each request's line gives its server time. */
    static void listenToAccessLog() {
        Logger access = (Logger) LoggerFactory.getLogger("zoomfactor.access");
        access.setLevel(Level.INFO);
        access.setAdditive(false);
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                ACCESS_LINES.add(event.getFormattedMessage());
            }
        };
        appender.setContext(access.getLoggerContext());
        appender.start();
        access.addAppender(appender);
    }

    static double serverMillis() throws InterruptedException {
        String line = ACCESS_LINES.poll(10, TimeUnit.SECONDS);
        if (line == null) {
            throw new IllegalStateException("no access log line");
        }
        Matcher m = ACCESS.matcher(line);
        if (!m.find()) {
            throw new IllegalStateException("not an access log line: " + line);
        }
        return Double.parseDouble(m.group(1));
    }

    static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    static void row(String label, double[] server, double[] endToEnd) {
        double[] s = sorted(server);
        double[] e = sorted(endToEnd);
        System.out.printf("| %s | %.0f | %.0f | %.1f | %.1f |%n", label, BenchSupport.percentile(s, 50),
                BenchSupport.percentile(s, 95), BenchSupport.percentile(e, 50), BenchSupport.percentile(e, 95));
    }

    static void write(BenchSupport bench, String owner, String client, LocalDate day, int value) throws Exception {
        JsonObject batch = new JsonObject().put("points", new JsonArray().add(new JsonObject()
                .put("metric", "web.pageviews").put("date", day.toString()).put("value", value)));
        bench.call(HttpMethod.POST, "/api/clients/" + client + "/observations", owner, batch.toBuffer())
                .await(30, TimeUnit.SECONDS);
        ACCESS_LINES.clear();
    }

}
