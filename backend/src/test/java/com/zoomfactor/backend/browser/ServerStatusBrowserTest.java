package com.zoomfactor.backend.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.zoomfactor.backend.config.BuildInfo;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.Chromium;
import com.zoomfactor.backend.testing.TestPaths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real Chromium opens the served SPA at a deep link and sees the server status the SPA read from the API. */
class ServerStatusBrowserTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    @BeforeAll
    static void startServer() {
        Chromium.executable();
    }

    @Test
    void theSpaShowsTheLiveServerStatusAtADeepLink() {
        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            Page page = browser.newPage();
            List<String> problems = new ArrayList<>();
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    problems.add(message.text());
                }
            });
            page.onPageError(problems::add);

            page.navigate(live.server().baseUrl() + "/clients/acme/overview");

            assertThat(page.locator("h1")).containsText("Zoom Factor");
            assertThat(page.getByTestId("server-status")).containsText("ok");
            assertThat(page.getByTestId("db-status")).containsText("up");
            assertThat(page.getByTestId("server-version")).containsText(BuildInfo.version());
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(TestPaths.workDir().resolve("browser").resolve("server-status.png"))
                    .setFullPage(true));
            assertThat(problems).as("console errors, e.g. Content-Security-Policy violations").isEmpty();
        }
    }
}
