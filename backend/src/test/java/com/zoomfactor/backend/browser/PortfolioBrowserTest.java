package com.zoomfactor.backend.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static com.zoomfactor.backend.testing.Chromium.button;
import static com.zoomfactor.backend.testing.Chromium.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Chromium;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.TestPaths;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In a real Chromium against the real server: a portfolio of 1,000 clients, seeded through the API, drawn as a
 * virtualised table; sorted by a header, filtered by name, both kept across a reload (the view is in the URL); and a
 * row changing in place when new data rescores its client.
 */
class PortfolioBrowserTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final int CLIENTS = 1_000;
    /** The first clients get data (and so a score and a history); the rest stay "not scored yet". */
    private static final int SCORED = 40;
    private static final int DAYS = 10;
    private static final int IN_FLIGHT = 16;

    @BeforeAll
    static void needsChromium() {
        Chromium.executable();
    }

    private static String name(int i) {
        return String.format("Client %04d", i);
    }

    /** Calls the API with up to {@link #IN_FLIGHT} requests at a time; fails on any answer but 2xx. */
    private static final class Seeder {
        private final HttpClient http = HttpClient.newHttpClient();
        private final Semaphore slots = new Semaphore(IN_FLIGHT);
        private final String token;

        Seeder(String token) {
            this.token = token;
        }

        CompletableFuture<JsonObject> post(String path, JsonObject body) {
            slots.acquireUninterruptibly();
            HttpRequest request = HttpRequest.newBuilder(URI.create(live.server().baseUrl() + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> slots.release())
                    .thenApply(response -> {
                        if (response.statusCode() / 100 != 2) {
                            throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                                    + response.body());
                        }
                        return response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body());
                    });
        }
    }

    /** A metric's daily values over the last {@link #DAYS} days, from {@code first} up (or down) to {@code last}. */
    private static JsonObject series(String metric, double first, double last) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonArray points = new JsonArray();
        for (int day = 0; day < DAYS; day++) {
            double value = last - (last - first) * day / (DAYS - 1.0);
            points.add(new JsonObject().put("metric", metric).put("date", today.minusDays(day).toString())
                    .put("value", value));
        }
        return new JsonObject().put("points", points);
    }

    private static List<JsonObject> portfolio(Session owner) {
        return live.http().call(io.vertx.core.http.HttpMethod.GET, "/api/clients", owner.accessToken(), null)
                .bodyAsJsonArray().stream().map(JsonObject.class::cast).toList();
    }

    private static void shot(Page page, String name) {
        Path file = TestPaths.workDir().resolve("screenshots").resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file));
    }

    /** The names of the rows drawn, in order. */
    private static List<String> shownNames(Page page) {
        return page.locator("table.portfolio-table tbody th[scope=row] a").allTextContents();
    }

    @Test
    void aThousandClientsSortFilterSurviveAReloadAndUpdateLive() throws Exception {
        Session owner = live.accounts().signUp("Big Agency");
        Seeder seeder = new Seeder(owner.accessToken());
        List<CompletableFuture<JsonObject>> created = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            created.add(seeder.post("/api/clients", new JsonObject().put("name", name(i))
                    .put("channels", new JsonArray().add(i % 2 == 0 ? "website" : "twitter"))));
        }
        CompletableFuture.allOf(created.toArray(CompletableFuture[]::new)).join();
        List<String> ids = created.stream().map(f -> f.join().getString("id")).toList();
        List<CompletableFuture<JsonObject>> fed = new ArrayList<>();
        for (int i = 0; i < SCORED; i++) {
            fed.add(seeder.post("/api/clients/" + ids.get(i) + "/observations", series("web.unique_visitors", 200, 200 + 97.0 * ((i * 7) % SCORED))));
        }
        CompletableFuture.allOf(fed.toArray(CompletableFuture[]::new)).join();
        long deadline = System.currentTimeMillis() + 90_000;
        List<JsonObject> scored = List.of();
        while (scored.size() < SCORED) {
            assertThat(System.currentTimeMillis()).as("only %d of %d clients scored", scored.size(), SCORED)
                    .isLessThan(deadline);
            Thread.sleep(250);
            scored = portfolio(owner).stream().filter(c -> c.getValue("score") != null).toList();
        }
        String best = scored.stream().max(Comparator.comparingDouble((JsonObject c) -> c.getJsonObject("score")
                .getDouble("value")).thenComparing(c -> c.getString("name"), Comparator.reverseOrder()))
                .orElseThrow().getString("name");

        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900)).newPage();
            List<String> problems = new ArrayList<>();
            page.onPageError(problems::add);
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    problems.add(message.text());
                }
            });
            page.navigate(live.server().baseUrl() + "/login");
            field(page, "Email").fill(owner.email());
            field(page, "Password").fill(Accounts.PASSWORD);
            button(page, "Log in").click();
            page.waitForURL(Pattern.compile(".*/clients$"));

            Locator table = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Clients"));
            assertThat(table).hasAttribute("aria-rowcount", String.valueOf(CLIENTS + 1));
            assertThat(page.getByText(CLIENTS + " clients", new Page.GetByTextOptions().setExact(true))).isVisible();
            assertThat(table.locator("tbody th[scope=row]").first()).hasText(name(0));
            int drawn = table.locator("tbody th[scope=row]").count();
            assertThat(drawn).as("virtualised: only the rows in view, and a few more").isBetween(10, 80);

            // sort by the score: the best first, and the header says so
            Locator scoreHeader = page.getByRole(AriaRole.COLUMNHEADER, new Page.GetByRoleOptions()
                    .setName(Pattern.compile("^Zoom Factor")));
            scoreHeader.getByRole(AriaRole.BUTTON).click();
            assertThat(scoreHeader).hasAttribute("aria-sort", "descending");
            assertThat(table.locator("tbody th[scope=row]").first()).hasText(best);
            page.waitForURL(Pattern.compile(".*sort=score.*"));

            // filter by name: ten clients (0010 to 0019, all scored), still sorted by score
            field(page, "Search by name").fill("Client 001");
            assertThat(page.getByText("Showing 10 of " + CLIENTS + " clients")).isVisible();
            assertThat(table.locator("tbody th[scope=row]")).hasCount(10);
            List<String> filtered = shownNames(page);
            shot(page, "portfolio-table-desktop");

            // a reload (or the link sent to a colleague) shows the same view
            page.reload();
            assertThat(table.locator("tbody th[scope=row]")).hasCount(10);
            assertThat(field(page, "Search by name")).hasValue("Client 001");
            assertThat(scoreHeader).hasAttribute("aria-sort", "descending");
            assertThat(shownNames(page)).isEqualTo(filtered);

            // data of another metric rescores a client: its row (coverage, score) changes in place, without a reload
            String last = filtered.get(filtered.size() - 1);
            Locator lastRow = table.locator("tbody tr").filter(new Locator.FilterOptions().setHas(
                    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(last).setExact(true))));
            Locator lastCoverage = lastRow.locator("td.col-coverage");
            String before = lastCoverage.textContent();
            page.evaluate("window.__sameDocument = true");
            int index = Integer.parseInt(last.substring("Client ".length()));
            seeder.post("/api/clients/" + ids.get(index) + "/observations", series("web.bounce_rate", 0.4, 0.3)).join();
            assertThat(lastCoverage).not().hasText(before, new com.microsoft.playwright.assertions.LocatorAssertions
                    .HasTextOptions().setTimeout(15_000));
            assertThat(page.evaluate("window.__sameDocument === true")).isEqualTo(true);

            page.setViewportSize(390, 844);
            shot(page, "portfolio-table-phone");
            assertThat(problems).as("page errors and console errors").isEmpty();
        }
    }
}
