package com.zoomfactor.backend.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static com.zoomfactor.backend.testing.Chromium.button;
import static com.zoomfactor.backend.testing.Chromium.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Axe;
import com.zoomfactor.backend.testing.Chromium;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.TestPaths;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * axe-core finds no WCAG 2 A or AA violation on the screens a person meets: the landing page, log-in and sign-up,
 * the portfolio, a client page on each of its tabs (the demo client: six channels, every section filled), the
 * settings pages and a shared dashboard; at desktop and at phone width. The portfolio and the client page are saved as screenshots at both widths
 * under {@code target/screenshots/}.
 */
class AccessibilityBrowserTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    /** A window size the screens are designed for. */
    private record Viewport(String name, int width, int height) {
    }

    private static final List<Viewport> VIEWPORTS = List.of(new Viewport("desktop", 1280, 800),
            new Viewport("phone", 390, 844));

    @BeforeAll
    static void chromium() {
        Chromium.executable();
    }

    @Test
    void everyScreenHasNoViolationAtDesktopAndPhoneWidth() {
        Session owner = live.accounts().signUp("Accessible Agency");
        HttpResponse<Buffer> demo = live.http().call(HttpMethod.POST, "/api/clients/demo", owner.accessToken(), null);
        assertThat(demo.statusCode()).as(demo.bodyAsString()).isEqualTo(201);
        String client = demo.bodyAsJsonObject().getString("id");
        HttpResponse<Buffer> link = live.http().call(HttpMethod.POST, "/api/clients/" + client + "/share-links",
                owner.accessToken(), new JsonObject());
        assertThat(link.statusCode()).as(link.bodyAsString()).isEqualTo(201);
        String shared = "/shared/" + link.bodyAsJsonObject().getString("token");

        Map<String, List<String>> violations = new LinkedHashMap<>();
        Path screenshots = TestPaths.workDir().resolve("screenshots");
        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            for (Viewport viewport : VIEWPORTS) {
                String width = viewport.name();
                try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(viewport.width(), viewport.height()))) {
                    Page page = context.newPage();
                    String base = live.server().baseUrl();

                    page.navigate(base + "/");
                    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an account")))
                            .isVisible();
                    check(page, width, "landing", violations);

                    page.navigate(base + shared);
                    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                            .setName(Pattern.compile("Northwind Coffee")))).isVisible();
                    check(page, width, "shared dashboard", violations);

                    page.navigate(base + "/signup");
                    assertThat(button(page, "Create account")).isVisible();
                    check(page, width, "sign-up", violations);

                    page.navigate(base + "/login");
                    assertThat(button(page, "Log in")).isVisible();
                    check(page, width, "log-in", violations);
                    field(page, "Email").fill(owner.email());
                    field(page, "Password").fill(Accounts.PASSWORD);
                    button(page, "Log in").click();
                    page.waitForURL(Pattern.compile(".*/clients$"));

                    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                            .setName(Pattern.compile("Northwind Coffee"))).first()).isVisible();
                    check(page, width, "portfolio", violations);
                    page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                            .setPath(screenshots.resolve("portfolio-" + width + ".png")));

                    page.navigate(base + "/clients/" + client);
                    assertThat(page.getByTestId("zoom-factor-score")).isVisible();
                    check(page, width, "client page: Overview", violations);
                    page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                            .setPath(screenshots.resolve("client-" + width + ".png")));
                    checkEveryTab(page, width, violations);

                    for (String settings : List.of("/members", "/tokens", "/branding", "/settings/notifications")) {
                        page.navigate(base + settings);
                        assertThat(page.locator("main h2").first()).isVisible();
                        check(page, width, settings, violations);
                    }
                }
            }
        }
        assertThat(violations).as("axe violations (WCAG 2 A/AA) by screen").isEmpty();
    }

    /** The check can fail: on a page with an unlabelled image and a nameless button, axe names both rules. */
    @Test
    void axeReportsWhatItFinds() {
        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            Page page = browser.newPage();
            page.setContent("<!doctype html><html lang=en><title>Broken</title><main><img src=x.png>"
                    + "<button></button></main></html>");
            assertThat(Axe.violations(page)).anySatisfy(v -> assertThat(v).startsWith("image-alt (critical)"))
                    .anySatisfy(v -> assertThat(v).startsWith("button-name (critical)"));
        }
    }

    /**
     * Opens each of the client page's tabs after the overview, by a click as a person would, and checks it: every
     * channel tab the demo client has (its six channels), Collaboration and Data.
     */
    private static void checkEveryTab(Page page, String width, Map<String, List<String>> violations) {
        Locator tabs = page.getByRole(AriaRole.TAB);
        List<String> names = tabs.allTextContents();
        assertThat(names).as("the demo client's tabs").containsExactly("Overview", "Web", "X", "Facebook", "LinkedIn",
                "Newsletter", "Search", "Collaboration", "Data");
        for (String name : names.subList(1, names.size())) {
            Locator tab = page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(name).setExact(true));
            tab.click();
            assertThat(tab).hasAttribute("aria-selected", "true");
            assertThat(page.getByRole(AriaRole.TABPANEL).locator("h3").first()).isVisible();
            check(page, width, "client page: " + name, violations);
        }
    }

    /** Runs axe once the page has settled, and keeps what it found under "screen (width)". */
    private static void check(Page page, String width, String screen, Map<String, List<String>> violations) {
        page.waitForLoadState(LoadState.NETWORKIDLE);
        List<String> found = new ArrayList<>(Axe.violations(page));
        if (!found.isEmpty()) {
            violations.put(screen + " (" + width + ")", found);
        }
    }
}
