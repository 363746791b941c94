import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.LoggerFactory;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Big imports, end to end through the real server (in this JVM): a file generated on disk, streamed as the body of
 * {@code POST /api/clients/{id}/imports} (Content-Length set, read from disk by the client, never held in memory),
 * then {@code GET /api/clients/{id}/imports} polled every 100 ms until the job is done. Two realistic shapes:
 * <ul>
 *   <li>{@code ga4}: a Google Analytics 4 "Pages and screens" report with a Date dimension ({@code # ----} preamble,
 *       {@code # Start date}/{@code # End date}, then {@code Page path and screen class,Date,Views,Active users,...}):
 *       one row per page and day, of which the importer keeps the views (one point per row);</li>
 *   <li>{@code long}: the product's long CSV ({@code date,metric,value,dimension}), one page-view point per row.</li>
 * </ul>
 * Each import goes to a client of its own. Measured: rows/s and points/s from the first byte sent until the poll sees
 * the job done (end to end); the upload alone (first byte sent until the job's {@code createdAt}: the body is on the
 * server's disk); the job itself ({@code startedAt} to {@code finishedAt}); the time from the first byte sent to the
 * first progress the API reports (rows or bytes read above 0; the job saves its progress about once a second); and the
 * server's heap: the highest heap in use seen by a 10 ms sampler (garbage included) and the highest heap in use right
 * after a garbage collection (the live set: what "bounded" is about), both over the import, after a full GC before
 * it. The server runs in this JVM: the heap also holds this client, which keeps nothing but the job's JSON. After
 * each import the score recomputer backfills the client's history (a year of days); the next import waits for it
 * (its "Backfilled" log line), so that imports do not overlap with backfills; its time and its live heap (the
 * highest heap in use after a GC during it) are shown too.
 *
 * <p>Usage: bench/run.sh ImportBench [sizesMB=10,100] [shapes=ga4,long] [runs=1]
 * (BENCH_XMX=256m bench/run.sh ... for a smaller heap.)
 */
public class ImportBench {

    static final LocalDate FIRST_DAY = LocalDate.of(2023, 1, 1);
    /** Days of the generated range: a year, so that the score backfill after each import stays short. */
    static final int DAYS = 365;

    public static void main(String[] args) throws Exception {
        listen();
        String[] sizes = (args.length > 0 ? args[0] : "10,100").split(",");
        String[] shapes = (args.length > 1 ? args[1] : "ga4,long").split(",");
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path directory = Files.createTempDirectory("zf-import-bench-");
        HeapWatch heap = new HeapWatch();
        BenchSupport bench = new BenchSupport(4);
        try {
            String owner = bench.signUp();
            System.out.printf("max heap %d MB, %d cores%n", Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors());
            // warm-up: JIT and pools, a small file of each shape, not reported
            for (String shape : shapes) {
                Path warm = generate(directory, shape, 2);
                measure(bench, heap, owner, shape, warm, false);
                Files.delete(warm);
            }
            System.out.println();
            System.out.println("| shape | file | rows | points | upload s | first progress s | job s | end to end s | rows/s"
                    + " | points/s | peak heap MB | peak live heap MB | then backfill s | backfill live heap MB |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            for (String size : sizes) {
                for (String shape : shapes) {
                    Path file = generate(directory, shape, Integer.parseInt(size.strip()));
                    for (int run = 0; run < runs; run++) {
                        measure(bench, heap, owner, shape, file, true);
                    }
                    Files.delete(file);
                }
            }
        } finally {
            heap.stop();
            bench.close();
        }
    }

    // ---------------------------------------------------------------- files

    /** Writes about {@code megabytes} MB of the shape, streamed to disk. */
    static Path generate(Path directory, String shape, int megabytes) throws Exception {
        Path file = directory.resolve(shape + "-" + megabytes + "mb.csv");
        long target = megabytes * 1024L * 1024L;
        DateTimeFormatter basic = DateTimeFormatter.BASIC_ISO_DATE;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long written = 0;
            if (shape.equals("ga4")) {
                String preamble = """
                        # ----------------------------------------
                        # Pages and screens: Page path and screen class
                        # Account: Acme
                        # Property: acme.example
                        # ----------------------------------------
                        #
                        # All Users
                        # Start date: %s
                        # End date: %s
                        Page path and screen class,Date,Views,Active users,Views per active user,Average engagement time,Event count,Key events
                        """.formatted(FIRST_DAY.format(basic), FIRST_DAY.plusDays(DAYS - 1).format(basic));
                out.write(preamble);
                written += preamble.length();
            } else {
                out.write("date,metric,value,dimension\n");
                written += 28;
            }
            String[] days = new String[DAYS];
            for (int d = 0; d < DAYS; d++) {
                days[d] = shape.equals("ga4") ? FIRST_DAY.plusDays(d).format(basic) : FIRST_DAY.plusDays(d).toString();
            }
            StringBuilder line = new StringBuilder(160);
            for (long n = 0; written < target; n++) {
                // page-major, as GA4 sorts a page × date report by views: each (page, day) once
                long page = n / DAYS;
                int day = (int) (n % DAYS);
                long views = 1 + (n * 7919) % 5000;
                line.setLength(0);
                if (shape.equals("ga4")) {
                    long users = 1 + views / 3;
                    line.append("/blog/").append(page % 97).append("/article-").append(page).append(',')
                            .append(days[day]).append(',').append(views).append(',').append(users).append(',')
                            .append(String.format(Locale.ROOT, "%.2f", views / (double) users)).append(',')
                            .append(String.format(Locale.ROOT, "%.1f", 30 + (n % 900) / 10.0)).append(',')
                            .append(views * 3).append(',').append(n % 5).append('\n');
                } else {
                    line.append(days[day]).append(",web.pageviews,").append(views).append(",/blog/")
                            .append(page % 97).append("/article-").append(page).append('\n');
                }
                out.append(line);
                written += line.length();
            }
        }
        return file;
    }

    // ---------------------------------------------------------------- one import

    static void measure(BenchSupport bench, HeapWatch heap, String owner, String shape, Path file, boolean print)
            throws Exception {
        String client = bench.createClient(owner, "Import " + shape + " " + file.getFileName());
        String list = "/api/clients/" + client + "/imports";
        long size = Files.size(file);
        System.gc();
        heap.reset();
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        AtomicLong answered = new AtomicLong();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI(list)
                .putHeader("Authorization", "Bearer " + owner).putHeader("Content-Type", "text/csv")
                .putHeader("X-File-Name", file.getFileName().toString())
                .putHeader("Content-Length", Long.toString(size));
        // the upload on a connection of its own: the polls below never queue behind (or share) the streaming POST
        var uploader = bench.vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setDefaultHost("localhost")
                .setDefaultPort(bench.port));
        var posted = bench.vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true))
                .compose(body -> uploader.request(options).compose(request -> request.send(body)
                        .compose(response -> response.body().map(answer -> {
                    answered.set(System.nanoTime());
                    if (response.statusCode() != 201 && response.statusCode() != 202) {
                        throw new IllegalStateException("POST answered " + response.statusCode() + ": " + answer);
                    }
                    return answer;
                }))));
        long firstProgress = 0;
        JsonObject job;
        while (true) {
            Thread.sleep(100);
            if (posted.failed()) {
                throw new IllegalStateException(posted.cause());
            }
            JsonArray jobs = new JsonArray(bench.getOk(owner, list));
            job = jobs.isEmpty() ? null : jobs.getJsonObject(0);
            if (job == null) {
                continue;
            }
            if (firstProgress == 0 && (job.getLong("rows", 0L) > 0 || job.getLong("bytesRead", 0L) > 0)) {
                firstProgress = System.nanoTime();
            }
            String state = job.getString("state");
            if (state.equals("failed")) {
                throw new IllegalStateException("import failed: " + job.encode());
            }
            if (state.equals("done")) {
                break;
            }
        }
        long end = System.nanoTime();
        posted.await(60, TimeUnit.SECONDS);
        long importPeak = heap.peak();
        long importLive = heap.peakAfterGc();
        heap.reset();
        // the score history is backfilled after the import commits: wait for it, so that the next import runs alone
        long backfill = System.nanoTime();
        String line;
        do {
            line = BACKFILLS.poll(180, TimeUnit.SECONDS);
        } while (line != null && !line.contains(client));
        double backfillSeconds = line == null ? Double.NaN : (System.nanoTime() - backfill) / 1e9;
        heap.stop();
        double seconds = (end - start) / 1e9;
        long rows = job.getLong("rows");
        long points = job.getLong("points");
        if (print) {
            double upload = (Instant.parse(job.getString("createdAt")).toEpochMilli() - startMillis) / 1e3;
            double reading = Duration.between(Instant.parse(job.getString("startedAt")),
                    Instant.parse(job.getString("finishedAt"))).toMillis() / 1e3;
            System.out.printf(Locale.ROOT, "| %s | %.0f MB | %,d | %,d | %.1f | %.1f | %.1f | %.1f | **%,.0f** | %,.0f | %d | %d |"
                            + " %.1f | %d |%n",
                    shape, size / 1048576.0, rows, points, upload,
                    firstProgress == 0 ? Double.NaN : (firstProgress - start) / 1e9, reading, seconds, rows / seconds,
                    points / seconds, importPeak >> 20, importLive >> 20, backfillSeconds, heap.peakAfterGc() >> 20);
        }
        if (job.getLong("inserted") != points) {
            throw new IllegalStateException("expected " + points + " new points: " + job.encode());
        }
    }

    static final LinkedBlockingQueue<String> BACKFILLS = new LinkedBlockingQueue<>();

    /** The score recomputer's "Backfilled ..." lines (it names the client). */
    static void listen() {
        Logger recomputer = (Logger) LoggerFactory.getLogger("com.zoomfactor.backend.scores.ScoreRecomputer");
        recomputer.setLevel(Level.INFO);
        recomputer.setAdditive(false);
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getFormattedMessage().startsWith("Backfilled")) {
                    BACKFILLS.add(event.getFormattedMessage());
                }
            }
        };
        appender.setContext(recomputer.getLoggerContext());
        appender.start();
        recomputer.addAppender(appender);
    }

    // ---------------------------------------------------------------- heap

    /** The heap in use: sampled every 10 ms, and right after every garbage collection. */
    static final class HeapWatch {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong peakAfterGc = new AtomicLong();
        private volatile boolean on;
        private final Thread sampler;

        HeapWatch() {
            java.util.Set<String> heapPools = new java.util.HashSet<>();
            ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                    .forEach(pool -> heapPools.add(pool.getName()));
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    if (!on || !notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                            .from((CompositeData) notification.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(pool -> heapPools.contains(pool.getKey()))
                            .mapToLong(pool -> pool.getValue().getUsed()).sum();
                    peakAfterGc.accumulateAndGet(used, Math::max);
                }, null, null);
            }
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    if (on) {
                        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        void reset() {
            long now = memory.getHeapMemoryUsage().getUsed();
            peak.set(now);
            peakAfterGc.set(now);
            on = true;
        }

        void stop() {
            on = false;
        }

        long peak() {
            return peak.get();
        }

        long peakAfterGc() {
            return peakAfterGc.get();
        }
    }
}
