import com.zoomfactor.backend.app.ZoomFactorServer;
import com.zoomfactor.backend.config.AppConfig;
import com.zoomfactor.backend.config.DatabaseUrl;
import com.zoomfactor.backend.db.EmbeddedDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault suite #2, the long variant: the runnable server against Debian's PostgreSQL (run here in a temporary directory
 * as the postgres OS user), many writers ingesting batches with idempotency keys (a batch is sent again with its key
 * until acknowledged, after the Retry-After of a 503) and one dashboard watching every client, while PostgreSQL is
 * restarted again and again: odd cycles {@code pg_ctl restart -m fast}, even cycles a stop, a pause, a start.
 *
 * <p>Reports requests, 503s, other 5xx, transport errors, points acknowledged vs stored (lost), live events missed or
 * repeated, and per cycle the time from PostgreSQL accepting connections again to the first acknowledged batch.
 *
 * <p>Usage: bench/outage.sh [cycles=10] [writers=16] [pointsPerBatch=100] [pauseMs=1000]
 */
public class OutageBench {

    static final Path PG_VERSIONS = Path.of("/usr/lib/postgresql");

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int writers = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int points = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        long pauseMs = args.length > 3 ? Long.parseLong(args[3]) : 1_000;

        Postgres pg = Postgres.launch();
        Vertx vertx = Vertx.vertx();
        ZoomFactorServer server = null;
        try {
            DatabaseUrl admin = new DatabaseUrl("localhost", pg.port, "postgres", "postgres", "");
            EmbeddedDatabase.createDatabaseIfMissing(admin, "zoomfactor");
            DatabaseUrl database = admin.withDatabase("zoomfactor");
            server = new ZoomFactorServer(new AppConfig(0, Files.createTempDirectory("zf-outage-bench-"),
                    Optional.of(database), OptionalInt.empty(), Optional.empty()));
            int port = server.start().await(120, TimeUnit.SECONDS);
            Api api = new Api(port);

            JsonObject session = api.json("POST", "/api/auth/signup", null, new JsonObject().put("agencyName", "Outage")
                    .put("name", "Bench").put("email", "outage-" + System.nanoTime() + "@example.com")
                    .put("password", "a long bench password"));
            String owner = session.getString("accessToken");
            List<String> clients = new ArrayList<>();
            for (int c = 0; c < Math.max(1, writers / 2); c++) {
                clients.add(api.json("POST", "/api/clients", owner, new JsonObject().put("name", "Client " + c))
                        .getString("id"));
            }
            String token = api.json("POST", "/api/tokens", owner, new JsonObject().put("name", "bench")
                    .put("scopes", new JsonArray().add("metrics:write"))).getString("token");

            Dashboard dashboard = new Dashboard(vertx, port, api.json("POST", "/api/live/ticket", owner, null)
                    .getString("ticket"), clients);

            Stats stats = new Stats();
            AtomicBoolean finish = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<Long>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                String client = clients.get(w % clients.size());
                running.add(pool.submit(() -> write(api, token, client, writer, points, finish, stats)));
            }

            Thread.sleep(3_000); // warm-up and a first stretch of normal ingestion
            List<Long> recoveries = new ArrayList<>();
            List<Long> windows = new ArrayList<>();
            for (int cycle = 1; cycle <= cycles; cycle++) {
                long acknowledgedBefore = stats.acknowledged.get();
                long down = System.nanoTime();
                if (cycle % 2 == 1) {
                    pg.restart();
                } else {
                    pg.stop();
                    Thread.sleep(pauseMs);
                    pg.start();
                }
                long back = System.nanoTime();
                stats.watchFrom.set(back);
                stats.firstAckAfter.set(0);
                while (stats.firstAckAfter.get() == 0) {
                    Thread.sleep(5);
                }
                recoveries.add((stats.firstAckAfter.get() - back) / 1_000_000);
                windows.add((stats.firstAckAfter.get() - down) / 1_000_000);
                // ingestion under way again before the next fault
                while (stats.acknowledged.get() < acknowledgedBefore + writers * 2L) {
                    Thread.sleep(10);
                }
                Thread.sleep(1_500);
            }
            finish.set(true);
            long batches = 0;
            for (Future<Long> f : running) {
                batches += f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();

            long stored;
            Map<String, Long> latest = new ConcurrentHashMap<>();
            try (Connection sql = DriverManager.getConnection(database.jdbcUrl(), "postgres", "")) {
                try (ResultSet rows = sql.createStatement().executeQuery(
                        "SELECT count(*) FROM observations WHERE source = 'outage-bench'")) {
                    rows.next();
                    stored = rows.getLong(1);
                }
                try (ResultSet rows = sql.createStatement().executeQuery(
                        "SELECT client_id, max(seq) FROM live_events GROUP BY client_id")) {
                    while (rows.next()) {
                        latest.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
            dashboard.awaitLatest(latest, 30_000);

            long acknowledgedPoints = batches * points;
            System.out.println();
            System.out.printf("| %d cycles (odd: pg_ctl restart -m fast; even: stop, %d ms, start), %d writers × %d points/batch, %d clients, 1 dashboard | |%n",
                    cycles, pauseMs, writers, points, clients.size());
            System.out.println("|---|---|");
            System.out.printf("| ingest requests | %d |%n", stats.requests.get());
            System.out.printf("| 200 (batches acknowledged) | %d |%n", stats.ok.get());
            System.out.printf("| 503 (each with Retry-After and the JSON body: %s) | %d |%n",
                    stats.malformed503.get() == 0 ? "yes" : "NO, " + stats.malformed503.get() + " without", stats.unavailable.get());
            System.out.printf("| other 5xx | %d |%n", stats.other5xx.get());
            System.out.printf("| other statuses | %d |%n", stats.otherStatus.get());
            System.out.printf("| transport errors (no HTTP answer) | %d |%n", stats.transport.get());
            System.out.printf("| points acknowledged / stored / lost | %d / %d / %d |%n", acknowledgedPoints, stored,
                    acknowledgedPoints - stored);
            System.out.printf("| live events missed / repeated / out of order (dashboard open throughout) | %d / %d / %d |%n",
                    dashboard.missed(latest), dashboard.repeated.get(), dashboard.outOfOrder.get());
            System.out.printf("| live resets | %d |%n", dashboard.resets.get());
            System.out.printf("| PostgreSQL accepting again → first acknowledged batch, ms: median / max | %d / %d |%n",
                    median(recoveries), recoveries.stream().mapToLong(Long::longValue).max().orElse(0));
            System.out.printf("| fault begins → first acknowledged batch, ms: median / max | %d / %d |%n",
                    median(windows), windows.stream().mapToLong(Long::longValue).max().orElse(0));
            System.out.println("per cycle, back → first ack (ms): " + recoveries);
            System.out.println("dashboard socket closed: " + (dashboard.closedWith == null ? "no" : dashboard.closedWith));
            latest.forEach((client, seq) -> System.out.printf("client %s: subscribed at %d, last %d, latest %d, received %d%n",
                    client.substring(0, 8), dashboard.subscribedAt.getOrDefault(client, -1L),
                    dashboard.last.getOrDefault(client, -1L), seq, dashboard.received.getOrDefault(client, 0L)));
        } finally {
            if (server != null) {
                server.stop().await(30, TimeUnit.SECONDS);
            }
            vertx.close().await(10, TimeUnit.SECONDS);
            pg.close();
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    static final class Stats {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong unavailable = new AtomicLong();
        final AtomicLong malformed503 = new AtomicLong();
        final AtomicLong other5xx = new AtomicLong();
        final AtomicLong otherStatus = new AtomicLong();
        final AtomicLong transport = new AtomicLong();
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong watchFrom = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong firstAckAfter = new AtomicLong(1);
    }

    /** One writer: each batch sent until acknowledged, with the same key, pausing as Retry-After says. */
    static long write(Api api, String token, String client, int writer, int points, AtomicBoolean finish, Stats stats)
            throws InterruptedException {
        long batch = 0;
        while (!finish.get()) {
            JsonArray list = new JsonArray();
            LocalDate day = LocalDate.of(2025, 1, 1).plusDays(batch % 300);
            for (int i = 0; i < points; i++) {
                list.add(new JsonObject().put("metric", "web.pageviews").put("date", day.toString())
                        .put("dimension", "/w" + writer + "/b" + batch + "/p" + i).put("value", i)
                        .put("source", "outage-bench"));
            }
            String body = new JsonObject().put("points", list).encode();
            String key = "w" + writer + "-b" + batch;
            while (true) {
                long sent = System.nanoTime();
                stats.requests.incrementAndGet();
                HttpResponse<String> response;
                try {
                    response = api.send("POST", "/api/clients/" + client + "/observations", token, body, key);
                } catch (Exception e) {
                    stats.transport.incrementAndGet();
                    Thread.sleep(200);
                    continue;
                }
                int status = response.statusCode();
                if (status == 200) {
                    stats.ok.incrementAndGet();
                    if (sent >= stats.watchFrom.get()) {
                        stats.firstAckAfter.compareAndSet(0, System.nanoTime());
                    }
                    break;
                }
                if (status == 503) {
                    stats.unavailable.incrementAndGet();
                    Optional<String> retryAfter = response.headers().firstValue("Retry-After");
                    boolean wellFormed = retryAfter.isPresent() && response.body().contains("\"status\":503");
                    if (!wellFormed) {
                        stats.malformed503.incrementAndGet();
                    }
                    // honour Retry-After, spread over the writers so that they do not all return at once
                    long seconds = retryAfter.map(Long::parseLong).orElse(1L);
                    Thread.sleep((long) (seconds * 1000 * (0.25 + 0.75 * Math.random())));
                    continue;
                }
                if (status >= 500) {
                    stats.other5xx.incrementAndGet();
                } else {
                    stats.otherStatus.incrementAndGet();
                }
                System.err.println("unexpected " + status + ": " + response.body());
                Thread.sleep(200);
            }
            stats.acknowledged.incrementAndGet();
            batch++;
        }
        return batch;
    }

    /** The API over the JDK's HTTP client. */
    static final class Api {
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        final int port;

        Api(int port) {
            this.port = port;
        }

        HttpResponse<String> send(String method, String path, String bearer, String body, String key) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json");
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            if (key != null) {
                request.header("Idempotency-Key", key);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonObject json(String method, String path, String bearer, JsonObject body) throws Exception {
            HttpResponse<String> response = send(method, path, bearer, body == null ? null : body.encode(), null);
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
            }
            return new JsonObject(response.body());
        }
    }

    /** One dashboard subscribed to every client: checks that seqs only grow, and counts what it got. */
    static final class Dashboard {
        final Map<String, Long> last = new ConcurrentHashMap<>();
        final Map<String, Long> received = new ConcurrentHashMap<>();
        final AtomicLong repeated = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();
        final AtomicLong resets = new AtomicLong();
        final Map<String, Long> skippedScores = new ConcurrentHashMap<>();
        final Map<String, Long> subscribedAt = new ConcurrentHashMap<>();
        volatile String closedWith;
        final io.vertx.core.http.WebSocketClient client;

        Dashboard(Vertx vertx, int port, String ticket, List<String> clients) throws Exception {
            // kept in a field: Vert.x closes a client (and its sockets, with 1000) once it is garbage
            client = vertx.createWebSocketClient();
            WebSocket socket = client.connect(new WebSocketConnectOptions().setHost("localhost")
                    .setPort(port).setURI("/api/live?ticket=" + ticket)).await(10, TimeUnit.SECONDS);
            socket.closeHandler(closed -> closedWith = socket.closeStatusCode() + " " + socket.closeReason());
            socket.textMessageHandler(text -> {
                JsonObject m = new JsonObject(text);
                String client = m.getString("clientId");
                switch (m.getString("type")) {
                    case "subscribed" -> {
                        subscribedAt.put(client, m.getLong("seq"));
                        last.put(client, m.getLong("seq"));
                    }
                    case "reset" -> {
                        resets.incrementAndGet();
                        last.put(client, m.getLong("seq"));
                    }
                    case "event" -> {
                        long seq = m.getLong("seq");
                        long before = last.getOrDefault(client, 0L);
                        if (seq == before) {
                            repeated.incrementAndGet();
                        } else if (seq < before) {
                            outOfOrder.incrementAndGet();
                        } else {
                            received.merge(client, 1L, Long::sum);
                            last.put(client, seq);
                        }
                    }
                    default -> { }
                }
            });
            for (String client : clients) {
                socket.writeTextMessage(new JsonObject().put("type", "subscribe").put("clientId", client)
                        .put("presence", false).encode());
            }
        }

        void awaitLatest(Map<String, Long> latest, long ms) throws InterruptedException {
            long deadline = System.currentTimeMillis() + ms;
            while (System.currentTimeMillis() < deadline
                    && latest.entrySet().stream().anyMatch(e -> last.getOrDefault(e.getKey(), 0L) < e.getValue())) {
                Thread.sleep(20);
            }
        }

        /**
         * Events after the subscription that never arrived. Superseded scores (a newer score replaces one still queued
         * for a busy socket) count here too, so this is an upper bound on what a dashboard lacked.
         */
        long missed(Map<String, Long> latest) {
            long missed = 0;
            for (Map.Entry<String, Long> e : latest.entrySet()) {
                long expected = e.getValue() - subscribedAt.getOrDefault(e.getKey(), 0L);
                missed += expected - received.getOrDefault(e.getKey(), 0L);
            }
            return missed;
        }
    }

    /** Debian's PostgreSQL in a temporary directory, run as the postgres OS user when we are root. */
    static final class Postgres {
        final Path bin;
        final Path dir;
        final int port;
        final boolean root = "root".equals(System.getProperty("user.name"));

        private Postgres(Path bin, Path dir, int port) {
            this.bin = bin;
            this.dir = dir;
            this.port = port;
        }

        static Postgres launch() throws Exception {
            Path bin;
            try (var versions = Files.list(PG_VERSIONS)) {
                bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                        .max(java.util.Comparator.naturalOrder())
                        .orElseThrow(() -> new IllegalStateException("install Debian's postgresql package first"));
            }
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "zf-outage-pg-");
            Postgres pg = new Postgres(bin, dir, BenchSupport.freePort());
            if (pg.root) {
                pg.run(List.of("chown", "postgres:postgres", dir.toString()), false);
            }
            pg.pg("initdb", "-D", dir.resolve("data").toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--locale=C", "--no-sync");
            pg.start();
            return pg;
        }

        void start() throws Exception {
            pg("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-w",
                    "-o", "-p " + port + " -c listen_addresses=localhost -c unix_socket_directories=" + dir
                            + " -c max_connections=100", "start");
        }

        void stop() throws Exception {
            pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
        }

        void restart() throws Exception {
            pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-l",
                    dir.resolve("server.log").toString(), "restart");
        }

        void close() throws Exception {
            pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
            run(List.of("rm", "-rf", dir.toString()), false);
            Files.deleteIfExists(Path.of("/tmp", dir.getFileName() + ".log"));
        }

        private void pg(String program, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(bin.resolve(program).toString()));
            command.addAll(List.of(args));
            run(command, root);
        }

        private void run(List<String> command, boolean asPostgres) throws Exception {
            List<String> full = new ArrayList<>();
            if (asPostgres) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(command);
            Process process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("/tmp", dir.getFileName() + ".log").toFile()))
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed");
            }
        }
    }
}
