import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Series reads under load of data: 1,000 clients × 25 metrics × 2 years of daily values (18.25 million
 * observations) loaded straight into the table, then GET /api/clients/{id}/observations for one metric over the two
 * years (daily granularity, trend test included), for random clients and metrics, measured end to end over HTTP.
 *
 * Usage: bench/series.sh [clients=1000] [requests=2000] [concurrencies=1,4]
 */
public class SeriesBench {

    static final List<String> METRICS = List.of("web.unique_visitors", "web.returning_visitors", "web.pageviews",
            "web.bounce_rate", "web.time_on_page", "web.pages_per_visit", "web.returning_visitor_share",
            "twitter.posts", "twitter.followers", "twitter.list_additions", "twitter.retweets", "twitter.mentions",
            "twitter.replies", "facebook.page_visitors", "facebook.non_fan_visitor_share", "facebook.post_impressions",
            "facebook.post_comments", "facebook.post_likes", "facebook.posts", "linkedin.search_appearances",
            "linkedin.answers", "newsletter.subscribers", "leads.optins", "polls.responses", "search.avg_position");

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int[] concurrencies = java.util.Arrays.stream((args.length > 2 ? args[2] : "1,4").split(","))
                .mapToInt(Integer::parseInt).toArray();
        BenchSupport bench = new BenchSupport(java.util.Arrays.stream(concurrencies).max().orElse(1));
        try {
            String owner = bench.signUp();
            String agency = bench.call(HttpMethod.GET, "/api/me", owner, null).await(30, TimeUnit.SECONDS)
                    .getJsonObject("agency").getString("id");
            long loadStart = System.nanoTime();
            long rows = load(bench, UUID.fromString(agency), clients);
            System.out.printf("loaded %,d observations for %d clients in %.0f s%n", rows, clients,
                    (System.nanoTime() - loadStart) / 1e9);
            List<String> ids = bench.call(HttpMethod.GET, "/api/clients", owner, null).await(60, TimeUnit.SECONDS)
                    .getJsonArray("list").stream().map(c -> ((JsonObject) c).getString("id")).toList();

            Random random = new Random(7);
            String range = "&from=2024-11-27&to=2026-11-26&granularity=day";
            // warm-up
            for (int i = 0; i < 200; i++) {
                get(bench, owner, ids, random, range);
            }
            System.out.println();
            System.out.printf("| %d series reads per row: one metric over 2 years, daily, random client and metric;"
                    + " %,d observations loaded | p50 ms | p95 ms | p99 ms | max ms |%n", requests, rows);
            System.out.println("|---|---|---|---|---|");
            for (int concurrency : concurrencies) {
                double[] millis = measure(bench, owner, ids, range, requests, concurrency);
                System.out.printf("| %d in flight | %.1f | %.1f | %.1f | %.1f |%n", concurrency,
                        BenchSupport.percentile(millis, 50), BenchSupport.percentile(millis, 95),
                        BenchSupport.percentile(millis, 99), millis[millis.length - 1]);
            }
        } finally {
            bench.close();
        }
    }

    static double[] measure(BenchSupport bench, String owner, List<String> ids, String range, int requests,
                            int concurrency) throws Exception {
        double[] millis = new double[requests];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] workers = new Thread[concurrency];
        for (int w = 0; w < concurrency; w++) {
            Random own = new Random(100 + w);
            workers[w] = new Thread(() -> {
                int n;
                while ((n = next.getAndIncrement()) < requests) {
                    long start = System.nanoTime();
                    try {
                        get(bench, owner, ids, own, range);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    millis[n] = (System.nanoTime() - start) / 1e6;
                }
            });
            workers[w].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        Arrays.sort(millis);
        return millis;
    }

    static void get(BenchSupport bench, String token, List<String> ids, Random random, String range) throws Exception {
        String client = ids.get(random.nextInt(ids.size()));
        String metric = METRICS.get(random.nextInt(METRICS.size()));
        JsonObject series = bench.call(HttpMethod.GET, "/api/clients/" + client + "/observations?metric=" + metric + range,
                token, null).await(30, TimeUnit.SECONDS);
        if (series.getJsonArray("points").size() < 700) {
            throw new IllegalStateException("expected two years of points for " + metric);
        }
    }

    /** Clients and their two years of values, generated by PostgreSQL itself (the fastest way in). */
    static long load(BenchSupport bench, UUID agency, int clients) throws Exception {
        try (Connection sql = DriverManager.getConnection(bench.adminJdbcUrl(), "postgres", "");
             Statement statement = sql.createStatement()) {
            statement.execute("INSERT INTO clients (agency_id, name) SELECT '" + agency + "', 'Client ' || n"
                    + " FROM generate_series(1, " + clients + ") AS n");
            String metrics = "ARRAY['" + String.join("','", METRICS) + "']";
            long rows = 0;
            // one statement per 100 clients keeps each transaction (and its WAL) moderate
            for (int from = 1; from <= clients; from += 100) {
                rows += statement.executeUpdate("""
                        INSERT INTO observations (agency_id, client_id, metric, period_start, period_end, value)
                        SELECT c.agency_id, c.id, m.metric, d::date, d::date,
                               CASE WHEN m.metric LIKE '%%share' OR m.metric = 'web.bounce_rate' THEN random()
                                    WHEN m.metric = 'search.avg_position' THEN 1 + random() * 20
                                    ELSE floor(random() * 1000) END
                          FROM (SELECT id, agency_id FROM clients WHERE agency_id = '%s' ORDER BY id
                                 OFFSET %d LIMIT 100) c
                         CROSS JOIN unnest(%s) AS m (metric)
                         CROSS JOIN generate_series(date '2024-11-27', date '2026-11-26', interval '1 day') AS d
                        """.formatted(agency, from - 1, metrics));
            }
            statement.execute("ANALYZE observations");
            return rows;
        }
    }
}
