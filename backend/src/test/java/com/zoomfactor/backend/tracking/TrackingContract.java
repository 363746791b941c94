package com.zoomfactor.backend.tracking;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.backend.config.DatabaseUrl;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveClient;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tracker end to end: sites' events in, bots counted, sessions and figures out, daily observations written. Run
 * against each page event store: {@link TrackingTest} (PostgreSQL), {@link ClickHouseTrackingTest}.
 */
abstract class TrackingContract {

    /** The class's server. */
    abstract LiveServer live();

    /** How many stored events of this site have this path, read from the store itself. */
    abstract long storedEvents(String siteId, String path) throws Exception;

    /** How many stored events of this site have any text containing one of {@code probes}. */
    abstract long storedTextContaining(String siteId, List<String> probes) throws Exception;

    /** Stores {@code copies} more copies of the site's one stored event, one second apart after it (bulk, not HTTP). */
    abstract void copyTheEvent(String siteId, int copies) throws Exception;

    static final String FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    static final String SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
    static final String CHROME = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/131.0.0.0 Safari/537.36";

    private Http http;
    private Session owner;
    private UUID client;
    private String domain;
    private String key;

    @BeforeEach
    void setUp() {
        http = live().http();
        owner = live().accounts().signUp("Tracking Agency");
        client = live().accounts().createClient(owner, "Blue Bottle");
        domain = "shop-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        key = site(client, domain);
    }

    @AfterEach
    void systemClock() {
        live().server().tracking().clock().use(Clock.systemUTC());
    }

    private String site(UUID clientId, String siteDomain) {
        HttpResponse<Buffer> created = http.call(HttpMethod.POST, "/api/clients/" + clientId + "/sites",
                owner.accessToken(), new JsonObject().put("domain", siteDomain));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        return created.bodyAsJsonObject().getString("siteKey");
    }

    private void at(String instant) {
        live().server().tracking().clock().use(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private HttpResponse<Buffer> send(String userAgent, JsonObject event) {
        return http.sendWithHeaders(HttpMethod.POST, "/api/events", "text/plain;charset=UTF-8", event.encode(),
                Map.of("User-Agent", userAgent));
    }

    private JsonObject event(String name, String path) {
        return new JsonObject().put("site", key).put("name", name).put("url", "https://" + domain + path)
                .put("width", 1280);
    }

    private void accepted(String userAgent, JsonObject event) {
        HttpResponse<Buffer> answer = send(userAgent, event);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(202);
        assertThat(answer.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    private JsonObject stats(String from, String to) {
        HttpResponse<Buffer> answer = http.call(HttpMethod.GET, "/api/clients/" + client + "/web/stats?from=" + from
                + "&to=" + to, owner.accessToken(), null);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        return answer.bodyAsJsonObject();
    }

    private JsonArray breakdown(String by, String day) {
        HttpResponse<Buffer> answer = http.call(HttpMethod.GET, "/api/clients/" + client + "/web/breakdown?by=" + by
                + "&from=" + day + "&to=" + day, owner.accessToken(), null);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        return answer.bodyAsJsonObject().getJsonArray("rows");
    }

    @Test
    void sessionsBouncesDurationsAndBreakdownsComeFromAScriptedDay() {
        // Firefox: /a, /b and 30 s engaged (one visit of 5 minutes); an hour later /a alone (a second visit, a bounce)
        at("2026-11-10T10:00:00Z");
        accepted(FIREFOX, event("pageview", "/a?utm_source=newsletter&utm_medium=email")
                .put("referrer", "https://www.google.com/search?q=x"));
        at("2026-11-10T10:02:00Z");
        accepted(FIREFOX, event("pageview", "/b").put("referrer", "https://" + domain + "/a"));
        at("2026-11-10T10:05:00Z");
        accepted(FIREFOX, event("engagement", "/b").put("engagedMs", 30_000));
        at("2026-11-10T11:00:00Z");
        accepted(FIREFOX, event("pageview", "/a"));
        // Safari on a phone: /c and 3 s engaged (a bounce of 5 s), from a blog
        at("2026-11-10T10:10:00Z");
        accepted(SAFARI, event("pageview", "/c").put("width", 390).put("referrer", "https://blog.example.org/post"));
        at("2026-11-10T10:10:05Z");
        accepted(SAFARI, event("engagement", "/c").put("engagedMs", 3_000).put("width", 390));
        // Chrome: /d then a custom event a minute later (engaged: no bounce)
        at("2026-11-10T10:30:00Z");
        accepted(CHROME, event("pageview", "/d"));
        at("2026-11-10T10:31:00Z");
        accepted(CHROME, event("signup", "/d").put("props", new JsonObject().put("plan", "pro")));
        // outside the day: not counted in it
        at("2026-11-11T00:00:00Z");
        accepted(CHROME, event("pageview", "/d"));

        JsonObject day = stats("2026-11-10", "2026-11-10");
        assertThat(day.getLong("visitors")).isEqualTo(3);
        assertThat(day.getLong("visits")).isEqualTo(4);
        assertThat(day.getLong("pageviews")).isEqualTo(5);
        assertThat(day.getDouble("bounceRate")).isCloseTo(0.5, within(1e-9));
        assertThat(day.getDouble("visitDuration")).isCloseTo((300 + 0 + 5 + 60) / 4.0, within(1e-6));
        assertThat(day.getDouble("pagesPerVisit")).isCloseTo(1.25, within(1e-9));
        assertThat(day.getDouble("timeOnPage")).isCloseTo(33.0 / 5, within(1e-9));
        assertThat(day.getJsonObject("previous").getLong("visits")).isZero();
        assertThat(day.getJsonObject("previous").getString("from")).isEqualTo("2026-11-09");

        assertThat(rows(breakdown("page", "2026-11-10"), "pageviews"))
                .containsExactly("/a=2", "/b=1", "/c=1", "/d=1");
        assertThat(rows(breakdown("entry", "2026-11-10"), "visits")).containsExactly("/a=2", "/c=1", "/d=1");
        assertThat(rows(breakdown("exit", "2026-11-10"), "visits")).containsExactly("/a=1", "/b=1", "/c=1", "/d=1");
        assertThat(rows(breakdown("source", "2026-11-10"), "visits"))
                .containsExactly("Direct / None=2", "blog.example.org=1", "newsletter=1");
        assertThat(rows(breakdown("referrer", "2026-11-10"), "visits"))
                .containsExactly("Direct / None=2", "blog.example.org=1", "www.google.com=1");
        assertThat(rows(breakdown("browser", "2026-11-10"), "visits")).containsExactly("Firefox=2", "Chrome=1", "Safari=1");
        assertThat(rows(breakdown("os", "2026-11-10"), "visits")).containsExactly("Windows=2", "iOS=1", "macOS=1");
        assertThat(rows(breakdown("device", "2026-11-10"), "visits")).containsExactly("Laptop=3", "Mobile=1");
        assertError(http.call(HttpMethod.GET, "/api/clients/" + client + "/web/breakdown?by=nonsense",
                owner.accessToken(), null), 400);
    }

    private String siteId() {
        return http.call(HttpMethod.GET, "/api/clients/" + client + "/sites", owner.accessToken(), null)
                .bodyAsJsonArray().getJsonObject(0).getString("id");
    }

    private static List<String> rows(JsonArray rows, String field) {
        List<String> lines = new ArrayList<>();
        rows.forEach(row -> lines.add(((JsonObject) row).getString("value") + "=" + ((JsonObject) row).getLong(field)));
        return lines;
    }

    @Test
    void visitorsAreStableWithinADayAndNewAfterTheSaltRotates() {
        at("2026-11-12T09:00:00Z");
        accepted(FIREFOX, event("pageview", "/"));
        at("2026-11-12T15:00:00Z");
        accepted(FIREFOX, event("pageview", "/"));
        at("2026-11-12T23:50:00Z");
        accepted(FIREFOX, event("pageview", "/"));
        at("2026-11-13T00:10:00Z");
        accepted(FIREFOX, event("pageview", "/"));

        // X-Forwarded-For is not trusted by default: a forged one changes nothing
        at("2026-11-12T15:10:00Z");
        HttpResponse<Buffer> forged = http.sendWithHeaders(HttpMethod.POST, "/api/events", "text/plain",
                event("pageview", "/").encode(), Map.of("User-Agent", FIREFOX, "X-Forwarded-For", "203.0.113.9"));
        assertThat(forged.statusCode()).isEqualTo(202);

        JsonObject first = stats("2026-11-12", "2026-11-12");
        assertThat(first.getLong("visitors")).as("one browser on one address, one day").isEqualTo(1);
        assertThat(first.getLong("visits")).isEqualTo(3);
        JsonObject both = stats("2026-11-12", "2026-11-13");
        assertThat(both.getLong("visitors")).as("a new day's salt makes a new visitor id").isEqualTo(2);
        assertThat(both.getLong("visits")).as("the session does not cross the rotation").isEqualTo(4);
        assertThat(first.getLong("pageviews")).isEqualTo(4);
    }

    private long rolledUpDays(UUID clientId) throws Exception {
        try (Connection sql = admin(); Statement statement = sql.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM web_days WHERE client_id = '" + clientId + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void recompute() throws Exception {
        live().server().tracking().recomputeDue().await(30, TimeUnit.SECONDS);
    }

    @Test
    void theDashboardReadsDailyRollupsPlusTheMinutesSinceAndRollsUpDaysItReadRaw() throws Exception {
        at("2026-11-18T09:00:00Z");
        accepted(FIREFOX, event("pageview", "/old"));
        accepted(FIREFOX, event("pageview", "/older"));
        // today: two visits, then a rollup
        at("2026-11-20T10:00:00Z");
        accepted(FIREFOX, event("pageview", "/a"));
        at("2026-11-20T10:01:00Z");
        accepted(SAFARI, event("pageview", "/b"));
        at("2026-11-20T10:02:00Z");
        recompute();
        long rolledUp = rolledUpDays(client);
        assertThat(rolledUp).as("today and yesterday rolled up, not the 18th").isEqualTo(2);
        // after the rollup: the Firefox visit goes on, a new visitor arrives, Safari comes back after 39 minutes
        at("2026-11-20T10:03:00Z");
        accepted(FIREFOX, event("pageview", "/c"));
        at("2026-11-20T10:04:00Z");
        accepted(CHROME, event("pageview", "/a"));
        at("2026-11-20T10:40:00Z");
        accepted(SAFARI, event("pageview", "/a"));

        JsonObject live = stats("2026-11-20", "2026-11-20");
        assertThat(live.getLong("visitors")).as("Firefox and Safari counted once, Chrome new").isEqualTo(3);
        assertThat(live.getLong("visits")).as("Firefox's visit went on: not a new one").isEqualTo(4);
        assertThat(live.getLong("pageviews")).isEqualTo(5);
        assertThat(rows(breakdown("page", "2026-11-20"), "pageviews")).containsExactly("/a=3", "/b=1", "/c=1");
        assertThat(rows(breakdown("browser", "2026-11-20"), "visits"))
                .containsExactly("Safari=2", "Chrome=1", "Firefox=1");

        // the 18th was read raw (and is asked for), the next pass rolls it up; figures do not move
        JsonObject threeDays = stats("2026-11-18", "2026-11-20");
        assertThat(threeDays.getLong("pageviews")).isEqualTo(7);
        at("2026-11-20T10:45:00Z");
        recompute();
        assertThat(rolledUpDays(client)).as("the 18th rolled up after it was read").isGreaterThanOrEqualTo(3);
        JsonObject rolled = stats("2026-11-20", "2026-11-20");
        assertThat(rolled.getLong("visitors")).isEqualTo(3);
        assertThat(rolled.getLong("visits")).isEqualTo(4);
        assertThat(rolled.getLong("pageviews")).isEqualTo(5);
        assertThat(rolled.getDouble("bounceRate")).as("Firefox's visit has two pages now").isEqualTo(0.75);
        assertThat(rolled.getDouble("visitDuration")).as("Firefox 3 minutes over 4 visits").isEqualTo(45.0);
        assertThat(rows(breakdown("page", "2026-11-20"), "pageviews")).containsExactly("/a=3", "/b=1", "/c=1");
        assertThat(rows(breakdown("entry", "2026-11-20"), "visits")).containsExactly("/a=3", "/b=1");
        assertThat(rows(breakdown("browser", "2026-11-20"), "visits"))
                .containsExactly("Safari=2", "Chrome=1", "Firefox=1");
        assertThat(rows(breakdown("device", "2026-11-20"), "visitors")).containsExactly("Laptop=3");
        JsonObject again = stats("2026-11-18", "2026-11-20");
        assertThat(again.getLong("pageviews")).isEqualTo(7);
        assertThat(again.getLong("visits")).isEqualTo(5);
        assertThat(again.getLong("visitors")).isEqualTo(4);

        // a new time zone cuts other days: the rollups of the old one are not used
        assertThat(http.call(HttpMethod.PATCH, "/api/clients/" + client, owner.accessToken(),
                new JsonObject().put("timeZone", "Asia/Kolkata")).statusCode()).isEqualTo(200);
        JsonObject kolkata = stats("2026-11-20", "2026-11-20");
        assertThat(kolkata.getLong("pageviews")).as("10:00-10:40 UTC is the 20th in Kolkata too").isEqualTo(5);
        assertThat(stats("2026-11-18", "2026-11-18").getLong("pageviews")).as("09:00 UTC is 14:30 in Kolkata")
                .isEqualTo(2);
    }

    @Test
    void aDayAnotherServerIsRollingUpIsSkippedAndDoneAtTheNextPass() throws Exception {
        at("2026-11-24T10:00:00Z");
        accepted(FIREFOX, event("pageview", "/a"));
        try (Connection other = admin(); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            // another server rolling up the client's 24th: it holds the day's lock for its transaction
            statement.execute("SELECT pg_advisory_xact_lock(hashtextextended('web-rollup:" + client + ":2026-11-24', 0))");
            recompute();
            assertThat(rolledUpDays(client)).as("only the 23rd: the 24th was taken").isEqualTo(1);
            other.commit();
        }
        recompute();
        assertThat(rolledUpDays(client)).as("the 24th at the next pass, with no new event to bring it back")
                .isEqualTo(2);
        assertThat(stats("2026-11-24", "2026-11-24").getLong("pageviews")).isEqualTo(1);
    }

    @Test
    void aVisitorWithTensOfThousandsOfEventsInADayIsReadInBoundedMemory() throws Exception {
        // one browser behind one address sending all day (a kiosk, a bot the filters missed): one visitor, one visit
        at("2026-11-25T08:00:00Z");
        accepted(FIREFOX, event("pageview", "/kiosk"));
        copyTheEvent(siteId(), 40_000);
        JsonObject day = stats("2026-11-25", "2026-11-25");
        assertThat(day.getLong("pageviews")).isEqualTo(40_001);
        assertThat(day.getLong("visitors")).isEqualTo(1);
        assertThat(day.getLong("visits")).as("one second apart: never 30 minutes idle").isEqualTo(1);
        at("2026-11-25T20:00:00Z");
        recompute();
        assertThat(stats("2026-11-25", "2026-11-25").getLong("pageviews")).as("rolled up").isEqualTo(40_001);
    }

    @Test
    void dailyObservationsAreWrittenInTheClientsTimeZone() throws Exception {
        UUID eastern = live().accounts().createClient(owner, "New York Bagels");
        assertThat(http.call(HttpMethod.PATCH, "/api/clients/" + eastern, owner.accessToken(),
                new JsonObject().put("timeZone", "America/New_York")).statusCode()).isEqualTo(200);
        String nyDomain = "bagels-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String nyKey = site(eastern, nyDomain);
        // 03:00 UTC on the 11th is 22:00 on the 10th in New York
        at("2026-11-11T03:00:00Z");
        JsonObject view = new JsonObject().put("site", nyKey).put("name", "pageview").put("url", "https://www."
                + nyDomain + "/menu");
        accepted(FIREFOX, view);
        accepted(SAFARI, view);
        at("2026-11-11T03:05:00Z");
        live().server().tracking().recomputeDue().await(30, TimeUnit.SECONDS);

        JsonObject visitors = http.call(HttpMethod.GET, "/api/clients/" + eastern
                + "/observations?metric=web.unique_visitors&from=2026-11-09&to=2026-11-12", owner.accessToken(), null)
                .bodyAsJsonObject();
        JsonArray points = visitors.getJsonArray("points");
        assertThat(points).hasSize(1);
        assertThat(points.getJsonObject(0).getString("date")).isEqualTo("2026-11-10");
        assertThat(points.getJsonObject(0).getDouble("value")).isEqualTo(2.0);
        JsonArray pages = http.call(HttpMethod.GET, "/api/clients/" + eastern
                + "/observations?metric=web.pageviews&from=2026-11-10&to=2026-11-10&dimension=%2Fmenu",
                owner.accessToken(), null).bodyAsJsonObject().getJsonArray("points");
        assertThat(pages.getJsonObject(0).getDouble("value")).isEqualTo(2.0);
        JsonArray bounce = http.call(HttpMethod.GET, "/api/clients/" + eastern
                + "/observations?metric=web.bounce_rate&from=2026-11-10&to=2026-11-10", owner.accessToken(), null)
                .bodyAsJsonObject().getJsonArray("points");
        assertThat(bounce.getJsonObject(0).getDouble("value")).isEqualTo(1.0);
    }

    @Test
    void badEventsAreRefused() {
        assertError(send(FIREFOX, new JsonObject().put("site", "unknownunknownunknown").put("name", "pageview")
                .put("url", "https://" + domain + "/")), 404);
        assertError(send(FIREFOX, event("pageview", "/").put("url", "https://elsewhere.example/")), 422);
        assertError(send(FIREFOX, event("pageview", "/").put("url", "https://not" + domain + "/")), 422);
        assertError(send(FIREFOX, event("pageview", "/").put("props", new JsonObject().put("big", "x".repeat(5000)))), 413);
        HttpResponse<Buffer> malformed = http.sendWithHeaders(HttpMethod.POST, "/api/events", "text/plain", "{not json",
                Map.of("User-Agent", FIREFOX));
        assertError(malformed, 400);
        assertThat(malformed.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
        assertError(send(FIREFOX, new JsonObject().put("site", key).put("name", "pageview")), 400);
        assertError(send(FIREFOX, event("pageview", "/").put("url", "ftp://" + domain + "/")), 400);
        assertError(send(FIREFOX, event("x".repeat(65), "/")), 400);
        assertError(send(FIREFOX, event("pageview", "/").put("engagedMs", -1)), 400);
        assertError(send(FIREFOX, event("pageview", "/").put("props", new JsonObject().put("nested", new JsonObject()))), 400);
        // JSON as application/json is read too
        HttpResponse<Buffer> json = http.sendWithHeaders(HttpMethod.POST, "/api/events", "application/json",
                event("pageview", "/").encode(), Map.of("User-Agent", FIREFOX));
        assertThat(json.statusCode()).isEqualTo(202);

        HttpResponse<Buffer> preflight = http.sendWithHeaders(HttpMethod.OPTIONS, "/api/events", null, null,
                Map.of("Origin", "https://" + domain, "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "content-type"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(preflight.getHeader("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.getHeader("Access-Control-Allow-Headers")).containsIgnoringCase("content-type");
    }

    @Test
    void botsAndReferrerSpamAreCountedNotStored() throws Exception {
        at("2026-11-14T12:00:00Z");
        accepted("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", event("pageview", "/"));
        accepted("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0"
                + " Safari/537.36", event("pageview", "/"));
        accepted("curl/8.5.0", event("pageview", "/"));
        accepted(FIREFOX, event("pageview", "/").put("referrer", "https://semalt.com/"));
        accepted(FIREFOX, event("pageview", "/"));

        assertThat(stats("2026-11-14", "2026-11-14").getLong("pageviews")).isEqualTo(1);
        try (Connection admin = admin(); Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("SELECT day, hits FROM bot_hits b JOIN sites s ON s.id = b.site_id"
                     + " WHERE s.site_key = '" + key + "'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("day")).isEqualTo("2026-11-14");
            assertThat(rows.getLong("hits")).isEqualTo(4);
        }
    }

    @Test
    void noAddressOrUserAgentIsStoredAnywhereAndOldSaltsAreDeleted() throws Exception {
        String userAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 PrivacyProbe/"
                + UUID.randomUUID();
        at("2026-11-15T08:00:00Z");
        accepted(userAgent, event("pageview", "/private").put("props", new JsonObject().put("k", "v")));
        accepted(userAgent, event("engagement", "/private").put("engagedMs", 12_000));
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT table_name, column_name FROM information_schema.columns"
                    + " WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json')"
                    + " AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                    + " AND table_type = 'BASE TABLE')")) {
                while (rows.next()) {
                    columns.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
            assertThat(columns).isNotEmpty();
            for (String[] column : columns) {
                try (ResultSet found = statement.executeQuery("SELECT count(*) FROM \"" + column[0] + "\" WHERE \""
                        + column[1] + "\"::text LIKE '%PrivacyProbe%' OR \"" + column[1] + "\"::text LIKE '%127.0.0.1%'"
                        + " OR \"" + column[1] + "\"::text LIKE '%0:0:0:0:0:0:0:1%'")) {
                    found.next();
                    assertThat(found.getLong(1)).as(column[0] + "." + column[1]).isZero();
                }
            }
        }
        assertThat(storedEvents(siteId(), "/private")).as("the events themselves are stored").isEqualTo(2);
        assertThat(storedTextContaining(siteId(), List.of("PrivacyProbe", "127.0.0.1", "0:0:0:0:0:0:0:1")))
                .as("no address or User-Agent in the event store").isZero();

        // three days later the first salt is gone: made over 48 hours ago
        at("2026-11-18T08:00:00Z");
        accepted(userAgent, event("pageview", "/private"));
        try (Connection admin = admin(); Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("SELECT day FROM visitor_salts ORDER BY day")) {
            List<String> days = new ArrayList<>();
            while (rows.next()) {
                days.add(rows.getString(1));
            }
            assertThat(days).contains("2026-11-18").doesNotContain("2026-11-15");
        }
        try (Connection admin = admin(); Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM visitor_salts"
                     + " WHERE created_at < '2026-11-16T08:00:00Z'")) {
            rows.next();
            assertThat(rows.getLong(1)).as("no salt older than 48 hours").isZero();
        }
    }

    @Test
    void returningVisitorsCountWhenTheSiteRecognisesThemAndASiteLeavesWithItsEvents() throws Exception {
        String base = "/api/clients/" + client + "/sites";
        String siteId = http.call(HttpMethod.GET, base, owner.accessToken(), null).bodyAsJsonArray().getJsonObject(0)
                .getString("id");
        assertThat(http.call(HttpMethod.PATCH, base + "/" + siteId, owner.accessToken(),
                new JsonObject().put("returningVisitors", true)).statusCode()).isEqualTo(200);
        at("2026-11-20T10:00:00Z");
        accepted(FIREFOX, event("pageview", "/").put("returning", true));
        accepted(SAFARI, event("pageview", "/").put("returning", false));
        at("2026-11-20T10:05:00Z");
        live().server().tracking().recomputeDue().await(30, TimeUnit.SECONDS);
        JsonArray returning = http.call(HttpMethod.GET, "/api/clients/" + client
                + "/observations?metric=web.returning_visitors&from=2026-11-20&to=2026-11-20", owner.accessToken(), null)
                .bodyAsJsonObject().getJsonArray("points");
        assertThat(returning.getJsonObject(0).getDouble("value")).isEqualTo(1.0);
        JsonArray share = http.call(HttpMethod.GET, "/api/clients/" + client
                + "/observations?metric=web.returning_visitor_share&from=2026-11-20&to=2026-11-20", owner.accessToken(),
                null).bodyAsJsonObject().getJsonArray("points");
        assertThat(share.getJsonObject(0).getDouble("value")).isEqualTo(0.5);

        assertThat(storedEvents(siteId, "/")).isEqualTo(2);
        assertThat(http.call(HttpMethod.DELETE, base + "/" + siteId, owner.accessToken(), null).statusCode())
                .isEqualTo(204);
        long left = storedEvents(siteId, "/");
        for (int tries = 0; left > 0 && tries < 100; tries++) {
            Thread.sleep(100); // ClickHouse deletes in the background (a mutation)
            left = storedEvents(siteId, "/");
        }
        assertThat(left).as("the site's events went with it").isZero();
    }

    @Test
    void behindATrustedProxyTheVisitorIsTheAddressTheProxySaw() throws Exception {
        at("2026-11-22T10:00:00Z");
        try (TestServer proxied = live().server().another(config -> config.withTrustProxy(true))) {
            proxied.tracking().clock().use(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
            Http behind = new Http(live().clientVertx(), proxied.port());
            // the proxy appends the address it saw; what the client wrote before it is the client's to forge
            for (String forwarded : List.of("198.51.100.7", "10.9.9.9, 198.51.100.7", "198.51.100.8", " 198.51.100.8 ")) {
                HttpResponse<Buffer> sent = behind.sendWithHeaders(HttpMethod.POST, "/api/events", "text/plain",
                        event("pageview", "/p").encode(), Map.of("User-Agent", FIREFOX, "X-Forwarded-For", forwarded));
                assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
            }
        }
        JsonObject day = stats("2026-11-22", "2026-11-22");
        assertThat(day.getLong("pageviews")).isEqualTo(4);
        assertThat(day.getLong("visitors")).as("two addresses as the proxy saw them").isEqualTo(2);
    }

    @Test
    void everyInstanceDerivesTheSameVisitorFromTheSharedSalt() throws Exception {
        at("2026-11-21T10:00:00Z");
        accepted(FIREFOX, event("pageview", "/one"));
        try (TestServer second = live().server().another()) {
            second.tracking().clock().use(Clock.fixed(Instant.parse("2026-11-21T10:01:00Z"), ZoneOffset.UTC));
            HttpResponse<Buffer> there = new Http(live().clientVertx(), second.port()).sendWithHeaders(HttpMethod.POST,
                    "/api/events", "text/plain", event("pageview", "/two").encode(), Map.of("User-Agent", FIREFOX));
            assertThat(there.statusCode()).isEqualTo(202);
        }
        JsonObject day = stats("2026-11-21", "2026-11-21");
        assertThat(day.getLong("pageviews")).isEqualTo(2);
        assertThat(day.getLong("visitors")).as("both instances used the day's one salt").isEqualTo(1);
        assertThat(day.getLong("visits")).isEqualTo(1);
    }

    Connection admin() throws Exception {
        DatabaseUrl admin = live().server().database();
        return DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
    }

    private JsonObject realtime() {
        HttpResponse<Buffer> answer = http.call(HttpMethod.GET, "/api/clients/" + client + "/web/realtime",
                owner.accessToken(), null);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        return answer.bodyAsJsonObject();
    }

    @Test
    void visitorsNowAreTheLastFiveMinutesAndReachLiveDashboardsWhenTheyChange() {
        at("2026-11-12T10:00:00Z");
        accepted(FIREFOX, event("pageview", "/a"));
        at("2026-11-12T10:03:00Z");
        accepted(SAFARI, event("pageview", "/c"));
        at("2026-11-12T10:04:00Z");
        accepted(FIREFOX, event("pageview", "/b"));
        accepted(FIREFOX, event("engagement", "/b").put("engagedMs", 20_000));
        at("2026-11-12T10:05:00Z");
        JsonObject now = realtime();
        assertThat(now.getLong("visitors")).isEqualTo(2);
        // each visitor on their latest page
        assertThat(now.getJsonArray("pages").stream().map(JsonObject.class::cast)
                .map(page -> page.getString("path") + "=" + page.getLong("visitors")).toList())
                .containsExactly("/b=1", "/c=1");

        try (LiveClient socket = LiveClient.connect(live().server().vertx(), http, live().server().port(),
                owner.accessToken())) {
            socket.subscribe(client, 0L);
            LiveClient.get(live().server().tracking().pushVisitorsNow());
            JsonObject two = socket.await(message -> LiveClient.event("web").test(message)
                    && message.getJsonObject("data").getLong("visitors") == 2, 10_000);
            assertThat(two.getJsonObject("data").getJsonArray("pages")).hasSize(2);
            // Safari leaves the window without an event: the next look says so
            at("2026-11-12T10:08:30Z");
            LiveClient.get(live().server().tracking().pushVisitorsNow());
            socket.await(message -> LiveClient.event("web").test(message)
                    && message.getJsonObject("data").getLong("visitors") == 1, 10_000);
            assertThat(realtime().getLong("visitors")).isEqualTo(1);
            at("2026-11-12T10:30:00Z");
            LiveClient.get(live().server().tracking().pushVisitorsNow());
            socket.await(message -> LiveClient.event("web").test(message)
                    && message.getJsonObject("data").getLong("visitors") == 0, 10_000);
            // nothing changed: nothing more is recorded
            LiveClient.get(live().server().tracking().pushVisitorsNow());
            assertThat(socket.drain(300).stream().filter(LiveClient.event("web"))).isEmpty();
        }
    }
}
