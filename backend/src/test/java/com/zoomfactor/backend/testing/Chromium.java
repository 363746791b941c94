package com.zoomfactor.backend.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The system's Chromium driven by Playwright (never a downloaded browser). Under CI a missing Chromium fails the
 * build; elsewhere the browser tests are skipped, loudly.
 */
public final class Chromium {

    public static final String EXECUTABLE_VARIABLE = "ZF_CHROMIUM";
    private static final Path DEFAULT_EXECUTABLE = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    public static Path executable() {
        String configured = System.getenv(EXECUTABLE_VARIABLE);
        Path executable = configured != null && !configured.isBlank() ? Path.of(configured) : DEFAULT_EXECUTABLE;
        if (!Files.isExecutable(executable)) {
            String why = "no Chromium at " + executable + " (install it with 'apt-get install -y chromium', or point "
                    + EXECUTABLE_VARIABLE + " at one)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("Browser tests must run under CI, but there is " + why);
            }
            System.err.println("\n!!! SKIPPING BROWSER TESTS: " + why + " !!!\n");
            Assumptions.abort("browser tests skipped: " + why);
        }
        return executable;
    }

    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable())
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
    }

    /** The form field with exactly this label, as a person finds it. */
    public static com.microsoft.playwright.Locator field(com.microsoft.playwright.Page page, String label) {
        return page.getByLabel(label, new com.microsoft.playwright.Page.GetByLabelOptions().setExact(true));
    }

    /** The button with exactly this accessible name. */
    public static com.microsoft.playwright.Locator button(com.microsoft.playwright.Page page, String name) {
        return page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
