package com.zoomfactor.backend.browser;

import static com.zoomfactor.backend.testing.Chromium.button;
import static com.zoomfactor.backend.testing.Chromium.field;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
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
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In a real Chromium against the real API: a client page shows a tab per channel it has data for, draws its metrics
 * with their trend verdicts and windows, keeps its period across a reload, its score checked in the browser matches,
 * and a CSV file is checked and imported through the import screen.
 */
class ClientMetricsBrowserTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    @BeforeAll
    static void needsChromium() {
        Chromium.executable();
    }



    @Test
    void theClientPageShowsTrendsItsScoreChecksOutAndACsvFileIsCheckedThenImported() {
        Accounts accounts = live.accounts();
        Session owner = accounts.signUp("Chart Agency");
        String client = live.http().call(HttpMethod.POST, "/api/clients", owner.accessToken(), new JsonObject()
                .put("name", "Blue Bottle").put("channels", new JsonArray().add("website"))).bodyAsJsonObject().getString("id");
        // 60 days of steadily growing visitors, ending yesterday
        JsonArray points = new JsonArray();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int day = 60; day >= 1; day--) {
            points.add(new JsonObject().put("metric", "web.unique_visitors").put("date", today.minusDays(day).toString())
                    .put("value", 1000 + (60 - day) * 25 + (day % 3) * 10));
        }
        // and five months of tweets with their retweeters, so that the score has a baseline, breadth and momentum
        for (int day = 150; day >= 1; day--) {
            String date = today.minusDays(day).toString();
            points.add(new JsonObject().put("metric", "twitter.retweets").put("date", date).put("value", 20 + day % 7));
            points.add(new JsonObject().put("metric", "twitter.posts").put("date", date).put("value", 2 + day % 2));
        }
        for (int account = 0; account < 30; account++) {
            points.add(new JsonObject().put("metric", "twitter.retweets").put("date", today.minusDays(2).toString())
                    .put("dimension", "@fan" + account).put("value", 1 + account % 4));
        }
        assertThat(live.http().call(HttpMethod.POST, "/api/clients/" + client + "/observations", owner.accessToken(),
                new JsonObject().put("points", points)).statusCode()).isEqualTo(200);

        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            Page page = browser.newPage();
            List<String> problems = new ArrayList<>();
            page.onPageError(problems::add);
            page.navigate(live.server().baseUrl() + "/login");
            field(page, "Email").fill(owner.email());
            field(page, "Password").fill(Accounts.PASSWORD);
            button(page, "Log in").click();
            page.waitForURL(Pattern.compile(".*/clients$"));

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Blue Bottle")).click();
            page.waitForURL(Pattern.compile(".*/clients/" + client + "$"));

            // a tab per channel with data (web and X), whatever the client declared; none for the others
            Locator tabs = page.getByRole(AriaRole.TAB);
            assertThat(tabs).hasText(new String[] {"Overview", "Web", "X", "Collaboration", "Data"});
            tab(page, "Web").click();
            assertThat(page.getByTestId("trend-web.unique_visitors")).containsText("up");
            assertThat(page.getByRole(AriaRole.TABPANEL).locator("canvas").first()).isVisible();
            assertThat(page.getByTestId("window-web.unique_visitors")).containsText("last 90 days");

            // the period, granularity and tab are in the address: a reload keeps them
            page.getByLabel("Period", new Page.GetByLabelOptions().setExact(true)).selectOption("30d");
            page.waitForURL(Pattern.compile(".*[?&]period=30d.*"));
            assertThat(page).hasURL(Pattern.compile(".*[?&]tab=website.*"));
            assertThat(page.getByTestId("window-web.unique_visitors")).containsText("last 30 days");
            page.reload();
            assertThat(page.getByLabel("Period", new Page.GetByLabelOptions().setExact(true))).hasValue("30d");
            assertThat(page.getByLabel("Granularity", new Page.GetByLabelOptions().setExact(true))).hasValue("day");
            assertThat(tab(page, "Web")).hasAttribute("aria-selected", "true");
            assertThat(page.getByTestId("window-web.unique_visitors")).containsText("last 30 days");
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(TestPaths.workDir().resolve("browser").resolve("client-page.png")));

            // the shown score, computed again in the browser from the raw data the API gives
            tab(page, "Overview").click();
            String shown = page.getByTestId("zoom-factor-score").textContent();
            button(page, "Check this score").click();
            assertThat(page.getByTestId("score-check"))
                    .hasText("Recomputed in your browser: " + shown + " — matches");

            tab(page, "Data").click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Import files")).click();
            page.waitForURL(Pattern.compile(".*/import$"));
            String csv = "date,metric,value\n" + today.minusDays(2) + ",web.bounce_rate,0.41\n"
                    + today.minusDays(1) + ",web.bounce_rate,0.39\n";
            field(page, "File to import").setInputFiles(new FilePayload("bounce.csv", "text/csv",
                    csv.getBytes(StandardCharsets.UTF_8)));
            button(page, "Check file").click();
            assertThat(page.getByTestId("import-summary")).containsText("2");
            button(page, "Import").click();
            assertThat(page.getByTestId("import-result")).containsText("Imported");
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(TestPaths.workDir().resolve("browser").resolve("import.png")));

            JsonObject bounce = live.http().call(HttpMethod.GET, "/api/clients/" + client
                    + "/observations?metric=web.bounce_rate", owner.accessToken(), null).bodyAsJsonObject();
            assertThat(bounce.getJsonArray("points")).hasSize(2);
            assertThat(problems).isEmpty();
        }
    }

    private static Locator tab(Page page, String name) {
        return page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
