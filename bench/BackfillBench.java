import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Backfilling a client's score history: one client with 25 metrics of daily values over N years plus the engine's
 * 180-day window before them (loaded straight into the tables), then one observation written through the API on the
 * first of those days: its event carries that day, so the score recomputer records today's score and backfills every
 * day from it to yesterday, in one transaction. Timed: the recomputer's own figure for the backfill (its log line:
 * range read, engine over each day on a worker, batched writes), and end to end from the POST to the history holding
 * every backfilled day (including the 300 ms debounce). Then a correction on the same first day: every day recomputed,
 * most of them replaced.
 *
 * Usage: bench/run.sh BackfillBench [runs per size=3] [years=1,2]
 */
public class BackfillBench {

    static final Pattern BACKFILLED = Pattern.compile("Backfilled .*: (\\d+) day\\(s\\) scored, (\\d+) recorded.* in (\\d+) ms$");
    static final LinkedBlockingQueue<String> LINES = new LinkedBlockingQueue<>();

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int[] years = Arrays.stream((args.length > 1 ? args[1] : "1,2").split(",")).mapToInt(Integer::parseInt).toArray();
        listen();
        BenchSupport bench = new BenchSupport(1);
        try {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            System.out.printf("%-6s %-6s %-10s %-12s %-12s %-12s%n", "years", "days", "kind", "server ms", "end-to-end ms",
                    "recorded");
            // warm-up: one small backfill, not reported
            measure(bench, today, 90, 1, "warm-up", false);
            for (int y : years) {
                int days = y * 365;
                for (int run = 0; run < runs; run++) {
                    measure(bench, today, days, y, "run " + (run + 1), true);
                }
            }
        } finally {
            bench.close();
        }
    }

    /** A fresh agency with one client each time (loadDailySeries fills every client of the agency). */
    static void measure(BenchSupport bench, LocalDate today, int days, int years, String label, boolean print)
            throws Exception {
        String owner = bench.signUp();
        String agency = bench.call(HttpMethod.GET, "/api/me", owner, null).await(30, TimeUnit.SECONDS)
                .getJsonObject("agency").getString("id");
        LocalDate first = today.minusDays(days);
        bench.loadDailySeries(UUID.fromString(agency), 1, first.minusDays(179), today.minusDays(1));
        String client = ids(bench, owner).get(0);
        for (String kind : List.of("first", "correction")) {
            LINES.clear();
            long start = System.nanoTime();
            JsonArray points = new JsonArray().add(new JsonObject().put("metric", "web.unique_visitors")
                    .put("date", first.toString()).put("value", kind.equals("first") ? 123_456 : 654_321));
            bench.call(HttpMethod.POST, "/api/clients/" + client + "/observations", owner,
                    new JsonObject().put("points", points).toBuffer()).await(30, TimeUnit.SECONDS);
            String line = LINES.poll(120, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("no backfill within 120 s");
            }
            Matcher m = BACKFILLED.matcher(line);
            if (!m.find()) {
                throw new IllegalStateException("not a backfill line: " + line);
            }
            // the log line comes just before the commit: wait for the history to show the days
            int backfilled = history(bench, owner, client, first, today);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (backfilled < Integer.parseInt(m.group(2)) && System.nanoTime() < deadline) {
                Thread.sleep(5);
                backfilled = history(bench, owner, client, first, today);
            }
            double endToEnd = (System.nanoTime() - start) / 1e6;
            if (print) {
                System.out.printf("%-6d %-6s %-10s %-12s %-12.0f %-12s%n", years, m.group(1), kind, m.group(3), endToEnd,
                        m.group(2) + " (history " + backfilled + ")");
            }
        }
    }

    static List<String> ids(BenchSupport bench, String owner) throws Exception {
        return bench.call(HttpMethod.GET, "/api/clients", owner, null).await(60, TimeUnit.SECONDS)
                .getJsonArray("list").stream().map(c -> ((JsonObject) c).getString("id")).toList();
    }

    /** The backfilled points of the history from..to (three years at most per request). */
    static int history(BenchSupport bench, String owner, String client, LocalDate from, LocalDate to) throws Exception {
        int count = 0;
        for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(3 * 366)) {
            LocalDate end = start.plusDays(3 * 366 - 1).isAfter(to) ? to : start.plusDays(3 * 366 - 1);
            JsonArray points = bench.call(HttpMethod.GET, "/api/clients/" + client + "/score/history?from=" + start
                    + "&to=" + end, owner, null).await(60, TimeUnit.SECONDS).getJsonArray("points");
            for (int i = 0; i < points.size(); i++) {
                if (points.getJsonObject(i).getBoolean("backfilled")) {
                    count++;
                }
            }
        }
        return count;
    }

    static void listen() {
        Logger recomputer = (Logger) LoggerFactory.getLogger("com.zoomfactor.backend.scores.ScoreRecomputer");
        recomputer.setLevel(Level.INFO);
        recomputer.setAdditive(false);
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getFormattedMessage().startsWith("Backfilled")) {
                    LINES.add(event.getFormattedMessage());
                }
            }
        };
        appender.setContext(recomputer.getLoggerContext());
        appender.start();
        recomputer.addAppender(appender);
    }
}
