import com.zoomfactor.backend.config.DatabaseUrl;
import com.zoomfactor.backend.db.EmbeddedDatabase;
import com.zoomfactor.backend.db.Migrations;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What crash safety costs the database: the same inserts into {@code observations} on two embedded clusters side by
 * side, the product's (fsync and synchronous commits on, so an acknowledged commit survives a crash) and the tests'
 * scratch one (the library's defaults: no fsync, asynchronous commits). Rounds alternate between the two. Two
 * shapes: batches of 1,000 rows (the API's bulk ingest, one commit per batch) and one row per commit (the worst
 * case: every commit waits for its WAL flush).
 *
 * Usage: bench/durability.sh [rounds] [concurrency]
 */
public class DurabilityBench {

    static final String INSERT = """
            INSERT INTO observations (agency_id, client_id, metric, period_start, period_end, dimension, value, source)
            SELECT ?::uuid, ?::uuid, 'web.pageviews', DATE '2024-01-01', DATE '2024-01-01', p.dimension, p.value, 'bench'
              FROM unnest(?::text[], ?::float8[]) AS p (dimension, value)""";

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        try (EmbeddedDatabase durable = EmbeddedDatabase.start(Files.createTempDirectory("zf-durable-"), OptionalInt.empty());
             EmbeddedDatabase scratch = EmbeddedDatabase.startScratch(Files.createTempDirectory("zf-scratch-"), OptionalInt.empty())) {
            Migrations.migrate(durable.url());
            Migrations.migrate(scratch.url());
            String[] shapes = {"1,000 rows per commit", "1 row per commit"};
            int[][] sizes = {{1_000, 200}, {1, 4_000}}; // rows per commit, commits per round
            double[][][] rates = new double[2][2][rounds];
            insert(durable.url(), 1_000, 20, concurrency); // warm-up
            insert(scratch.url(), 1_000, 20, concurrency);
            for (int round = 0; round < rounds; round++) {
                for (int shape = 0; shape < 2; shape++) {
                    rates[shape][0][round] = insert(durable.url(), sizes[shape][0], sizes[shape][1], concurrency);
                    rates[shape][1][round] = insert(scratch.url(), sizes[shape][0], sizes[shape][1], concurrency);
                    System.out.printf("round %d, %s: durable %.0f rows/s, scratch %.0f rows/s%n", round + 1, shapes[shape],
                            rates[shape][0][round], rates[shape][1][round]);
                }
            }
            System.out.println();
            System.out.printf("| %d connections, %d rounds (median) | durable rows/s | scratch rows/s | ratio |%n", concurrency, rounds);
            System.out.println("|---|---|---|---|");
            for (int shape = 0; shape < 2; shape++) {
                double d = BenchSupport.median(rates[shape][0]);
                double s = BenchSupport.median(rates[shape][1]);
                System.out.printf("| %s | %.0f | %.0f | %.2f |%n", shapes[shape], d, s, d / s);
            }
        }
    }

    static double insert(DatabaseUrl url, int rowsPerCommit, int commits, int concurrency) throws Exception {
        String agency = UUID.randomUUID().toString();
        String client = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
                     PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    int n;
                    while ((n = next.getAndIncrement()) < commits) {
                        String[] dimensions = new String[rowsPerCommit];
                        Double[] values = new Double[rowsPerCommit];
                        for (int i = 0; i < rowsPerCommit; i++) {
                            dimensions[i] = "/page/" + n + "/" + i;
                            values[i] = (double) i;
                        }
                        insert.setString(1, agency);
                        insert.setString(2, client);
                        insert.setArray(3, connection.createArrayOf("text", dimensions));
                        insert.setArray(4, connection.createArrayOf("float8", values));
                        insert.executeUpdate();
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
        return commits * (double) rowsPerCommit / seconds;
    }
}
