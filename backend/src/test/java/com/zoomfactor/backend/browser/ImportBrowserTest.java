package com.zoomfactor.backend.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static com.zoomfactor.backend.testing.Chromium.button;
import static com.zoomfactor.backend.testing.Chromium.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Chromium;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.TestPaths;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In a real Chromium against the real API: the Import page takes a Search Console zip and a GA4 CSV (the test
 * resources' samples, moved to the last three days), shows the format it recognised, the header and the preview of
 * each dry run, completes each import, lists them, and the client page's charts and score history then show the data.
 */
class ImportBrowserTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final LocatorAssertions.ContainsTextOptions SLOW =
            new LocatorAssertions.ContainsTextOptions().setTimeout(30_000);

    @BeforeAll
    static void needsChromium() {
        Chromium.executable();
    }

    @Test
    void aSearchConsoleZipAndAGa4CsvAreCheckedImportedAndFillTheClientPage() throws Exception {
        Session owner = live.accounts().signUp("Import Agency");
        String client = live.http().call(HttpMethod.POST, "/api/clients", owner.accessToken(), new JsonObject()
                .put("name", "Red Kite").put("channels", new JsonArray().add("website").add("search")))
                .bodyAsJsonObject().getString("id");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        byte[] zip = searchConsoleZip(today);
        byte[] ga4 = ga4Daily(today);

        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            Page page = browser.newPage();
            List<String> problems = new ArrayList<>();
            page.onPageError(problems::add);
            page.navigate(live.server().baseUrl() + "/login");
            field(page, "Email").fill(owner.email());
            field(page, "Password").fill(Accounts.PASSWORD);
            button(page, "Log in").click();
            page.waitForURL(Pattern.compile(".*/clients$"));
            page.navigate(live.server().baseUrl() + "/clients/" + client + "?tab=data");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Import files")).click();
            page.waitForURL(Pattern.compile(".*/import$"));
            assertThat(page.getByText("No imports yet.")).isVisible();

            // the Search Console zip: the dry run recognises it and previews its points, then it is imported
            field(page, "File to import").setInputFiles(new FilePayload("Performance-on-Search.zip", "application/zip", zip));
            button(page, "Check file").click();
            assertThat(page.getByTestId("import-format")).containsText("Google Search Console performance export", SLOW);
            assertThat(page.getByTestId("import-header")).containsText("Clicks,Impressions,CTR,Position");
            assertThat(page.getByTestId("import-preview")).containsText("search.clicks");
            assertThat(page.getByTestId("import-summary")).containsText("zip: ");
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(TestPaths.workDir().resolve("browser").resolve("import-check-zip.png")));
            button(page, "Import").click();
            assertThat(page.getByTestId("import-result")).containsText("Imported: 24 new", SLOW);

            // the GA4 report with a Date dimension
            field(page, "File to import").setInputFiles(new FilePayload("Engagement overview.csv", "text/csv", ga4));
            button(page, "Check file").click();
            assertThat(page.getByTestId("import-format")).containsText("Google Analytics 4 report", SLOW);
            assertThat(page.getByTestId("import-header")).containsText("Date,Users,Sessions,Views");
            assertThat(page.getByTestId("import-preview")).containsText("web.unique_visitors");
            button(page, "Import").click();
            assertThat(page.getByTestId("import-result")).containsText("Imported:", SLOW);

            // both checks and both imports are listed, newest first
            Locator recent = page.getByTestId("recent-imports").locator("tbody tr");
            assertThat(recent).hasCount(4);
            assertThat(recent.nth(0)).containsText("Engagement overview.csv");
            assertThat(recent.nth(0)).containsText("Done");
            assertThat(recent.nth(1)).containsText("Checked");
            assertThat(recent.nth(2)).containsText("Performance-on-Search.zip");
            assertThat(recent.nth(2)).containsText("Google Search Console performance export");
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(TestPaths.workDir().resolve("browser").resolve("import-done.png")));

            // the client page: the imported days on the charts, and a score history backfilled for them
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("See the client’s metrics")).click();
            page.waitForURL(Pattern.compile(".*/clients/" + client + "$"));
            tab(page, "Search").click();
            Locator clicks = card(page, "Search clicks");
            assertThat(clicks.locator(".metric-value")).containsText("50", SLOW);
            assertThat(clicks.locator("canvas")).isVisible();
            tab(page, "Web").click();
            Locator visitors = card(page, "Unique visitors");
            assertThat(visitors.locator(".metric-value")).containsText("110", SLOW);
            awaitScoreHistory(owner, client);
            page.reload();
            tab(page, "Overview").click();
            Locator history = page.locator("section.score-history");
            assertThat(history).containsText("latest", SLOW);
            assertThat(history.locator("canvas")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(TestPaths.workDir().resolve("browser").resolve("import-client-page.png")));
            assertThat(problems).isEmpty();
        }

        JsonArray points = live.http().call(HttpMethod.GET, "/api/clients/" + client + "/observations?metric=search.clicks&from="
                + today.minusDays(3) + "&to=" + today, owner.accessToken(), null).bodyAsJsonObject().getJsonArray("points");
        assertThat(points).hasSize(3);
    }

    /** The client page's tab named `name`. */
    private static Locator tab(Page page, String name) {
        return page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** The metric card titled `label`. */
    private static Locator card(Page page, String label) {
        return page.locator("article.metric-card").filter(new Locator.FilterOptions().setHas(page.getByRole(
                AriaRole.HEADING, new Page.GetByRoleOptions().setName(label).setExact(true))));
    }

    /** Waits (30 s at most) for the score recorded for the imported days. */
    private static void awaitScoreHistory(Session owner, String client) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonObject history = live.http().call(HttpMethod.GET, "/api/clients/" + client + "/score/history",
                    owner.accessToken(), null).bodyAsJsonObject();
            if (!history.getJsonArray("points").isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no score history after the imports");
    }

    /** The English samples zipped as Search Console does, their three days (2024-01-01..03) moved to the last three. */
    private static byte[] searchConsoleZip(LocalDate today) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("Queries.csv", "en/Queries.csv");
        entries.put("Pages.csv", "en/Pages.csv");
        entries.put("Countries.csv", "en/Countries.csv");
        entries.put("Dates.csv", "en/Dates.csv");
        entries.put("Filters.csv", "en/Filters.csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zipped = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                String text = resource("google/search-console/" + entry.getValue());
                for (int day = 1; day <= 3; day++) {
                    text = text.replace("2024-01-0" + day, today.minusDays(4 - day).toString());
                }
                zipped.putNextEntry(new ZipEntry(entry.getKey()));
                zipped.write(text.getBytes(StandardCharsets.UTF_8));
                zipped.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** GA4's engagement overview by date (2023-03-01..03, old column names), moved to the last three days. */
    private static byte[] ga4Daily(LocalDate today) {
        String text = resource("google/ga4/daily-old-names.csv");
        for (int day = 1; day <= 3; day++) {
            text = text.replace("2023030" + day, today.minusDays(4 - day).format(DateTimeFormatter.BASIC_ISO_DATE));
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String resource(String path) {
        try (InputStream in = ImportBrowserTest.class.getResourceAsStream("/imports/" + path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource imports/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
