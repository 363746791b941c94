import com.zoomfactor.backend.app.ZoomFactorServer;
import com.zoomfactor.backend.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.List;
import java.time.LocalDate;
import java.sql.Statement;
import java.sql.DriverManager;
import java.sql.Connection;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** What the benchmarks share: a real server on a fresh embedded database, and an HTTP client to drive it. */
final class BenchSupport {

    /** The catalogue's metrics the benchmarks load for every client. */
    static final List<String> METRICS = List.of("web.unique_visitors", "web.returning_visitors", "web.pageviews",
            "web.bounce_rate", "web.time_on_page", "web.pages_per_visit", "web.returning_visitor_share",
            "twitter.posts", "twitter.followers", "twitter.list_additions", "twitter.retweets", "twitter.mentions",
            "twitter.replies", "facebook.page_visitors", "facebook.non_fan_visitor_share", "facebook.post_impressions",
            "facebook.post_comments", "facebook.post_likes", "facebook.posts", "linkedin.search_appearances",
            "linkedin.answers", "newsletter.subscribers", "leads.optins", "polls.responses", "search.avg_position");

    final ZoomFactorServer server;
    final int port;
    final int dbPort;
    final Vertx vertx = Vertx.vertx();
    final HttpClient http;

    BenchSupport(int concurrency) throws Exception {
        Path data = Files.createTempDirectory("zf-bench-");
        dbPort = freePort();
        AppConfig config = new AppConfig(0, data, Optional.empty(), OptionalInt.of(dbPort), Optional.empty());
        // ZF_BENCH_CLICKHOUSE=http://default:@127.0.0.1:18123/zf_bench puts page events in that ClickHouse
        String clickhouse = System.getenv("ZF_BENCH_CLICKHOUSE");
        if (clickhouse != null && !clickhouse.isBlank()) {
            config = config.withClickHouse(com.zoomfactor.backend.config.ClickHouseUrl.parse(clickhouse));
        }
        server = new ZoomFactorServer(config);
        port = server.start().await(120, TimeUnit.SECONDS);
        http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("localhost").setDefaultPort(port),
                new PoolOptions().setHttp1MaxSize(concurrency));
    }

    /** The embedded PostgreSQL as its superuser (for loading data and for the ceiling measurements). */
    String adminJdbcUrl() {
        return "jdbc:postgresql://localhost:" + dbPort + "/zoomfactor";
    }

    Future<JsonObject> call(HttpMethod method, String path, String token, Buffer body) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(path);
        if (token != null) {
            options.putHeader("Authorization", "Bearer " + token);
        }
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        return http.request(options)
                // the body is asked for in the same turn as the answer arrives (see getOk)
                .compose(request -> (body == null ? request.send() : request.send(body))
                        .compose(response -> response.body().map(bytes -> {
                    if (response.statusCode() >= 300) {
                        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + bytes);
                    }
                    return bytes.length() == 0 ? new JsonObject() : bytes.toJsonValue() instanceof JsonObject o ? o
                            : new JsonObject().put("list", bytes.toJsonArray());
                })));
    }

    /** Signs up an agency; returns its owner's access token. */
    String signUp() throws Exception {
        JsonObject session = call(HttpMethod.POST, "/api/auth/signup", null, new JsonObject()
                .put("agencyName", "Bench Agency").put("name", "Bench").put("email", "bench-" + UUID.randomUUID() + "@example.com")
                .put("password", "a long bench password").toBuffer()).await(30, TimeUnit.SECONDS);
        return session.getString("accessToken");
    }

    String createClient(String token, String name) throws Exception {
        return call(HttpMethod.POST, "/api/clients", token, new JsonObject().put("name", name).toBuffer())
                .await(30, TimeUnit.SECONDS).getString("id");
    }

    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        server.stop().await(30, TimeUnit.SECONDS);
    }

    /**
     * Adds {@code clients} clients to {@code agency} with a daily value of every metric of {@link #METRICS} from
     * {@code from} to {@code to}, generated by PostgreSQL itself (the fastest way in); the rows written.
     */
    long loadDailySeries(UUID agency, int clients, LocalDate from, LocalDate to) throws Exception {
        try (Connection sql = DriverManager.getConnection(adminJdbcUrl(), "postgres", "");
             Statement statement = sql.createStatement()) {
            statement.execute("INSERT INTO clients (agency_id, name) SELECT '" + agency + "', 'Client ' || n"
                    + " FROM generate_series(1, " + clients + ") AS n");
            String metrics = "ARRAY['" + String.join("','", METRICS) + "']";
            long rows = 0;
            // one statement per 100 clients keeps each transaction (and its WAL) moderate
            for (int first = 1; first <= clients; first += 100) {
                rows += statement.executeUpdate("""
                        INSERT INTO observations (agency_id, client_id, metric, period_start, period_end, value)
                        SELECT c.agency_id, c.id, m.metric, d::date, d::date,
                               CASE WHEN m.metric LIKE '%%share' OR m.metric = 'web.bounce_rate' THEN random()
                                    WHEN m.metric = 'search.avg_position' THEN 1 + random() * 20
                                    ELSE floor(random() * 1000) END
                          FROM (SELECT id, agency_id FROM clients WHERE agency_id = '%s' ORDER BY id
                                 OFFSET %d LIMIT 100) c
                         CROSS JOIN unnest(%s) AS m (metric)
                         CROSS JOIN generate_series(date '%s', date '%s', interval '1 day') AS d
                        """.formatted(agency, first - 1, metrics, from, to));
            }
            statement.execute("ANALYZE");
            return rows;
        }
    }

    /** GET {@code path} as {@code token}; anything but a 200 fails the benchmark. */
    Buffer getOk(String token, String path) throws Exception {
        return http.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(path)
                        .putHeader("Authorization", "Bearer " + token))
                // the body is asked for in the same turn as the answer arrives: asked later (a listener run on another
                // thread), a body that has already arrived reads as empty
                .compose(request -> request.send().compose(response -> response.body().map(body -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + body);
                    }
                    return body;
                }))).await(120, TimeUnit.SECONDS);
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy.length % 2 == 1 ? copy[copy.length / 2] : (copy[copy.length / 2 - 1] + copy[copy.length / 2]) / 2;
    }
}
