package com.zoomfactor.backend.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.app.ApiRouter;
import com.zoomfactor.backend.app.Services;
import com.zoomfactor.backend.http.InFlight;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server answers {@code POST /api/events} and its preflight ahead of the router ({@link EventsEndpoint}): every
 * answer must be what the router alone gives for the same request — status, {@code {status, message}} body, CORS
 * and security headers — for good and bad events alike. The router alone runs here on a second port, over the same
 * database.
 */
class EventsEndpointTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    static final String FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    /** The headers both must give alike (the date and the body length aside). */
    static final List<String> HEADERS = List.of("Access-Control-Allow-Origin", "Access-Control-Allow-Methods",
            "Access-Control-Allow-Headers", "Access-Control-Max-Age", "Content-Type", "Cache-Control", "Retry-After",
            "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy",
            "Cross-Origin-Opener-Policy", "Permissions-Policy", "Allow", "Connection");

    static HttpServer routerAlone;
    static Http fast;
    static Http routed;
    static String key;
    static String domain;

    @BeforeAll
    static void routerOnItsOwnPort() throws Exception {
        Vertx vertx = live.server().vertx();
        Services services = Services.create(vertx, live.server().config(), live.server().pool())
                .await(30, TimeUnit.SECONDS);
        Router router = ApiRouter.create(vertx, services).await(30, TimeUnit.SECONDS);
        routerAlone = vertx.createHttpServer().requestHandler(router).listen(0).await(30, TimeUnit.SECONDS);
        fast = live.http();
        routed = new Http(live.clientVertx(), routerAlone.actualPort());
        Session owner = live.accounts().signUp("Endpoint Agency");
        UUID client = live.accounts().createClient(owner, "Endpoint client");
        domain = "fast-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        HttpResponse<Buffer> site = fast.call(HttpMethod.POST, "/api/clients/" + client + "/sites", owner.accessToken(),
                new JsonObject().put("domain", domain));
        assertThat(site.statusCode()).as(site.bodyAsString()).isEqualTo(201);
        key = site.bodyAsJsonObject().getString("siteKey");
    }

    @AfterAll
    static void close() throws Exception {
        routerAlone.close().await(10, TimeUnit.SECONDS);
    }

    private static JsonObject event(String path) {
        return new JsonObject().put("site", key).put("name", "pageview").put("url", "https://" + domain + path)
                .put("width", 1280);
    }

    /** The same request to both; their answers compared; the fast path's returned. */
    private static HttpResponse<Buffer> alike(HttpMethod method, String contentType, String body, Map<String, String> headers) {
        HttpResponse<Buffer> ahead = fast.sendWithHeaders(method, "/api/events", contentType, body, headers);
        HttpResponse<Buffer> behind = routed.sendWithHeaders(method, "/api/events", contentType, body, headers);
        assertThat(ahead.statusCode()).as(ahead.bodyAsString()).isEqualTo(behind.statusCode());
        for (String header : HEADERS) {
            assertThat(ahead.getHeader(header)).as(method + " " + header).isEqualTo(behind.getHeader(header));
        }
        if (behind.statusCode() >= 400) {
            assertThat(ahead.bodyAsJsonObject()).isEqualTo(behind.bodyAsJsonObject());
        } else {
            assertThat(ahead.bodyAsString()).isEqualTo(behind.bodyAsString());
        }
        return ahead;
    }

    private static HttpResponse<Buffer> post(String body) {
        return alike(HttpMethod.POST, "text/plain", body, Map.of("User-Agent", FIREFOX));
    }

    @Test
    void goodEventsAndBotsAre202() {
        assertThat(post(event("/a").encode()).statusCode()).isEqualTo(202);
        assertThat(alike(HttpMethod.POST, "application/json", event("/b").put("props", new JsonObject().put("plan", "pro"))
                .encode(), Map.of("User-Agent", FIREFOX)).statusCode()).isEqualTo(202);
        assertThat(alike(HttpMethod.POST, "text/plain", event("/c").encode(),
                Map.of("User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))
                .statusCode()).isEqualTo(202);
    }

    @Test
    void badEventsAreAnsweredAsByTheRouter() {
        assertThat(post("{not json").statusCode()).isEqualTo(400);
        assertThat(post("").statusCode()).isEqualTo(400);
        assertThat(post("[1, 2]").statusCode()).isEqualTo(400);
        assertThat(post("{\"site\": 1}").statusCode()).isEqualTo(400);
        assertThat(post(event("/") + " trailing").statusCode()).isEqualTo(400);
        assertThat(post(event("/").put("url", "ftp://" + domain + "/").encode()).statusCode()).isEqualTo(400);
        assertThat(post(event("/").put("url", "https://" + domain + "/a b").encode()).statusCode()).isEqualTo(400);
        assertThat(post(event("/").put("name", "x".repeat(65)).encode()).statusCode()).isEqualTo(400);
        assertThat(post(event("/").put("engagedMs", -1).encode()).statusCode()).isEqualTo(400);
        assertThat(post(event("/").put("returning", "yes").encode()).statusCode()).isEqualTo(400);
        assertThat(post(event("/").put("props", new JsonObject().put("nested", new JsonObject())).encode()).statusCode())
                .isEqualTo(400);
        assertThat(post(event("/").put("site", "A".repeat(32)).encode()).statusCode()).as("unknown site").isEqualTo(404);
        assertThat(post(event("/").put("url", "https://elsewhere.example/").encode()).statusCode()).isEqualTo(422);
        assertThat(post(event("/").put("props", new JsonObject().put("big", "x".repeat(5000))).encode()).statusCode())
                .isEqualTo(413);
    }

    @Test
    void otherMethodsAndThePreflightAreAnsweredAlike() {
        assertThat(alike(HttpMethod.OPTIONS, null, null, Map.of("Origin", "https://" + domain,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"))
                .statusCode()).isEqualTo(204);
        assertThat(alike(HttpMethod.GET, null, null, Map.of()).statusCode()).isEqualTo(405);
        assertThat(alike(HttpMethod.PUT, "text/plain", event("/").encode(), Map.of()).statusCode()).isEqualTo(405);
    }

    @Test
    void drainingWaitsForAnEventInFlightAndTurnsNewOnesAway() throws Exception {
        Vertx vertx = live.server().vertx();
        Services services = Services.create(vertx, live.server().config(), live.server().pool())
                .await(30, TimeUnit.SECONDS);
        InFlight inFlight = new InFlight();
        HttpServer server = vertx.createHttpServer().requestHandler(new EventsEndpoint(
                        new TrackingHandlers(services.tracking()), inFlight, request -> request.response().end()))
                .listen(0).await(30, TimeUnit.SECONDS);
        HttpClient client = live.clientVertx().createHttpClient();
        try {
            // an event whose body is still arriving is in flight
            io.vertx.core.http.HttpClientRequest slow = client.request(new RequestOptions().setMethod(HttpMethod.POST)
                    .setHost("localhost").setPort(server.actualPort()).setURI("/api/events")).await(10, TimeUnit.SECONDS);
            slow.setChunked(true).putHeader("Content-Type", "text/plain").putHeader("User-Agent", FIREFOX);
            String body = event("/slow").encode();
            slow.write(body.substring(0, 10)).await(10, TimeUnit.SECONDS);
            long waiting = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (inFlight.count() == 0 && System.nanoTime() < waiting) {
                Thread.sleep(10);
            }
            assertThat(inFlight.count()).isEqualTo(1);
            io.vertx.core.Future<Void> drained = inFlight.drain(vertx, 10_000);
            Thread.sleep(100);
            assertThat(drained.isComplete()).as("waits for the event in flight").isFalse();

            HttpResponse<Buffer> refused = new Http(live.clientVertx(), server.actualPort()).sendWithHeaders(
                    HttpMethod.POST, "/api/events", "text/plain", event("/late").encode(), Map.of("User-Agent", FIREFOX));
            com.zoomfactor.backend.testing.ApiAssertions.assertError(refused, 503);
            assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
            assertThat(refused.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");

            int status = slow.send(body.substring(10)).compose(response -> response.body().map(ignored ->
                    response.statusCode())).await(30, TimeUnit.SECONDS);
            assertThat(status).as("the event in flight is answered").isEqualTo(202);
            drained.await(10, TimeUnit.SECONDS);
            assertThat(inFlight.count()).isZero();
        } finally {
            client.close().await(10, TimeUnit.SECONDS);
            server.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIs413WithoutALength() throws Exception {
        HttpClient client = live.clientVertx().createHttpClient();
        try {
            for (int port : new int[] {live.server().port(), routerAlone.actualPort()}) {
                int status = client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost")
                                .setPort(port).setURI("/api/events"))
                        .compose(request -> {
                            request.setChunked(true).putHeader("Content-Type", "text/plain");
                            for (int i = 0; i < 5; i++) {
                                request.write("{\"pad\":\"" + "x".repeat(1000) + "\",");
                            }
                            return request.send("\"site\":\"" + key + "\"}");
                        })
                        .compose(response -> response.body().map(body -> {
                            assertThat(body.toJsonObject().getString("message")).isEqualTo("The request body is too large");
                            assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
                            return response.statusCode();
                        }))
                        .await(30, TimeUnit.SECONDS);
                assertThat(status).as("port " + port).isEqualTo(413);
            }
        } finally {
            client.close().await(10, TimeUnit.SECONDS);
        }
    }
}
