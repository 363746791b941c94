package com.zoomfactor.backend.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.config.HostAllowList;
import com.zoomfactor.backend.outbox.DeliveryTuning;
import com.zoomfactor.backend.outbox.WebhookSignature;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhooks against a local receiver (its host allowed by ZF_WEBHOOK_ALLOWED_HOSTS, as a private address must be):
 * signed deliveries, retries with a log of status codes, the refusal of private addresses, and tenancy.
 */
class WebhooksTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer(config -> config.withWebhookAllowedHosts(
            HostAllowList.parse("localhost,10.1.0.0/16")));

    /** A request the receiver got: its path, headers and body. */
    record Received(String path, MultiMap headers, String body) {
    }

    private static final List<Received> received = new CopyOnWriteArrayList<>();
    private static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private static HttpServer receiver;
    private static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);

    @BeforeAll
    static void startReceiver() throws Exception {
        live.server().outbox().tune(new DeliveryTuning(100, 10_000, 8, 200, 2_000, 5, 2_000));
        receiver = live.clientVertx().createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            received.add(new Received(request.path(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
                    body.toString()));
            int call = calls.computeIfAbsent(request.path(), p -> new AtomicInteger()).incrementAndGet();
            // /flaky fails twice before it answers
            int status = request.path().startsWith("/flaky") && call <= 2 ? 500 : 204;
            request.response().setStatusCode(status).end();
        })).listen(0, "localhost").await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopReceiver() throws Exception {
        receiver.close().await(10, TimeUnit.SECONDS);
    }

    private static String hook(String path) {
        return "http://localhost:" + receiver.actualPort() + path;
    }

    private static HttpResponse<Buffer> call(HttpMethod method, String path, Session who, JsonObject body) {
        return live.http().call(method, path, who.accessToken(), body);
    }

    private static JsonObject created(Session who, String url) {
        HttpResponse<Buffer> response = call(HttpMethod.POST, "/api/webhooks", who, new JsonObject().put("url", url)
                .put("events", new JsonArray().add("alert.fired")));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject();
    }

    @Test
    void anAlertIsPostedSignedAndTheSignatureVerifies() throws Exception {
        Session owner = live.accounts().signUp("Hooked Agency");
        UUID client = live.accounts().createClient(owner, "Hooked Client");
        JsonObject webhook = created(owner, hook("/signed/" + owner.agencyId()));
        String secret = webhook.getString("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(webhook.getString("format")).isEqualTo("json");
        JsonArray listed = call(HttpMethod.GET, "/api/webhooks", owner, null).bodyAsJsonArray();
        assertThat(listed.encode()).as("the secret is shown once").doesNotContain(secret);

        fire(owner, client);
        Received got = await("/signed/" + owner.agencyId(), 1).get(0);
        String signature = got.headers().get("X-ZoomFactor-Signature");
        long now = System.currentTimeMillis() / 1000;
        assertThat(WebhookSignature.verify(secret, signature, got.body(), now)).isTrue();
        assertThat(WebhookSignature.verify(secret, signature, got.body() + " ", now)).as("a changed body").isFalse();
        assertThat(WebhookSignature.verify("whsec_other", signature, got.body(), now)).as("another secret").isFalse();
        assertThat(WebhookSignature.verify(secret, signature, got.body(), now + 3_600)).as("a replay an hour later")
                .isFalse();
        assertThat(got.headers().get("X-ZoomFactor-Event")).isEqualTo("alert.fired");
        JsonObject body = new JsonObject(got.body());
        assertThat(body.getString("event")).isEqualTo("alert.fired");
        assertThat(body.getString("clientId")).isEqualTo(client.toString());
        assertThat(body.getString("text")).startsWith("Unique visitors of Hooked Client was 649 on ")
                .endsWith("above the threshold of 500.");
        assertThat(body.getJsonObject("data").getJsonObject("client").getString("name")).isEqualTo("Hooked Client");

        JsonArray log = awaitDeliveries(owner, webhook.getString("id"), "delivered");
        assertThat(log.getJsonObject(0).getString("id")).isEqualTo(got.headers().get("X-ZoomFactor-Delivery"));
        assertThat(log.getJsonObject(0).getJsonArray("log").getJsonObject(0).getInteger("status")).isEqualTo(204);
    }

    @Test
    void aTestCallIsSignedAndLogged() throws Exception {
        Session owner = live.accounts().signUp("Pinging Agency");
        JsonObject webhook = created(owner, hook("/ping/" + owner.agencyId()));
        HttpResponse<Buffer> test = call(HttpMethod.POST, "/api/webhooks/" + webhook.getString("id") + "/test", owner,
                null);
        assertThat(test.statusCode()).as(test.bodyAsString()).isEqualTo(202);
        Received got = await("/ping/" + owner.agencyId(), 1).get(0);
        assertThat(got.headers().get("X-ZoomFactor-Event")).isEqualTo("ping");
        assertThat(got.headers().get("X-ZoomFactor-Delivery")).isEqualTo(test.bodyAsJsonObject().getString("deliveryId"));
        assertThat(WebhookSignature.verify(webhook.getString("secret"), got.headers().get("X-ZoomFactor-Signature"),
                got.body(), System.currentTimeMillis() / 1000)).isTrue();
        Session other = live.accounts().signUp("Not Theirs");
        assertThat(call(HttpMethod.POST, "/api/webhooks/" + webhook.getString("id") + "/test", other, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aFailingWebhookIsRetriedWithBackoffAndEveryAttemptIsLogged() throws Exception {
        Session owner = live.accounts().signUp("Flaky Agency");
        UUID client = live.accounts().createClient(owner, "Flaky Client");
        JsonObject webhook = created(owner, hook("/flaky/" + owner.agencyId()));
        fire(owner, client);
        List<Received> got = await("/flaky/" + owner.agencyId(), 3);
        assertThat(got.stream().map(r -> r.headers().get("X-ZoomFactor-Delivery")).distinct())
                .as("one delivery, one idempotency key, three attempts").hasSize(1);
        JsonObject delivery = awaitDeliveries(owner, webhook.getString("id"), "delivered").getJsonObject(0);
        assertThat(delivery.getInteger("attempts")).isEqualTo(3);
        assertThat(delivery.getJsonArray("log").stream().map(a -> ((JsonObject) a).getInteger("status")).toList())
                .containsExactly(500, 500, 204);
    }

    @Test
    void privateLoopbackAndLinkLocalAddressesAreRefusedUnlessAllowed() {
        Session owner = live.accounts().signUp("Careful Agency");
        int port = receiver.actualPort();
        for (String url : new String[] {"http://127.0.0.1:" + port + "/hook", "http://10.2.3.4/hook",
                "http://169.254.169.254/latest/meta-data", "http://[::1]:" + port + "/hook", "http://192.168.1.1/",
                "http://0.0.0.0:" + port + "/", "ftp://example.com/hook", "http://[fd00::1]/hook"}) {
            HttpResponse<Buffer> refused = call(HttpMethod.POST, "/api/webhooks", owner, new JsonObject()
                    .put("url", url).put("events", new JsonArray().add("alert.fired")));
            assertThat(refused.statusCode()).as(url + ": " + refused.bodyAsString()).isEqualTo(400);
        }
        // listed in ZF_WEBHOOK_ALLOWED_HOSTS: a network, and a host name
        assertThat(created(owner, "http://10.1.2.3/hook").getString("url")).isEqualTo("http://10.1.2.3/hook");
        assertThat(created(owner, hook("/allowed")).getString("url")).startsWith("http://localhost:");
        HttpResponse<Buffer> unknown = call(HttpMethod.POST, "/api/webhooks", owner, new JsonObject()
                .put("url", hook("/x")).put("events", new JsonArray().add("weather.changed")));
        assertThat(unknown.statusCode()).isEqualTo(400);
    }

    @Test
    void anotherAgencysWebhooksAndDeliveriesAnswer404() {
        Session mine = live.accounts().signUp("Mine Agency");
        Session theirs = live.accounts().signUp("Theirs Agency");
        String id = created(theirs, hook("/theirs")).getString("id");
        assertThat(call(HttpMethod.GET, "/api/webhooks/" + id + "/deliveries", mine, null).statusCode()).isEqualTo(404);
        assertThat(call(HttpMethod.DELETE, "/api/webhooks/" + id, mine, null).statusCode()).isEqualTo(404);
        assertThat(call(HttpMethod.GET, "/api/webhooks", mine, null).bodyAsJsonArray()).isEmpty();
        assertThat(call(HttpMethod.GET, "/api/deliveries", mine, null).bodyAsJsonArray()).isEmpty();
        assertThat(call(HttpMethod.DELETE, "/api/webhooks/" + id, theirs, null).statusCode()).isEqualTo(204);
        assertThat(call(HttpMethod.DELETE, "/api/webhooks/" + id, theirs, null).statusCode()).isEqualTo(404);
    }

    /** Visitors at 649 yesterday, then a rule "above 500": it fires at once. */
    private static void fire(Session who, UUID client) {
        HttpResponse<Buffer> ingested = call(HttpMethod.POST, "/api/clients/" + client + "/observations", who,
                new JsonObject().put("points", new JsonArray().add(new JsonObject().put("metric", "web.unique_visitors")
                        .put("date", YESTERDAY.toString()).put("value", 649))));
        assertThat(ingested.statusCode()).as(ingested.bodyAsString()).isEqualTo(200);
        HttpResponse<Buffer> rule = call(HttpMethod.POST, "/api/clients/" + client + "/alert-rules", who,
                new JsonObject().put("kind", "threshold").put("metric", "web.unique_visitors")
                        .put("direction", "above").put("threshold", 500).put("channels",
                                new JsonArray().add("in_app").add("webhook")));
        assertThat(rule.statusCode()).as(rule.bodyAsString()).isEqualTo(201);
    }

    private static List<Received> await(String path, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            List<Received> got = received.stream().filter(r -> r.path().equals(path)).toList();
            if (got.size() >= count) {
                return got;
            }
            assertThat(System.currentTimeMillis()).as("calls of " + path + ": " + got.size()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static JsonArray awaitDeliveries(Session who, String webhookId, String state) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            HttpResponse<Buffer> response = call(HttpMethod.GET, "/api/webhooks/" + webhookId + "/deliveries", who, null);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonArray list = response.bodyAsJsonArray();
            if (!list.isEmpty() && list.getJsonObject(0).getString("state").equals(state)) {
                return list;
            }
            assertThat(System.currentTimeMillis()).as("deliveries: " + list.encode()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
