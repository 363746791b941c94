package com.zoomfactor.backend.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static com.zoomfactor.backend.testing.Chromium.button;
import static com.zoomfactor.backend.testing.Chromium.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.zoomfactor.backend.branding.Logos;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Chromium;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.TestPaths;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17's client-facing side in a real Chromium: the owner sets the agency's branding and logo on the settings
 * page, makes a share link that shows chosen metrics and the client's annotations only, and a signed-out visitor
 * opens it and sees the agency's page (logo, name, colour, footer; the product only as "powered by"; no internal
 * note, no unchosen metric). Screenshots of that page and of the branded PDF's first page are kept under target/
 * ({@code screenshots/white-label-shared.png}, {@code reports/white-label-report-page1.png}) for the README.
 */
class WhiteLabelBrowserTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    @BeforeAll
    static void needsChromium() {
        Chromium.executable();
    }

    private static Page freshPage(Browser browser, List<String> problems) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800)
                .setAcceptDownloads(true));
        Page page = context.newPage();
        page.onPageError(problems::add);
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                problems.add(message.text());
            }
        });
        return page;
    }

    private static Locator section(Page page, String name) {
        return page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void theOwnerBrandsTheAgencySharesChosenContentAndTheClientSeesTheAgencysPageAndReport() throws Exception {
        Accounts accounts = live.accounts();
        Session owner = accounts.signUp("Plain Agency Ltd");
        String client = live.http().call(HttpMethod.POST, "/api/clients", owner.accessToken(), new JsonObject()
                .put("name", "Ωμέγα Café").put("channels", new JsonArray().add("website"))).bodyAsJsonObject()
                .getString("id");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonArray seed = new JsonArray();
        for (int day = 60; day >= 0; day--) {
            String date = today.minusDays(day).toString();
            seed.add(new JsonObject().put("metric", "web.unique_visitors").put("date", date)
                    .put("value", 900 + (day < 20 ? 300 : 0) + (day % 7) * 15));
            seed.add(new JsonObject().put("metric", "web.bounce_rate").put("date", date).put("value", 0.42));
            seed.add(new JsonObject().put("metric", "web.time_on_page").put("date", date).put("value", 65));
        }
        String api = "/api/clients/" + client;
        assertThat(live.http().call(HttpMethod.POST, api + "/observations", owner.accessToken(),
                new JsonObject().put("points", seed)).statusCode()).isEqualTo(200);
        assertThat(live.http().call(HttpMethod.POST, api + "/annotations", owner.accessToken(), new JsonObject()
                .put("date", today.minusDays(19).toString()).put("text", "Spring campaign launched")
                .put("visibility", "public")).statusCode()).isEqualTo(201);
        assertThat(live.http().call(HttpMethod.POST, api + "/annotations", owner.accessToken(), new JsonObject()
                .put("date", today.minusDays(10).toString()).put("text", "Team note: the client pays late"))
                .statusCode()).isEqualTo(201);
        assertThat(live.http().call(HttpMethod.POST, api + "/goals", owner.accessToken(), new JsonObject()
                .put("metric", "web.bounce_rate").put("target", 0.36).put("deadline", today.plusDays(60).toString()))
                .statusCode()).isEqualTo(201);
        Path logo = Files.createDirectories(TestPaths.workDir().resolve("white-label")).resolve("northwind.png");
        Files.write(logo, Logos.png(240, 80, new Color(0xaa, 0x33, 0x00)).getBytes());

        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            List<String> problems = new ArrayList<>();
            Page page = freshPage(browser, problems);
            page.navigate(live.server().baseUrl() + "/login");
            field(page, "Email").fill(owner.email());
            field(page, "Password").fill(Accounts.PASSWORD);
            button(page, "Log in").click();
            page.waitForURL(Pattern.compile(".*/clients$"));

            // the agency's branding, on its settings page
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Branding")).click();
            Locator branding = section(page, "Branding");
            field(page, "Name shown to clients").fill("Northwind Studio");
            field(page, "Brand colour").fill("#aa3300");
            field(page, "Report footer").fill("Northwind Studio · hello@northwind.example · Confidential");
            button(page, "Save branding").click();
            assertThat(branding.getByText("Branding saved.")).isVisible();
            branding.getByLabel("Upload a logo").setInputFiles(logo);
            assertThat(branding.getByText("PNG · 240×80")).isVisible();
            Locator preview = branding.getByRole(AriaRole.IMG, new Locator.GetByRoleOptions().setName("Your logo"));
            assertThat(preview).isVisible();
            page.waitForCondition(() -> (Boolean) preview.evaluate("img => img.complete"));
            assertThat((Integer) preview.evaluate("img => img.naturalWidth")).isEqualTo(240);

            // a share link that shows two metrics, public annotations, the score and goals, over 30 days
            page.navigate(live.server().baseUrl() + "/clients/" + client + "?tab=collaboration");
            Locator sharing = section(page, "Share links");
            Locator metrics = sharing.getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("Metrics"));
            // all() does not wait: the boxes are there once the client's metrics are
            assertThat(metrics.getByLabel("Average time on page")).isChecked();
            for (Locator box : metrics.getByRole(AriaRole.CHECKBOX).all()) {
                box.uncheck();
            }
            metrics.getByLabel("Unique visitors", new Locator.GetByLabelOptions().setExact(true)).check();
            metrics.getByLabel("Bounce rate", new Locator.GetByLabelOptions().setExact(true)).check();
            sharing.getByLabel("Opens on").selectOption(new com.microsoft.playwright.options.SelectOption()
                    .setLabel("Last 30 days"));
            com.microsoft.playwright.Request sent = page.waitForRequest(r -> r.method().equals("POST")
                    && r.url().endsWith("/share-links"), () -> sharing.getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Create share link")).click());
            assertThat(sent.postData()).contains("\"metrics\":[\"web.unique_visitors\",\"web.bounce_rate\"]");
            String url = page.getByTestId("new-share-link").textContent().trim();
            assertThat(sharing.locator(".share-link-shows").first().textContent())
                    .isEqualTo("score · Unique visitors, Bounce rate · public annotations · goals · opens on 30 days");

            // the client opens it, signed out: the agency's page
            List<String> visitorProblems = new ArrayList<>();
            Page visitor = freshPage(browser, visitorProblems);
            visitor.navigate(url);
            assertThat(visitor.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Ωμέγα Café")))
                    .isVisible();
            Locator agencyLogo = visitor.getByRole(AriaRole.IMG, new Page.GetByRoleOptions()
                    .setName("Northwind Studio logo"));
            assertThat(agencyLogo).isVisible();
            assertThat((Integer) agencyLogo.evaluate("img => img.naturalWidth")).isEqualTo(240);
            assertThat(visitor.getByText("Northwind Studio · hello@northwind.example · Confidential")).isVisible();
            assertThat(visitor.getByText("Powered by Zoom Factor")).isVisible();
            assertThat(visitor.getByText("Spring campaign launched")).isVisible();
            assertThat(visitor.getByText("Team note: the client pays late")).hasCount(0);
            assertThat(visitor.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Unique visitors")))
                    .isVisible();
            assertThat(visitor.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions()
                    .setName("Average time on page"))).hasCount(0);
            assertThat(visitor.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Zoom Factor")))
                    .hasCount(0);
            assertThat(visitor.locator(".app-footer")).hasCount(0);
            assertThat(visitor.getByText(Pattern.compile("^A read-only dashboard shared with you · .*")))
                    .isVisible();
            Path shots = Files.createDirectories(TestPaths.workDir().resolve("screenshots"));
            visitor.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(shots.resolve("white-label-shared.png")));
            assertThat(visitorProblems).isEmpty();

            // the owner downloads the PDF (the client page's Data tab): the agency's report, first page for the README
            page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Data").setExact(true)).click();
            Locator report = section(page, "Report");
            Download download = page.waitForDownload(() -> report.getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Download PDF")).click());
            Path reports = Files.createDirectories(TestPaths.workDir().resolve("reports"));
            Path pdfFile = reports.resolve("white-label-report.pdf");
            download.saveAs(pdfFile);
            try (PDDocument pdf = Loader.loadPDF(pdfFile.toFile())) {
                String text = new PDFTextStripper().getText(pdf);
                assertThat(text).contains("Northwind Studio", "Ωμέγα Café", "Spring campaign launched",
                        "Average time on page · latest 1 m 5 s", "Bounce rate · latest 42 %",
                        "Northwind Studio · hello@northwind.example · Confidential", "Powered by Zoom Factor")
                        .doesNotContain("Team note", "web.unique_visitors", "/api/");
                BufferedImage first = new PDFRenderer(pdf).renderImageWithDPI(0, 110);
                assertThat(ImageIO.write(first, "png", reports.resolve("white-label-report-page1.png").toFile()))
                        .isTrue();
            }
            assertThat(problems).isEmpty();
        }
    }
}
