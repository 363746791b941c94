package com.zoomfactor.backend.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static com.zoomfactor.backend.testing.Chromium.button;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.zoomfactor.backend.config.HostAllowList;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Chromium;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.MailBox;
import com.zoomfactor.backend.testing.MailBox.Mail;
import com.zoomfactor.backend.testing.TestPaths;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17's delivery screens in a real Chromium, against a real SMTP server (GreenMail) and a local webhook receiver:
 * an analyst schedules a client's report on the client's page and sends it now; a schedule with review waits in the
 * review queue, where its summary is edited and approved; the owner adds a webhook, keeps its secret, sends a test
 * whose signature checks out and whose status code shows in the log; the deliveries page lists what went.
 */
class DeliveryScreensBrowserTest {

    static final MailBox mail = new MailBox();
    @RegisterExtension
    static final LiveServer live = new LiveServer(config -> mail.configure().apply(config)
            .withWebhookAllowedHosts(HostAllowList.parse("localhost")));

    /** A call the receiver got. */
    record Received(MultiMap headers, String body) {
    }

    /** Making a report (its PDF) takes seconds on a busy machine; a delivery is tried within a few more. */
    private static final LocatorAssertions.IsVisibleOptions SLOW = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(30_000);

    private static final List<Received> received = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;

    @BeforeAll
    static void start() throws Exception {
        Chromium.executable();
        receiver = live.clientVertx().createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            received.add(new Received(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body.toString()));
            request.response().setStatusCode(204).end();
        })).listen(0, "localhost").await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        live.server().outbox().useClock(Clock.systemUTC());
        receiver.close().await(10, TimeUnit.SECONDS);
        mail.close();
    }

    private static Locator region(Page page, String name) {
        return page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator named(Locator scope, AriaRole role, String name) {
        return scope.getByRole(role, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private static void at(String instant) {
        live.server().outbox().useClock(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void schedulesReviewsAndWebhooksAreManagedFromTheScreens() throws Exception {
        Session owner = live.accounts().signUp("Delivery Screens Agency");
        String client = live.http().call(HttpMethod.POST, "/api/clients", owner.accessToken(), new JsonObject()
                .put("name", "Parisian Client").put("timeZone", "Europe/Paris")).bodyAsJsonObject().getString("id");
        String now = Accounts.uniqueEmail("now");
        String reviewed = Accounts.uniqueEmail("reviewed");
        // Monday 1 June 2026, 02:00 in Paris: the schedules are first due that day at 09:00 there (07:00 UTC)
        at("2026-06-01T00:00:00Z");
        Path shots = Files.createDirectories(TestPaths.workDir().resolve("screenshots"));

        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            List<String> problems = new ArrayList<>();
            Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)).newPage();
            page.onPageError(problems::add);
            page.navigate(live.server().baseUrl() + "/login");
            Chromium.field(page, "Email").fill(owner.email());
            Chromium.field(page, "Password").fill(Accounts.PASSWORD);
            button(page, "Log in").click();
            page.waitForURL(Pattern.compile(".*/clients$"));

            // a schedule made on the client's page, sent at once
            page.navigate(live.server().baseUrl() + "/clients/" + client + "?tab=data");
            Locator schedules = region(page, "Scheduled reports");
            assertThat(schedules.getByText("No report is scheduled.")).isVisible();
            assertThat(schedules.getByText("Europe/Paris").first()).isVisible();
            named(schedules, AriaRole.BUTTON, "Schedule a report").click();
            Locator form = schedules.getByRole(AriaRole.FORM);
            form.getByLabel("Day of the week").selectOption("1");
            form.getByLabel("Hour").selectOption("9");
            form.getByLabel("Recipients").fill(now);
            named(form, AriaRole.BUTTON, "Create schedule").click();
            assertThat(schedules.getByText("Every Monday at 09:00")).isVisible();
            named(schedules, AriaRole.BUTTON, "Send now: Every Monday at 09:00").click();
            assertThat(schedules.getByText(Pattern.compile("Sent the report of 2026-05-25 to 2026-05-31 to 1 recipient")))
                    .isVisible(SLOW);
            Mail sent = mail.await(now, 1).get(0);
            assertThat(sent.subject()).isEqualTo("Weekly report for Parisian Client: 2026-05-25 to 2026-05-31");
            assertThat(sent.attachments()).hasSize(1);
            assertThat(sent.header("List-Unsubscribe")).startsWith("<" + MailBox.APP_URL + "/unsubscribe?token=");

            // a second one, with review: the scheduler's run leaves it in the queue
            named(schedules, AriaRole.BUTTON, "Schedule a report").click();
            form = schedules.getByRole(AriaRole.FORM);
            form.getByLabel("Frequency").selectOption("weekly");
            form.getByLabel("Day of the week").selectOption("1");
            form.getByLabel("Hour").selectOption("9");
            form.getByLabel("Recipients").fill(reviewed);
            form.getByLabel("Review each report before it is sent").check();
            named(form, AriaRole.BUTTON, "Create schedule").click();
            assertThat(schedules.getByText(Pattern.compile("waits for review"))).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("delivery-schedules.png"))
                    .setFullPage(true));
            at("2026-06-01T07:00:00Z");
            assertThat(live.server().reportSchedules().runOnce().await(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2);
            mail.await(now, 2);
            live.server().outbox().useClock(Clock.systemUTC());

            page.navigate(live.server().baseUrl() + "/clients");
            Locator nav = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"));
            assertThat(nav.getByLabel("1 waiting")).isVisible();
            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^Reviews"))).click();
            Locator queue = region(page, "Reports to review");
            Locator summary = queue.getByLabel("Summary of Parisian Client, 25–31 May 2026");
            assertThat(summary).hasValue(Pattern.compile("From Mon 25 May 2026"));
            summary.fill("A calm week in Paris.\n\nMore next week.");
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("delivery-review.png")).setFullPage(true));
            named(queue, AriaRole.BUTTON, "Approve and send Parisian Client, 25–31 May 2026").click();
            assertThat(queue.getByText("No report is waiting for review.")).isVisible(SLOW);
            Mail approved = mail.await(reviewed, 1).get(0);
            assertThat(approved.text()).contains("A calm week in Paris.").contains("More next week.");
            assertThat(approved.attachments()).hasSize(1);

            // a webhook to the local receiver: the secret once, a test, its log
            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Webhooks").setExact(true)).click();
            Locator hooks = region(page, "Webhooks");
            String url = "http://localhost:" + receiver.actualPort() + "/zoomfactor";
            hooks.getByLabel("URL").fill(url);
            hooks.getByLabel("A goal is reached").check();
            named(hooks, AriaRole.BUTTON, "Add webhook").click();
            String secret = hooks.getByTestId("webhook-secret").textContent().trim();
            assertThat(secret).isNotBlank();
            assertThat(named(hooks, AriaRole.BUTTON, "Copy secret")).isVisible();
            named(hooks, AriaRole.BUTTON, "Send a test to the webhook to " + url).click();
            Locator log = hooks.getByRole(AriaRole.TABLE);
            assertThat(log.getByText("Delivered")).isVisible(SLOW);
            assertThat(log.getByRole(AriaRole.ROW).nth(1)).containsText("204");
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("delivery-webhooks.png")).setFullPage(true));
            assertThat(received).hasSize(1);
            Received ping = received.get(0);
            String[] signature = ping.headers().get("X-ZoomFactor-Signature").split(",");
            String t = signature[0].substring("t=".length());
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + ping.body()).getBytes(StandardCharsets.UTF_8)));
            assertThat(signature[1]).as("signed with the secret the screen showed").isEqualTo("v1=" + expected);

            // every recipient's e-mail on the deliveries page
            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Deliveries").setExact(true)).click();
            Locator deliveries = region(page, "Deliveries");
            assertThat(deliveries.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(reviewed)))
                    .containsText("Delivered");
            deliveries.getByLabel("State").selectOption("failed");
            assertThat(deliveries.getByText("Nothing is failed yet.")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("delivery-deliveries.png"))
                    .setFullPage(true));
            assertThat(problems).isEmpty();
        }
    }
}
