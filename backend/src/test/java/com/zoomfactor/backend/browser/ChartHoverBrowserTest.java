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
import com.microsoft.playwright.options.BoundingBox;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Chromium;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.TestPaths;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In a real Chromium with the real uPlot: a metric chart has no legend row; hovering it shows the hovered day's
 * value beside the pointer, and moving away hides it again; its values are in a table on request.
 */
class ChartHoverBrowserTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    @BeforeAll
    static void needsChromium() {
        Chromium.executable();
    }

    @Test
    void aChartShowsItsValuesOnlyWhileHoveredAndAsATableOnRequest() {
        Accounts accounts = live.accounts();
        Session owner = accounts.signUp("Hover Agency");
        String client = live.http().call(HttpMethod.POST, "/api/clients", owner.accessToken(), new JsonObject()
                .put("name", "Hover Co").put("channels", new JsonArray().add("website"))).bodyAsJsonObject().getString("id");
        JsonArray points = new JsonArray();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int day = 30; day >= 1; day--) {
            points.add(new JsonObject().put("metric", "web.unique_visitors").put("date", today.minusDays(day).toString())
                    .put("value", 500 + day * 3));
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
            page.navigate(live.server().baseUrl() + "/clients/" + client);

            Locator chart = page.locator(".metric-chart").filter(new Locator.FilterOptions().setHas(page.getByRole(
                    AriaRole.IMG, new Page.GetByRoleOptions().setName(Pattern.compile("^Unique visitors, \\d+ points"))))).first();
            Locator plot = chart.locator(".metric-chart-plot");
            assertThat(plot.locator("canvas")).isVisible();
            // no legend row under the chart, and no values until the pointer is on it
            assertThat(chart.locator(".u-legend")).hasCount(0);
            Locator tooltip = chart.getByTestId("chart-tooltip");
            assertThat(tooltip).hasCount(0);

            Locator over = plot.locator(".u-over");
            over.scrollIntoViewIfNeeded();
            BoundingBox box = over.boundingBox();
            page.mouse().move(box.x + box.width / 2, box.y + box.height / 2);
            assertThat(tooltip).isVisible();
            assertThat(tooltip).containsText(Pattern.compile("Unique visitors: \\d"));
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(TestPaths.workDir().resolve("browser").resolve("chart-hover.png")));

            page.mouse().move(box.x + box.width / 2, box.y + box.height + 120);
            assertThat(tooltip).hasCount(0);

            chart.getByText("Values as a table").click();
            Locator table = chart.getByRole(AriaRole.TABLE);
            assertThat(table.getByRole(AriaRole.ROW)).hasCount(31);
            assertThat(problems).isEmpty();
        }
    }
}
