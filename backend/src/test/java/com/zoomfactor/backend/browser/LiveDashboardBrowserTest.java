package com.zoomfactor.backend.browser;

import static com.zoomfactor.backend.testing.Chromium.button;
import static com.zoomfactor.backend.testing.Chromium.field;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Chromium;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.TestPaths;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In a real Chromium against the real server: two people of one agency (the owner and an invited analyst) watch the
 * same client page. Each sees the other in "Also viewing"; data the owner adds shows on the analyst's chart within a
 * second, without a reload, in place (the chart's element and canvas are kept, not drawn anew); and when the
 * analyst's network drops, data written meanwhile arrives once it is back (resumed with {@code since}, nothing
 * missed), the indicator going from "Offline" back to "Live" by itself.
 */
class LiveDashboardBrowserTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final String METRIC = "web.unique_visitors";
    private static final int SEEDED_DAYS = 20;

    /** Marks a chart's element and its plot's canvas with a property of their own (not an attribute React could set). */
    private static final String MARK = "chart => { chart.zfMarked = true; chart.querySelector('canvas').zfMarked = true; }";
    /** Whether a chart's element and canvas are the ones {@link #MARK} marked: the chart was updated, not remounted. */
    private static final String MARKED = "chart => chart.zfMarked === true && chart.querySelector('canvas').zfMarked === true";

    @BeforeAll
    static void needsChromium() {
        Chromium.executable();
    }

    /** The chart of unique visitors, named by its summary ("Unique visitors, 21 points, trend up"). */
    private static Locator visitorsChart(Page page, int points) {
        return page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions()
                .setName(Pattern.compile("^Unique visitors, " + points + " points,")));
    }

    private static void shot(Page page, String name) {
        Path file = TestPaths.workDir().resolve("screenshots").resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    }

    private static Page signIn(Browser browser, String email, List<String> problems) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        Page page = context.newPage();
        page.onPageError(problems::add);
        page.onConsoleMessage(message -> {
            // requests made while the network is (deliberately) down fail; anything else is a problem
            if ("error".equals(message.type()) && !message.text().contains("ERR_INTERNET_DISCONNECTED")) {
                problems.add(message.text());
            }
        });
        page.navigate(live.server().baseUrl() + "/login");
        field(page, "Email").fill(email);
        field(page, "Password").fill(Accounts.PASSWORD);
        button(page, "Log in").click();
        page.waitForURL(Pattern.compile(".*/clients$"));
        return page;
    }

    private static void addVisitors(Session owner, String client, LocalDate date, int value) {
        addPoint(owner, client, METRIC, date, value);
    }

    private static void addPoint(Session owner, String client, String metric, LocalDate date, double value) {
        JsonObject points = new JsonObject().put("points", new JsonArray()
                .add(new JsonObject().put("metric", metric).put("date", date.toString()).put("value", value)));
        assertThat(live.http().call(HttpMethod.POST, "/api/clients/" + client + "/observations", owner.accessToken(),
                points).statusCode()).isEqualTo(200);
    }

    @Test
    void twoPeopleWatchTheSameClientLiveAndADroppedConnectionMissesNothing() {
        Accounts accounts = live.accounts();
        Session owner = accounts.signUp("Live Agency");
        Session analyst = accounts.invite(owner, "analyst", null);
        String client = live.http().call(HttpMethod.POST, "/api/clients", owner.accessToken(), new JsonObject()
                .put("name", "Blue Bottle").put("channels", new JsonArray().add("website"))).bodyAsJsonObject().getString("id");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonArray seed = new JsonArray();
        for (int day = SEEDED_DAYS + 10; day > 10; day--) {
            seed.add(new JsonObject().put("metric", METRIC).put("date", today.minusDays(day).toString())
                    .put("value", 1000 + (SEEDED_DAYS + 10 - day) * 30));
        }
        assertThat(live.http().call(HttpMethod.POST, "/api/clients/" + client + "/observations", owner.accessToken(),
                new JsonObject().put("points", seed)).statusCode()).isEqualTo(200);

        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            List<String> problems = new ArrayList<>();
            Page ownerPage = signIn(browser, owner.email(), problems);
            Page analystPage = signIn(browser, analyst.email(), problems);
            // what the analyst's tab says to the live channel and hears from it
            List<String> analystSent = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<String> analystReceived = new java.util.concurrent.CopyOnWriteArrayList<>();
            analystPage.onWebSocket(socket -> {
                socket.onFrameSent(frame -> analystSent.add(frame.text()));
                socket.onFrameReceived(frame -> analystReceived.add(frame.text()));
            });
            assertThat(ownerPage.getByTestId("live-status")).hasText("Live");
            shot(ownerPage, "portfolio-desktop");

            // the owner on the Data tab (the entry form), the analyst on the Web tab (the chart)
            ownerPage.navigate(live.server().baseUrl() + "/clients/" + client + "?tab=data");
            analystPage.navigate(live.server().baseUrl() + "/clients/" + client + "?tab=website");
            assertThat(visitorsChart(analystPage, SEEDED_DAYS)).isVisible();
            assertThat(analystPage.getByTestId("live-status")).hasText("Live");
            // the chart's element and its canvas are marked: a chart drawn again from scratch would lose the marks
            visitorsChart(analystPage, SEEDED_DAYS).evaluate(MARK);

            // (a) each sees the other, not themselves
            assertThat(analystPage.getByTestId("presence")).containsText("Also viewing: Owner of Live Agency (since");
            assertThat(ownerPage.getByTestId("presence")).containsText("Also viewing: A analyst (since");
            assertThat(analystPage.getByTestId("presence")).not().containsText("A analyst");

            // (b) the owner adds a point through the page's form; the analyst's chart has it within a second
            field(ownerPage, "Metric").selectOption(METRIC);
            field(ownerPage, "Date").fill(today.minusDays(5).toString());
            field(ownerPage, "Value").fill("2100");
            button(ownerPage, "Add point").click();
            assertThat(ownerPage.getByText("Saved", new Page.GetByTextOptions().setExact(true))).isVisible();
            assertThat(visitorsChart(analystPage, SEEDED_DAYS + 1))
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(1000));
            assertThat(visitorsChart(analystPage, SEEDED_DAYS + 1).evaluate(MARKED))
                    .as("the same chart (element and canvas) shows the new point").isEqualTo(true);
            // data that moves the score (attention becomes measured): the analyst's score (beside the client's name,
            // on every tab) follows within a second
            Locator analystScore = analystPage.getByTestId("header-score");
            String scoreBefore = analystScore.textContent();
            addPoint(owner, client, "web.bounce_rate", today.minusDays(5), 0.35);
            assertThat(analystScore).not().hasText(scoreBefore,
                    new LocatorAssertions.HasTextOptions().setTimeout(1000));

            // (c) the analyst's network drops; the owner writes meanwhile; once back, the update arrives
            analystPage.context().setOffline(true);
            assertThat(analystPage.getByTestId("live-status")).containsText("Offline");
            addVisitors(owner, client, today.minusDays(4), 2200);
            addVisitors(owner, client, today.minusDays(3), 2300);
            analystPage.waitForTimeout(300);
            assertThat(visitorsChart(analystPage, SEEDED_DAYS + 1)).isVisible();
            analystPage.context().setOffline(false);
            assertThat(analystPage.getByTestId("live-status")).hasText("Live");
            assertThat(visitorsChart(analystPage, SEEDED_DAYS + 3)).isVisible();
            // it resumed where it stopped (the server replayed the missed events), rather than starting over
            assertThat(analystSent).as("a subscribe with since after the reconnection").anyMatch(text -> {
                JsonObject message = new JsonObject(text);
                return "subscribe".equals(message.getString("type")) && client.equals(message.getString("clientId"))
                        && message.getValue("since") instanceof Number;
            });
            assertThat(analystReceived).noneSatisfy(text -> assertThat(text).contains("\"type\":\"reset\""));
            assertThat(analystPage.getByTestId("presence")).containsText("Owner of Live Agency");

            // and the live channel keeps going afterwards
            addVisitors(owner, client, today.minusDays(2), 2400);
            assertThat(visitorsChart(analystPage, SEEDED_DAYS + 4))
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(1000));
            assertThat(visitorsChart(analystPage, SEEDED_DAYS + 4).evaluate(MARKED))
                    .as("points ingested through the API, across a dropped connection, update the chart in place")
                    .isEqualTo(true);
            ownerPage.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Web").setExact(true)).click();
            assertThat(visitorsChart(ownerPage, SEEDED_DAYS + 4)).isVisible();

            shot(ownerPage, "client-page-desktop");
            // the top of the page as it first shows (for docs/screenshots/client-page.png)
            ownerPage.evaluate("window.scrollTo(0, 0)");
            ownerPage.screenshot(new Page.ScreenshotOptions()
                    .setPath(TestPaths.workDir().resolve("screenshots").resolve("client-page-desktop-top.png")));
            ownerPage.setViewportSize(390, 844);
            shot(ownerPage, "client-page-phone");
            ownerPage.navigate(live.server().baseUrl() + "/clients");
            assertThat(ownerPage.locator("table.portfolio-table td.col-score").first()).isVisible();
            shot(ownerPage, "portfolio-phone");
            ownerPage.setViewportSize(1280, 800);
            shot(ownerPage, "portfolio-desktop");

            assertThat(problems).as("page errors and console errors").isEmpty();
        }
    }
}
