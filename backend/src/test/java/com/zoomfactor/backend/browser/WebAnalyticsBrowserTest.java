package com.zoomfactor.backend.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static com.zoomfactor.backend.testing.Chromium.button;
import static com.zoomfactor.backend.testing.Chromium.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Chromium;
import com.zoomfactor.backend.testing.LiveClient;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tracker in a real Chromium: the owner adds the client's site on its Web section and copies the snippet; a
 * visitor opens a static page carrying it (served by this test on a host of its own, mapped to this machine by
 * Chromium's host resolver: the script ignores localhost and 127.*), moves to another page through the History API,
 * clicks an outbound link and so leaves. The events arrive, the Web section shows the visit, "visitors now" moves
 * live, and the visitor's browser holds no cookie and nothing in localStorage or sessionStorage.
 */
class WebAnalyticsBrowserTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    /** A desktop Chrome: the headless one's User-Agent says HeadlessChrome, which the tracker counts as a bot. */
    private static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36";

    @BeforeAll
    static void needsChromium() {
        Chromium.executable();
    }

    /** The site's two pages (one document: the second is reached by pushState) and the page an outbound link opens. */
    private static HttpServer pages(Vertx vertx, AtomicReference<String> snippet) {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            String host = request.authority() == null ? "" : request.authority().host();
            String html;
            if (host.startsWith("elsewhere.")) {
                html = "<!doctype html><title>Elsewhere</title><h1>Somewhere else</h1>";
            } else if (request.path().equals("/") || request.path().equals("/pricing")) {
                html = "<!doctype html><html><head><title>Blue Bottle</title>" + snippet.get() + "</head><body>"
                        + "<h1>Blue Bottle</h1>"
                        + "<button id=\"spa\" onclick=\"history.pushState({}, '', '/pricing');"
                        + " document.querySelector('h1').textContent = 'Pricing'\">Pricing</button>"
                        + "<a id=\"out\" href=\"http://elsewhere.zf.test:" + request.localAddress().port()
                        + "/\">Elsewhere</a></body></html>";
            } else {
                request.response().setStatusCode(404).end();
                return;
            }
            request.response().putHeader("Content-Type", "text/html; charset=utf-8").end(html);
        });
        LiveClient.get(server.listen(0, "127.0.0.1"));
        return server;
    }

    @Test
    void aVisitOfAPageWithTheSnippetShowsOnTheWebSectionLiveAndStoresNothingInTheBrowser() {
        Accounts accounts = live.accounts();
        Session owner = accounts.signUp("Web Agency");
        String client = live.http().call(HttpMethod.POST, "/api/clients", owner.accessToken(), new JsonObject()
                .put("name", "Blue Bottle").put("channels", new JsonArray().add("website"))).bodyAsJsonObject().getString("id");
        String domain = "shop-" + UUID.randomUUID().toString().substring(0, 8) + ".zf.test";
        AtomicReference<String> snippet = new AtomicReference<>("");
        Vertx vertx = Vertx.vertx();
        HttpServer site = pages(vertx, snippet);
        String siteUrl = "http://" + domain + ":" + site.actualPort();

        try (Playwright playwright = Chromium.playwright();
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(Chromium.executable()).setHeadless(true)
                     .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                             "--host-resolver-rules=MAP *.zf.test 127.0.0.1")))) {
            List<String> problems = new ArrayList<>();

            // the owner adds the site on the client's Web section and takes the snippet from it
            Page dashboard = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)).newPage();
            dashboard.onPageError(problems::add);
            dashboard.navigate(live.server().baseUrl() + "/login");
            field(dashboard, "Email").fill(owner.email());
            field(dashboard, "Password").fill(Accounts.PASSWORD);
            button(dashboard, "Log in").click();
            dashboard.waitForURL(Pattern.compile(".*/clients$"));
            dashboard.navigate(live.server().baseUrl() + "/clients/" + client + "?tab=data");
            assertThat(dashboard.getByTestId("live-status")).hasText("Live");
            field(dashboard, "Website domain").fill(domain);
            button(dashboard, "Add site").click();
            assertThat(dashboard.getByTestId("site-snippet")).containsText("data-site=");
            snippet.set(dashboard.getByTestId("site-snippet").textContent());
            assertThat(snippet.get()).contains(live.server().baseUrl() + "/zf.js");
            // the tracked site makes a Web tab, with its figures, before any visit
            dashboard.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Web").setExact(true)).click();
            assertThat(dashboard.getByTestId("visitors-now")).hasText("0 visitors now");
            assertThat(dashboard.getByTestId("web-visits")).containsText("0");

            // a visitor: a desktop Chrome, not announcing automation (the script ignores navigator.webdriver)
            BrowserContext visitor = browser.newContext(new Browser.NewContextOptions().setUserAgent(CHROME));
            visitor.addInitScript("Object.defineProperty(Navigator.prototype, 'webdriver', {get: () => false})");
            List<String> sent = new CopyOnWriteArrayList<>();
            visitor.onRequest(request -> {
                if (request.url().endsWith("/api/events") && "POST".equals(request.method())) {
                    sent.add(new JsonObject(request.postData()).getString("name"));
                }
            });
            Page page = visitor.newPage();
            page.onPageError(problems::add);
            page.navigate(siteUrl + "/");
            assertThat(page.locator("h1")).hasText("Blue Bottle");
            page.waitForCondition(() -> sent.contains("pageview"));
            page.locator("#spa").click();
            assertThat(page.locator("h1")).hasText("Pricing");
            assertThat(page).hasURL(siteUrl + "/pricing");
            page.waitForCondition(() -> sent.stream().filter("pageview"::equals).count() == 2);
            // nothing stored in the visitor's browser: returning visitors are off
            assertThat(page.evaluate("document.cookie")).isEqualTo("");
            assertThat(page.evaluate("localStorage.length + sessionStorage.length")).isEqualTo(0);
            page.waitForTimeout(300); // some visible time on /pricing
            page.locator("#out").click();
            page.waitForURL(Pattern.compile(".*elsewhere\\.zf\\.test.*"));
            page.waitForCondition(() -> sent.contains("outbound") && sent.contains("engagement"));
            assertThat(visitor.cookies()).isEmpty();

            // "visitors now" moves on the dashboard without a reload (a web live event), and the visit shows
            assertThat(dashboard.getByTestId("visitors-now"))
                    .hasText("1 visitor now", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
            assertThat(dashboard.getByTestId("web-visits")).containsText("1");
            assertThat(dashboard.getByTestId("web-pageviews")).containsText("2");
            assertThat(dashboard.getByTestId("web-bounceRate")).containsText("0%");
            assertThat(dashboard.getByTestId("web-breakdown-page")).containsText("/pricing");
            assertThat(dashboard.getByTestId("web-breakdown-device")).containsText("Laptop");

            // the server has every event: engagement time and the outbound click made the visit longer than nothing
            JsonObject stats = live.http().call(HttpMethod.GET, "/api/clients/" + client + "/web/stats",
                    owner.accessToken(), null).bodyAsJsonObject();
            assertThat(stats.getLong("pageviews")).isEqualTo(2);
            assertThat(stats.getDouble("timeOnPage")).isPositive();
            assertThat(problems).isEmpty();
        } finally {
            LiveClient.get(vertx.close());
        }
    }
}
