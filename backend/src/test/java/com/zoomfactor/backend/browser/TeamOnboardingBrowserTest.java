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
import com.microsoft.playwright.options.AriaRole;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Chromium;
import com.zoomfactor.backend.testing.TestPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** In a real Chromium: an owner signs up, creates a client, invites an analyst; the analyst joins and signs in. */
class TeamOnboardingBrowserTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    @BeforeAll
    static void startServer() {
        Chromium.executable();
    }



    private static void shot(Page page, String name) {
        Path file = TestPaths.workDir().resolve("browser").resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    }

    @Test
    void anOwnerSignsUpCreatesAClientAndInvitesAnAnalystWhoThenSignsIn() {
        String ownerEmail = Accounts.uniqueEmail("owner");
        String analystEmail = Accounts.uniqueEmail("analyst");
        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            List<String> problems = new ArrayList<>();
            BrowserContext ownersBrowser = browser.newContext();
            Page page = ownersBrowser.newPage();
            page.onPageError(problems::add);
            page.onConsoleMessage(message -> {
                // a 401 while restoring a session that does not exist is expected; anything else is a problem
                if ("error".equals(message.type()) && !message.text().contains("401")) {
                    problems.add(message.text());
                }
            });

            // sign up
            page.navigate(live.server().baseUrl() + "/signup");
            field(page, "Agency name").fill("Acme Social");
            field(page, "Your name").fill("Ada Owner");
            field(page, "Email").fill(ownerEmail);
            field(page, "Password").fill(Accounts.PASSWORD);
            button(page, "Create account").click();
            page.waitForURL(Pattern.compile(".*/clients$"));
            assertThat(page.getByTestId("whoami")).containsText("owner");
            assertThat(page.getByTestId("whoami")).containsText("Acme Social");

            // create a client
            field(page, "Client name").fill("Blue Bottle Coffee");
            button(page, "Add client").click();
            assertThat(page.getByText("Blue Bottle Coffee").first()).isVisible();
            shot(page, "onboarding-1-clients");

            // invite an analyst
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Members")).click();
            page.waitForURL(Pattern.compile(".*/members$"));
            field(page, "Email").fill(analystEmail);
            field(page, "Role").selectOption("analyst");
            button(page, "Send invitation").click();
            Locator link = page.getByTestId("invitation-link");
            assertThat(link).containsText("/accept-invitation#zfi_");
            String acceptUrl = link.textContent().trim();
            shot(page, "onboarding-2-invitation");

            button(page, "Log out").click();
            page.waitForURL(Pattern.compile(".*/login$"));
            ownersBrowser.close();

            // the analyst accepts in a browser of their own
            BrowserContext analystsBrowser = browser.newContext();
            Page analyst = analystsBrowser.newPage();
            analyst.onPageError(problems::add);
            analyst.navigate(acceptUrl);
            field(analyst, "Your name").fill("Ana Lyst");
            field(analyst, "Password").fill(Accounts.PASSWORD);
            button(analyst, "Join agency").click();
            analyst.waitForURL(Pattern.compile(".*/clients$"));
            assertThat(analyst.getByTestId("whoami")).containsText("analyst");
            assertThat(analyst.getByText("Blue Bottle Coffee").first()).isVisible();

            // and signs in again, with the password chosen on joining
            button(analyst, "Log out").click();
            analyst.waitForURL(Pattern.compile(".*/login$"));
            field(analyst, "Email").fill(analystEmail);
            field(analyst, "Password").fill(Accounts.PASSWORD);
            button(analyst, "Log in").click();
            analyst.waitForURL(Pattern.compile(".*/clients$"));
            assertThat(analyst.getByTestId("whoami")).containsText("Ana Lyst");
            assertThat(analyst.getByTestId("whoami")).containsText("analyst");
            // analysts do not manage the team
            assertThat(analyst.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Members"))).hasCount(0);
            shot(analyst, "onboarding-3-analyst");
            analystsBrowser.close();

            assertThat(problems).as("page errors and console errors").isEmpty();
        }
    }
}
