import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
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
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Report latency and size for the largest period: clients with 25 metrics × 2 years of daily values and 20
 * annotations each (loaded straight into the tables), then GET report.pdf and report.csv over those two years for
 * random clients, one at a time, end to end over HTTP; GET /score beside them for scale.
 *
 * Usage: bench/report.sh [clients=20] [requests=40]
 */
public class ReportBench {

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        BenchSupport bench = new BenchSupport(1);
        try {
            String owner = bench.signUp();
            String agency = bench.call(HttpMethod.GET, "/api/me", owner, null).await(30, TimeUnit.SECONDS)
                    .getJsonObject("agency").getString("id");
            LocalDate to = LocalDate.now(ZoneOffset.UTC);
            LocalDate from = to.minusDays(729);
            long rows = load(bench, UUID.fromString(agency), clients, from, to);
            List<String> ids = bench.call(HttpMethod.GET, "/api/clients", owner, null).await(60, TimeUnit.SECONDS)
                    .getJsonArray("list").stream().map(c -> ((JsonObject) c).getString("id")).toList();
            String period = "?from=" + from + "&to=" + to;

            Random random = new Random(7);
            for (int i = 0; i < 10; i++) { // warm-up
                bench.getOk(owner, "/api/clients/" + ids.get(random.nextInt(ids.size())) + "/report.pdf" + period);
            }
            Buffer sample = bench.getOk(owner, "/api/clients/" + ids.get(0) + "/report.pdf" + period);
            int pages;
            try (PDDocument pdf = Loader.loadPDF(sample.getBytes())) {
                pages = pdf.getNumberOfPages();
            }
            System.out.printf("%n%,d observations for %d clients; a report of %s to %s has %d pages%n%n", rows,
                    clients, from, to, pages);
            System.out.printf("| %d requests per row, one at a time, random client | p50 ms | p95 ms | max ms |"
                    + " median size |%n", requests);
            System.out.println("|---|---|---|---|---|");
            row(bench, owner, ids, "GET report.pdf (2 years, 25 metrics)", "/report.pdf" + period, requests);
            row(bench, owner, ids, "GET report.csv (2 years, 25 metrics)", "/report.csv" + period, requests);
            row(bench, owner, ids, "GET score", "/score", requests);
        } finally {
            bench.close();
        }
    }

    static void row(BenchSupport bench, String owner, List<String> ids, String label, String suffix, int requests)
            throws Exception {
        Random random = new Random(11);
        double[] millis = new double[requests];
        double[] sizes = new double[requests];
        for (int i = 0; i < requests; i++) {
            String path = "/api/clients/" + ids.get(random.nextInt(ids.size())) + suffix;
            long start = System.nanoTime();
            sizes[i] = bench.getOk(owner, path).length();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("| %s | %.0f | %.0f | %.0f | %,.0f KB |%n", label, BenchSupport.percentile(millis, 50),
                BenchSupport.percentile(millis, 95), millis[millis.length - 1], BenchSupport.median(sizes) / 1024);
    }

    /** Clients with two years of every metric and 20 annotations each. */
    static long load(BenchSupport bench, UUID agency, int clients, LocalDate from, LocalDate to) throws Exception {
        long rows = bench.loadDailySeries(agency, clients, from, to);
        try (Connection sql = DriverManager.getConnection(bench.adminJdbcUrl(), "postgres", "");
             Statement statement = sql.createStatement()) {
            statement.execute("""
                    INSERT INTO annotations (agency_id, client_id, day, text)
                    SELECT c.agency_id, c.id, date '%s' + n * 36, 'Campaign ' || n || ': launched on every channel'
                      FROM clients c CROSS JOIN generate_series(0, 19) AS n WHERE c.agency_id = '%s'
                    """.formatted(from, agency));
        }
        return rows;
    }
}
