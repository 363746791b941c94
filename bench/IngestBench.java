import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingestion throughput, end to end: batches of 1,000 new points through POST /api/clients/{id}/observations
 * (JSON parsing, validation, authentication, row-level security, the upsert), compared in the same run with the
 * PostgreSQL row ceiling: the same rows, in the same batches, inserted straight into the same table with one
 * {@code INSERT ... SELECT FROM unnest(...)} per batch over JDBC. Rounds alternate (API, ceiling, API, ...) so that
 * both see the same table growth and machine noise.
 *
 * Usage: bench/ingest.sh [rounds] [batchesPerRound] [concurrency]
 */
public class IngestBench {

    static final int BATCH = 1_000;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        BenchSupport bench = new BenchSupport(concurrency);
        try {
            String owner = bench.signUp();
            String apiClient = bench.createClient(owner, "API client");
            String ceilingClient = bench.createClient(owner, "Ceiling client");
            String token = bench.call(HttpMethod.POST, "/api/tokens", owner, new JsonObject().put("name", "bench")
                    .put("scopes", new JsonArray().add("metrics:write")).toBuffer()).await(30, TimeUnit.SECONDS)
                    .getString("token");
            String agency = bench.call(HttpMethod.GET, "/api/me", owner, null).await(30, TimeUnit.SECONDS)
                    .getJsonObject("agency").getString("id");

            // warm-up: JIT, connection pools, PostgreSQL caches
            api(bench, token, apiClient, 0, 50, concurrency);
            ceiling(bench, agency, ceilingClient, 0, 50, concurrency);

            double[] apiRates = new double[rounds];
            double[] ceilingRates = new double[rounds];
            int offset = 50;
            for (int round = 0; round < rounds; round++) {
                apiRates[round] = api(bench, token, apiClient, offset, batches, concurrency);
                ceilingRates[round] = ceiling(bench, agency, ceilingClient, offset, batches, concurrency);
                offset += batches;
                System.out.printf("round %d: API %.0f points/s, ceiling %.0f rows/s, ratio %.2f%n", round + 1,
                        apiRates[round], ceilingRates[round], apiRates[round] / ceilingRates[round]);
            }
            double api = BenchSupport.median(apiRates);
            double ceiling = BenchSupport.median(ceilingRates);
            System.out.println();
            System.out.printf("| batches of %d points, %d in flight, %d rounds × %d batches (median) | per second |%n",
                    BATCH, concurrency, rounds, batches);
            System.out.println("|---|---|");
            System.out.printf("| API: POST /api/clients/{id}/observations (API token) | %.0f points |%n", api);
            System.out.printf("| ceiling: INSERT ... SELECT FROM unnest into observations (JDBC) | %.0f rows |%n", ceiling);
            System.out.printf("| ratio API / ceiling | %.2f |%n", api / ceiling);
        } finally {
            bench.close();
        }
    }

    /** Batch {@code n}: 1,000 new page-view points, one page each, on a day of its own. */
    static List<String[]> rows(int n) {
        LocalDate day = LocalDate.of(2024, 1, 1).plusDays(n % 700);
        List<String[]> rows = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            rows.add(new String[] {"web.pageviews", day.toString(), "/page/" + (n / 700) + "/" + i, Integer.toString(i + n)});
        }
        return rows;
    }

    static Buffer json(int n) {
        JsonArray points = new JsonArray();
        for (String[] row : rows(n)) {
            points.add(new JsonObject().put("metric", row[0]).put("date", row[1]).put("dimension", row[2])
                    .put("value", Double.parseDouble(row[3])).put("source", "bench"));
        }
        return new JsonObject().put("points", points).toBuffer();
    }

    static double api(BenchSupport bench, String token, String client, int first, int count, int concurrency) throws Exception {
        List<Buffer> bodies = new ArrayList<>(count);
        for (int n = first; n < first + count; n++) {
            bodies.add(json(n));
        }
        String path = "/api/clients/" + client + "/observations";
        AtomicInteger next = new AtomicInteger();
        Promise<Void> done = Promise.promise();
        AtomicInteger running = new AtomicInteger(concurrency);
        long start = System.nanoTime();
        for (int worker = 0; worker < concurrency; worker++) {
            sendNext(bench, token, path, bodies, next, running, done);
        }
        done.future().await(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        return count * (double) BATCH / seconds;
    }

    private static void sendNext(BenchSupport bench, String token, String path, List<Buffer> bodies, AtomicInteger next,
                                 AtomicInteger running, Promise<Void> done) {
        int n = next.getAndIncrement();
        if (n >= bodies.size()) {
            if (running.decrementAndGet() == 0) {
                done.tryComplete();
            }
            return;
        }
        Future<JsonObject> sent = bench.call(HttpMethod.POST, path, token, bodies.get(n));
        sent.onSuccess(answer -> {
            if (answer.getInteger("inserted") != BATCH) {
                done.tryFail("expected " + BATCH + " new points, got " + answer);
                return;
            }
            sendNext(bench, token, path, bodies, next, running, done);
        }).onFailure(done::tryFail);
    }

    static double ceiling(BenchSupport bench, String agency, String client, int first, int count, int concurrency)
            throws Exception {
        String sql = """
                INSERT INTO observations (agency_id, client_id, metric, period_start, period_end, dimension, value, source)
                SELECT ?::uuid, ?::uuid, p.metric, p.day, p.day, p.dimension, p.value, 'bench'
                  FROM unnest(?::text[], ?::date[], ?::text[], ?::float8[]) AS p (metric, day, dimension, value)""";
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Connection connection = DriverManager.getConnection(bench.adminJdbcUrl(), "postgres", "");
            connection.setAutoCommit(true);
            connections.add(connection);
        }
        AtomicInteger next = new AtomicInteger(first);
        long start = System.nanoTime();
        List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
        for (Connection connection : connections) {
            workers.add(pool.submit(() -> {
                try (PreparedStatement insert = connection.prepareStatement(sql)) {
                    int n;
                    while ((n = next.getAndIncrement()) < first + count) {
                        List<String[]> rows = rows(n);
                        String[] metrics = new String[BATCH];
                        String[] days = new String[BATCH];
                        String[] dimensions = new String[BATCH];
                        Double[] values = new Double[BATCH];
                        for (int i = 0; i < BATCH; i++) {
                            metrics[i] = rows.get(i)[0];
                            days[i] = rows.get(i)[1];
                            dimensions[i] = rows.get(i)[2];
                            values[i] = Double.parseDouble(rows.get(i)[3]);
                        }
                        insert.setString(1, agency);
                        insert.setString(2, client);
                        insert.setArray(3, connection.createArrayOf("text", metrics));
                        insert.setArray(4, connection.createArrayOf("text", days));
                        insert.setArray(5, connection.createArrayOf("text", dimensions));
                        Array numbers = connection.createArrayOf("float8", values);
                        insert.setArray(6, numbers);
                        if (insert.executeUpdate() != BATCH) {
                            throw new IllegalStateException("short insert");
                        }
                    }
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        for (Connection connection : connections) {
            connection.close();
        }
        return count * (double) BATCH / seconds;
    }

}
