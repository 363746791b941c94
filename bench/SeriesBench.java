import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
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
            long rows = bench.loadDailySeries(UUID.fromString(agency), clients, LocalDate.parse("2024-11-27"),
                    LocalDate.parse("2026-11-26"));
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
        String metric = BenchSupport.METRICS.get(random.nextInt(BenchSupport.METRICS.size()));
        JsonObject series = bench.call(HttpMethod.GET, "/api/clients/" + client + "/observations?metric=" + metric + range,
                token, null).await(30, TimeUnit.SECONDS);
        if (series.getJsonArray("points").size() < 700) {
            throw new IllegalStateException("expected two years of points for " + metric);
        }
    }

}
