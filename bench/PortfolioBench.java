import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The portfolio table in Chromium (bench/portfolio.sh): an agency of {@code clients} clients, each with daily data of
 * every benchmark metric (so every row has a score, a change and a sparkline), then, repeated:
 * <ul>
 * <li>draw: a fresh navigation to /clients until the first rows are in the DOM and a frame has been painted
 * (performance.now() from the navigation's start: loading the app, the API answer, the first render);</li>
 * <li>sort: a click on the Zoom Factor header (alternately descending and ascending) until the first row is another
 * client and a frame has been painted;</li>
 * <li>filter: a search typed into the name filter (alternately "Client 1" and nothing) until the rows changed and a
 * frame has been painted.</li>
 * </ul>
 * The draw is also broken down into its stages (see {@link #BREAKDOWN}); ZF_BENCH_PROFILE=file records one more draw
 * with Chromium's sampling profiler.
 * Usage: PortfolioBench [clients=1000] [repeats=20] [days=14] [settleMs=0: the pause before each draw]
 */
public class PortfolioBench {

    /**
     * Set before the app loads: the long animation frames, the moment the app first rendered into #root, the moment
     * the first row is in the DOM, and after the next frame is painted.
     */
    static final String FIRST_ROWS = """
            window.__frames = [];
            new PerformanceObserver((list) => { window.__frames.push(...list.getEntries()); })
                .observe({ type: 'long-animation-frame', buffered: true });
            new MutationObserver((_, observer) => {
              if (window.__renderedAt === undefined && document.getElementById('root')?.firstChild) {
                window.__renderedAt = performance.now();
              }
              if (document.querySelector('table.portfolio-table tbody th[scope=row]')) {
                observer.disconnect();
                window.__rowsAt = performance.now();
                requestAnimationFrame(() => setTimeout(() => { window.__paintedAt = performance.now(); }, 0));
              }
            }).observe(document, { childList: true, subtree: true });
            """;

    /** The stages of a draw before the rows, in the order of {@link #BREAKDOWN}'s answer. */
    static final String[] STAGES = {"script run (DOMContentLoaded)", "app's first render", "`POST /api/auth/refresh` sent",
        "session restored (refresh answered)", "`GET /api/clients` sent", "`GET /api/clients` answered"};

    /**
     * Where a draw's time went, from the navigation's start (-1 for a stage that did not happen): the module script has
     * run when DOMContentLoaded fires; the app's first render is the first child of #root (see FIRST_ROWS); the
     * requests' times are their Resource Timing entries (fetchStart: sent by the page, responseEnd: answer read).
     */
    static final String BREAKDOWN = """
            (() => {
              const request = (path, field) => performance.getEntriesByType('resource')
                  .filter((e) => new URL(e.name).pathname === path).map((e) => e[field]).pop() ?? -1;
              return [performance.getEntriesByType('navigation')[0].domContentLoadedEventStart,
                  window.__renderedAt ?? -1,
                  request('/api/auth/refresh', 'fetchStart'), request('/api/auth/refresh', 'responseEnd'),
                  request('/api/clients', 'fetchStart'), request('/api/clients', 'responseEnd')];
            })()
            """;

    /** The last draw's scripts, styles and API calls: their size on the wire and decoded, and how long each took. */
    static final String RESOURCES = """
            performance.getEntriesByType('resource')
                .filter((e) => /\\/(assets|api)\\//.test(new URL(e.name).pathname))
                .map((e) => `${new URL(e.name).pathname} ${e.encodedBodySize}/${e.decodedBodySize} `
                    + `${Math.round(e.responseEnd - e.fetchStart)} ms`).join('; ')
            """;

    /** The last draw's long animation frames (over 50 ms) up to the rows' paint: where the main thread's time went. */
    static final String FRAMES = """
            window.__frames.filter((f) => f.startTime <= window.__paintedAt).map((f) => {
              const layout = f.styleAndLayoutStart > 0 ? Math.round(f.startTime + f.duration - f.styleAndLayoutStart) : 0;
              const scripts = [...f.scripts].sort((a, b) => b.duration - a.duration).slice(0, 3)
                  .map((s) => `${s.invoker || s.invokerType} ${Math.round(s.duration)}`).join(', ');
              return `${Math.round(f.startTime)} +${Math.round(f.duration)}: layout ${layout} [${scripts}]`;
            }).join('; ')
            """;

    /** Runs `change` (a click or a typed search), then waits for the rows to differ and a frame to be painted. */
    static final String TIMED_CHANGE = """
            async ([kind, search]) => {
              const signature = () => Array.from(document.querySelectorAll('table.portfolio-table tbody th[scope=row]'),
                  (th) => th.textContent).join('|');
              const before = signature();
              const start = performance.now();
              if (kind === 'sort') {
                document.querySelector('th.col-score button').click();
              } else {
                const input = document.querySelector('input[type=search]');
                const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
                setValue.call(input, search);
                input.dispatchEvent(new Event('input', { bubbles: true }));
              }
              while (signature() === before) {
                await new Promise((resolve) => setTimeout(resolve, 0));
                if (performance.now() - start > 10000) throw new Error('the rows never changed');
              }
              const changed = performance.now();
              await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
              return [changed - start, performance.now() - start];
            }
            """;

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 14;
        int settleMs = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        BenchSupport bench = new BenchSupport(4);
        try {
            String owner = bench.signUp();
            JsonObject me = bench.call(HttpMethod.GET, "/api/me", owner, null).await(30, TimeUnit.SECONDS);
            String agency = me.getJsonObject("agency").getString("id");
            String email = me.getJsonObject("user").getString("email");
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            long loadStart = System.nanoTime();
            long rows = bench.loadDailySeries(UUID.fromString(agency), clients, today.minusDays(days - 1L), today);
            int scored = awaitScores(bench, owner, clients);
            System.out.printf("%,d clients, %,d observations (%d metrics × %d days), %d scored, in %.0f s%n", clients,
                    rows, BenchSupport.METRICS.size(), days, scored, (System.nanoTime() - loadStart) / 1e9);

            try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                 Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                         .setExecutablePath(chromium()).setHeadless(true)
                         .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                 "--disable-component-update", "--disable-sync", "--no-first-run")))) {
                Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900)).newPage();
                page.addInitScript(FIRST_ROWS);
                String base = "http://localhost:" + bench.port;
                page.navigate(base + "/login");
                page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(email);
                page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("a long bench password");
                page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Log in").setExact(true)).click();
                page.waitForURL(base + "/clients");

                double[] draw = new double[repeats];
                double[] domOnly = new double[repeats];
                double[][] stages = new double[STAGES.length][repeats];
                for (int i = -2; i < repeats; i++) { // two warm-up rounds
                    // the page drawn before subscribed to every client's live stream (a transaction each on the
                    // server): with a settle time, the next draw does not queue behind those
                    Thread.sleep(settleMs);
                    page.navigate(base + "/clients");
                    // polled from here: waitForFunction evaluates a string, which the app's CSP (rightly) refuses
                    while (page.evaluate("window.__paintedAt") == null) {
                        Thread.sleep(20);
                    }
                    if (i >= 0) {
                        draw[i] = ((Number) page.evaluate("window.__paintedAt")).doubleValue();
                        domOnly[i] = ((Number) page.evaluate("window.__rowsAt")).doubleValue();
                        List<?> times = (List<?>) page.evaluate(BREAKDOWN);
                        for (int s = 0; s < STAGES.length; s++) {
                            stages[s][i] = ((Number) times.get(s)).doubleValue();
                        }
                    }
                }
                String profile = System.getenv("ZF_BENCH_PROFILE");
                if (profile != null && !profile.isBlank()) {
                    profileDraw(page, base, Path.of(profile));
                }
                String rowCount = (String) page.evaluate(
                        "document.querySelector('table.portfolio-table').getAttribute('aria-rowcount')");
                int drawn = ((Number) page.evaluate(
                        "document.querySelectorAll('table.portfolio-table tbody th[scope=row]').length")).intValue();

                System.out.println("last draw's long frames (start +duration ms: script, style and layout; the longest scripts): "
                        + page.evaluate(FRAMES));
                System.out.println("last draw's resources (encoded / decoded bytes, ms from fetchStart to responseEnd): "
                        + page.evaluate(RESOURCES));

                double[][] sort = timed(page, "sort", repeats, i -> "");
                double[][] filter = timed(page, "filter", repeats, i -> i % 2 == 0 ? "Client 1" : "");

                System.out.printf("%ntable: aria-rowcount %s, %d rows in the DOM; %d measurements each after 2 warm-ups"
                        + " (%d ms pause before each draw)%n%n", rowCount, drawn, repeats, settleMs);
                System.out.println("| Portfolio in Chromium | p50 ms | p95 ms | max ms | target |");
                System.out.println("|---|---|---|---|---|");
                for (int s = 0; s < STAGES.length; s++) {
                    row("draw: navigation → " + STAGES[s], stages[s], "");
                }
                row("draw: navigation → first rows in the DOM", domOnly, "");
                row("draw: navigation → first rows painted", draw, "≤ 500");
                row("sort (Zoom Factor header): click → new order in the DOM", sort[0], "");
                row("sort: click → new order painted", sort[1], "≤ 100");
                row("filter (name search): input → rows in the DOM", filter[0], "");
                row("filter: input → rows painted", filter[1], "≤ 100");
            }
        } finally {
            bench.close();
        }
    }

    /**
     * One more draw under Chromium's sampling profiler, saved as a .cpuprofile (DevTools' Performance panel, or any
     * reader of that format, shows where the main thread spent the draw).
     */
    static void profileDraw(Page page, String base, Path file) throws Exception {
        CDPSession cdp = page.context().newCDPSession(page);
        cdp.send("Profiler.enable");
        com.google.gson.JsonObject interval = new com.google.gson.JsonObject();
        interval.addProperty("interval", 200);
        cdp.send("Profiler.setSamplingInterval", interval);
        cdp.send("Profiler.start");
        page.navigate(base + "/clients");
        while (page.evaluate("window.__paintedAt") == null) {
            Thread.sleep(20);
        }
        com.google.gson.JsonObject stopped = cdp.send("Profiler.stop");
        Files.writeString(file, stopped.get("profile").toString());
        System.out.println("profile of one draw written to " + file);
    }

    /** Waits until every client has a score (the server scores clients with data as the list is read). */
    static int awaitScores(BenchSupport bench, String owner, int clients) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
        while (true) {
            JsonArray list = bench.call(HttpMethod.GET, "/api/clients", owner, null).await(120, TimeUnit.SECONDS)
                    .getJsonArray("list");
            int scored = (int) list.stream().filter(c -> ((JsonObject) c).getValue("score") != null).count();
            if (scored >= clients || System.nanoTime() > deadline) {
                return scored;
            }
            Thread.sleep(2000);
        }
    }

    static double[][] timed(Page page, String kind, int repeats, java.util.function.IntFunction<String> search) {
        double[][] times = new double[2][repeats];
        for (int i = -2; i < repeats; i++) {
            List<?> result = (List<?>) page.evaluate(TIMED_CHANGE, List.of(kind, search.apply(i + 2)));
            if (i >= 0) {
                times[0][i] = ((Number) result.get(0)).doubleValue();
                times[1][i] = ((Number) result.get(1)).doubleValue();
            }
        }
        return times;
    }

    static void row(String label, double[] values, String target) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        System.out.printf("| %s | %.0f | %.0f | %.0f | %s |%n", label, BenchSupport.percentile(sorted, 50),
                BenchSupport.percentile(sorted, 95), sorted[sorted.length - 1], target);
    }

    static Path chromium() {
        String configured = System.getenv("ZF_CHROMIUM");
        Path path = Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("no Chromium at " + path + " (set ZF_CHROMIUM)");
        }
        return path;
    }
}
