package com.zoomfactor.backend.alerts;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static com.zoomfactor.backend.testing.LiveClient.event;
import static com.zoomfactor.backend.testing.LiveClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveClient;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AlertsTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final String VISITORS = "web.unique_visitors";

    private Http http;
    private Session owner;
    private Session analyst;
    private UUID client;
    private String rules;
    private String alerts;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Watchful Agency");
        analyst = live.accounts().invite(owner, "analyst", null);
        client = live.accounts().createClient(owner, "Watched Client");
        rules = "/api/clients/" + client + "/alert-rules";
        alerts = "/api/clients/" + client + "/alerts";
    }

    private HttpResponse<Buffer> call(HttpMethod method, String path, Session who, JsonObject body) {
        return http.call(method, path, who.accessToken(), body);
    }

    private JsonObject created(String path, Session who, JsonObject body) {
        HttpResponse<Buffer> response = call(HttpMethod.POST, path, who, body);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject();
    }

    /** Daily visitors for the days {@code fromAgo} down to {@code toAgo} days ago: noise around 500, seeded. */
    private void visitors(Random random, int fromAgo, int toAgo) {
        JsonArray points = new JsonArray();
        for (int ago = fromAgo; ago >= toAgo; ago--) {
            points.add(point(VISITORS, TODAY.minusDays(ago), Math.round(500 + random.nextGaussian() * 15)));
        }
        ingest(points);
    }

    private static JsonObject point(String metric, LocalDate day, double value) {
        return new JsonObject().put("metric", metric).put("date", day.toString()).put("value", value);
    }

    private void ingest(JsonArray points) {
        HttpResponse<Buffer> response = call(HttpMethod.POST, "/api/clients/" + client + "/observations", analyst,
                new JsonObject().put("points", points));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    }

    private JsonArray awaitList(String path, Session who, Predicate<JsonArray> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        JsonArray list = call(HttpMethod.GET, path, who, null).bodyAsJsonArray();
        while (!condition.test(list)) {
            assertThat(System.currentTimeMillis()).as(path + " never became as expected: " + list).isLessThan(deadline);
            Thread.sleep(100);
            list = call(HttpMethod.GET, path, who, null).bodyAsJsonArray();
        }
        return list;
    }

    @Test
    void rulesAreAddedChangedAndRemovedWithEveryProblemNamed() {
        JsonObject threshold = created(rules, analyst, new JsonObject().put("kind", "threshold").put("metric", VISITORS)
                .put("direction", "above").put("threshold", 1000));
        assertThat(threshold.getString("kind")).isEqualTo("threshold");
        assertThat(threshold.getString("metric")).isEqualTo(VISITORS);
        assertThat(threshold.getDouble("threshold")).isEqualTo(1000.0);
        assertThat(threshold.getBoolean("enabled")).isTrue();
        assertThat(threshold.getString("activeFrom")).as("no data yet: watches from today").isEqualTo(TODAY.toString());
        JsonObject adaptive = created(rules, owner, new JsonObject().put("kind", "adaptive").put("metric", VISITORS));
        assertThat(adaptive.getString("direction")).isEqualTo("either");
        assertThat(adaptive.getValue("threshold")).isNull();
        JsonObject score = created(rules, owner, new JsonObject().put("kind", "threshold").put("metric", "score")
                .put("direction", "below").put("threshold", 40));
        assertThat(score.getString("metric")).isEqualTo("score");

        String one = rules + "/" + threshold.getString("id");
        HttpResponse<Buffer> changed = call(HttpMethod.PATCH, one, analyst, new JsonObject().put("threshold", 1200)
                .put("direction", "below").put("enabled", false));
        assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
        assertThat(changed.bodyAsJsonObject().getDouble("threshold")).isEqualTo(1200.0);
        assertThat(changed.bodyAsJsonObject().getString("direction")).isEqualTo("below");
        assertThat(changed.bodyAsJsonObject().getBoolean("enabled")).isFalse();
        assertThat(call(HttpMethod.GET, rules, owner, null).bodyAsJsonArray()).hasSize(3);
        assertThat(call(HttpMethod.DELETE, one, analyst, null).statusCode()).isEqualTo(204);
        assertError(call(HttpMethod.DELETE, one, analyst, null), 404);
        assertError(call(HttpMethod.PATCH, one, analyst, new JsonObject().put("enabled", true)), 404);
        assertThat(call(HttpMethod.GET, rules, owner, null).bodyAsJsonArray()).hasSize(2);
        JsonArray feed = call(HttpMethod.GET, "/api/clients/" + client + "/activity", owner, null).bodyAsJsonObject()
                .getJsonArray("entries");
        assertThat(feed.stream().map(e -> ((JsonObject) e).getString("kind"))).containsExactly("alert_rule.deleted",
                "alert_rule.updated", "alert_rule.created", "alert_rule.created", "alert_rule.created");

        // bad input, each naming its problem
        String adaptiveOne = rules + "/" + adaptive.getString("id");
        assertProblem(call(HttpMethod.POST, rules, owner, new JsonObject().put("metric", VISITORS)), "kind");
        assertProblem(call(HttpMethod.POST, rules, owner, new JsonObject().put("kind", "sometimes").put("metric", VISITORS)), "kind");
        assertProblem(call(HttpMethod.POST, rules, owner, new JsonObject().put("kind", "adaptive")), "metric");
        assertProblem(call(HttpMethod.POST, rules, owner, new JsonObject().put("kind", "adaptive").put("metric", "vanity")), "metric");
        assertProblem(call(HttpMethod.POST, rules, owner, new JsonObject().put("kind", "adaptive").put("metric", "score")), "metric");
        assertProblem(call(HttpMethod.POST, rules, owner, new JsonObject().put("kind", "threshold").put("metric", VISITORS)
                .put("threshold", 5)), "direction");
        assertProblem(call(HttpMethod.POST, rules, owner, new JsonObject().put("kind", "threshold").put("metric", VISITORS)
                .put("direction", "either").put("threshold", 5)), "direction");
        assertProblem(call(HttpMethod.POST, rules, owner, new JsonObject().put("kind", "threshold").put("metric", VISITORS)
                .put("direction", "above")), "threshold");
        assertProblem(call(HttpMethod.POST, rules, owner, new JsonObject().put("kind", "threshold").put("metric", VISITORS)
                .put("direction", "above").put("threshold", "many")), "threshold");
        assertProblem(call(HttpMethod.POST, rules, owner, new JsonObject().put("kind", "threshold").put("metric", VISITORS)
                .put("direction", "below").put("threshold", -1)), "threshold");
        assertProblem(call(HttpMethod.POST, rules, owner, new JsonObject().put("kind", "threshold").put("metric", "score")
                .put("direction", "below").put("threshold", 120)), "threshold");
        assertProblem(call(HttpMethod.POST, rules, owner, new JsonObject().put("kind", "adaptive").put("metric", VISITORS)
                .put("threshold", 3)), "threshold");
        assertProblem(call(HttpMethod.POST, rules, owner, new JsonObject().put("kind", "adaptive").put("metric", VISITORS)
                .put("direction", "sideways")), "direction");
        assertProblem(call(HttpMethod.POST, rules, owner, new JsonObject().put("kind", "adaptive").put("metric", VISITORS)
                .put("enabled", "yes")), "enabled");
        assertProblem(call(HttpMethod.PATCH, adaptiveOne, owner, new JsonObject().put("metric", "web.bounce_rate")), "metric");
        assertError(call(HttpMethod.PATCH, rules + "/not-an-id", owner, new JsonObject()), 404);
        assertThat(call(HttpMethod.GET, rules, owner, null).bodyAsJsonArray()).hasSize(2);
    }

    private static void assertProblem(HttpResponse<Buffer> response, String field) {
        assertError(response, 400);
        assertThat(response.bodyAsJsonObject().getString("message")).contains(field);
    }

    @Test
    void viewersReadAndOtherAgenciesSeeNothing() {
        String one = rules + "/" + created(rules, owner, new JsonObject().put("kind", "adaptive").put("metric", VISITORS))
                .getString("id");
        Session viewer = live.accounts().invite(owner, "viewer", null);
        Session clientViewer = live.accounts().invite(owner, "viewer", client);
        assertThat(call(HttpMethod.GET, rules, viewer, null).bodyAsJsonArray()).hasSize(1);
        assertThat(call(HttpMethod.GET, rules, clientViewer, null).bodyAsJsonArray()).hasSize(1);
        assertThat(call(HttpMethod.GET, alerts, clientViewer, null).statusCode()).isEqualTo(200);
        assertError(call(HttpMethod.POST, rules, viewer, new JsonObject().put("kind", "adaptive").put("metric", VISITORS)), 403);
        assertError(call(HttpMethod.PATCH, one, viewer, new JsonObject().put("enabled", false)), 403);
        assertError(call(HttpMethod.DELETE, one, clientViewer, null), 403);
        assertError(call(HttpMethod.POST, alerts + "/" + UUID.randomUUID() + "/acknowledge", viewer, new JsonObject()), 403);

        Session stranger = live.accounts().signUp("Rival Agency");
        assertError(call(HttpMethod.GET, rules, stranger, null), 404);
        assertError(call(HttpMethod.GET, alerts, stranger, null), 404);
        assertError(call(HttpMethod.POST, rules, stranger, new JsonObject().put("kind", "adaptive").put("metric", VISITORS)), 404);
        assertError(call(HttpMethod.PATCH, one, stranger, new JsonObject().put("enabled", false)), 404);
        assertError(call(HttpMethod.DELETE, one, stranger, null), 404);
        assertError(call(HttpMethod.POST, alerts + "/" + UUID.randomUUID() + "/acknowledge", stranger, new JsonObject()), 404);
        // the stranger's own client does not open ours either
        UUID theirs = live.accounts().createClient(stranger, "Their Client");
        assertError(call(HttpMethod.PATCH, "/api/clients/" + theirs + "/alert-rules/" + one.substring(one.lastIndexOf('/') + 1),
                stranger, new JsonObject().put("enabled", false)), 404);
        assertThat(call(HttpMethod.GET, rules, owner, null).bodyAsJsonArray().getJsonObject(0).getBoolean("enabled")).isTrue();
    }

    @Test
    void aPlantedAnomalyFiresOneAlertNotifiesEveryoneWhoSeesTheClientAndIsAcknowledgedOnce() throws Exception {
        Session viewer = live.accounts().invite(owner, "viewer", null);
        Session clientViewer = live.accounts().invite(owner, "viewer", client);
        UUID elsewhere = live.accounts().createClient(owner, "Elsewhere");
        Session otherClientViewer = live.accounts().invite(owner, "viewer", elsewhere);
        Random random = new Random(2026);
        visitors(random, 60, 31);
        JsonObject rule = created(rules, analyst, new JsonObject().put("kind", "adaptive").put("metric", VISITORS)
                .put("direction", "above"));
        assertThat(rule.getString("activeFrom")).as("the latest day with data").isEqualTo(TODAY.minusDays(31).toString());

        Vertx vertx = Vertx.vertx();
        try (LiveClient socket = LiveClient.connect(vertx, http, live.server().port(), analyst.accessToken())) {
            socket.subscribe(client, null);
            socket.await(type("subscribed"), 5_000);
            // a month of normal noise, then the anomaly in a batch of its own
            visitors(random, 30, 1);
            ingest(new JsonArray().add(point(VISITORS, TODAY, 800)));

            JsonObject fired = socket.await(event("alert"), 15_000);
            assertThat(fired.getLong("seq")).isPositive();
            JsonObject alert = fired.getJsonObject("data").getJsonObject("alert");
            assertThat(fired.getJsonObject("data").getString("action")).isEqualTo("fired");
            assertThat(alert.getString("day")).isEqualTo(TODAY.toString());
            assertThat(alert.getDouble("value")).isEqualTo(800.0);
            assertThat(alert.getDouble("bandHigh")).isBetween(500.0, 800.0);
            assertThat(alert.getString("state")).isEqualTo("open");
            assertThat(alert.getString("message")).startsWith("web.unique_visitors was 800 on " + TODAY + ", above its normal band");
            JsonObject notification = socket.await(event("notification"), 5_000);
            assertThat(notification.getJsonObject("data").getString("kind")).isEqualTo("alert");
            String alertId = alert.getString("id");

            JsonArray list = call(HttpMethod.GET, alerts, viewer, null).bodyAsJsonArray();
            assertThat(list).as("the month of noise fired nothing; the anomaly once").hasSize(1);
            assertThat(list.getJsonObject(0).getString("id")).isEqualTo(alertId);

            // everyone who can see the client is told, and no one else
            for (Session who : new Session[] {owner, analyst, viewer, clientViewer}) {
                JsonArray mine = call(HttpMethod.GET, "/api/notifications", who, null).bodyAsJsonArray();
                assertThat(mine).hasSize(1);
                assertThat(mine.getJsonObject(0).getString("kind")).isEqualTo("alert");
                assertThat(mine.getJsonObject(0).getString("alertId")).isEqualTo(alertId);
                assertThat(mine.getJsonObject(0).getString("clientId")).isEqualTo(client.toString());
                assertThat(mine.getJsonObject(0).getString("summary")).startsWith("Alert: web.unique_visitors was 800");
            }
            assertThat(call(HttpMethod.GET, "/api/notifications", otherClientViewer, null).bodyAsJsonArray()).isEmpty();

            // the same day again fires nothing new
            ingest(new JsonArray().add(point(VISITORS, TODAY, 810)));
            Thread.sleep(AlertWatcher.MAX_WAIT_MS);
            assertThat(call(HttpMethod.GET, alerts, owner, null).bodyAsJsonArray()).hasSize(1);
            assertThat(call(HttpMethod.GET, "/api/notifications", owner, null).bodyAsJsonArray()).hasSize(1);

            // acknowledged once, with a note; the discussion is a thread pinned to it
            String ack = alerts + "/" + alertId + "/acknowledge";
            assertError(call(HttpMethod.POST, ack, analyst, new JsonObject().put("note", "x".repeat(2001))), 400);
            assertError(call(HttpMethod.POST, alerts + "/" + UUID.randomUUID() + "/acknowledge", analyst, null), 404);
            HttpResponse<Buffer> acknowledged = call(HttpMethod.POST, ack, analyst,
                    new JsonObject().put("note", "Newsletter went out"));
            assertThat(acknowledged.statusCode()).as(acknowledged.bodyAsString()).isEqualTo(200);
            JsonObject by = acknowledged.bodyAsJsonObject().getJsonObject("acknowledgement");
            assertThat(acknowledged.bodyAsJsonObject().getString("state")).isEqualTo("acknowledged");
            assertThat(by.getString("by")).isEqualTo(analyst.userId().toString());
            assertThat(by.getString("note")).isEqualTo("Newsletter went out");
            assertThat(by.getString("at")).isNotBlank();
            JsonObject ackEvent = socket.await(event("alert"), 5_000);
            assertThat(ackEvent.getLong("seq")).isGreaterThan(fired.getLong("seq"));
            assertThat(ackEvent.getJsonObject("data").getString("action")).isEqualTo("acknowledged");
            HttpResponse<Buffer> again = call(HttpMethod.POST, ack, owner, null);
            assertError(again, 409);
            assertThat(again.bodyAsJsonObject().getString("message")).contains("already acknowledged");
            assertThat(call(HttpMethod.GET, alerts + "?state=open", owner, null).bodyAsJsonArray()).isEmpty();
            assertThat(call(HttpMethod.GET, alerts + "?state=acknowledged", owner, null).bodyAsJsonArray()).hasSize(1);
            assertProblem(call(HttpMethod.GET, alerts + "?state=closed", owner, null), "state");

            String comments = "/api/clients/" + client + "/comments";
            JsonObject thread = created(comments, owner, new JsonObject().put("text", "Was it the newsletter?")
                    .put("alertId", alertId));
            assertThat(thread.getString("alertId")).isEqualTo(alertId);
            created(comments, owner, new JsonObject().put("text", "Unrelated"));
            assertThat(call(HttpMethod.GET, comments + "?alertId=" + alertId, owner, null).bodyAsJsonArray()).hasSize(1);
            assertProblem(call(HttpMethod.POST, comments, owner, new JsonObject().put("text", "?")
                    .put("alertId", UUID.randomUUID().toString())), "alertId");
            assertProblem(call(HttpMethod.POST, comments, owner, new JsonObject().put("text", "?")
                    .put("alertId", alertId).put("metric", VISITORS)), "alertId");

            JsonArray feed = call(HttpMethod.GET, "/api/clients/" + client + "/activity?limit=200", owner, null)
                    .bodyAsJsonObject().getJsonArray("entries");
            assertThat(feed.stream().map(JsonObject.class::cast).filter(e -> e.getString("kind").startsWith("alert.")))
                    .extracting(e -> e.getString("kind") + " by " + e.getJsonObject("actor").getValue("id"))
                    .containsExactly("alert.acknowledged by " + analyst.userId(), "alert.fired by null");
            assertThat(feedActor(feed, "alert.fired")).isEqualTo("alert.fired by " + AlertEvaluator.ACTOR);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static String feedActor(JsonArray feed, String kind) {
        return kind + " by " + feed.stream().map(JsonObject.class::cast).filter(e -> e.getString("kind").equals(kind))
                .findFirst().orElseThrow().getJsonObject("actor").getString("name");
    }

    @Test
    void aThresholdOnTheScoreFiresWhenTheScoreCrossesIt() throws Exception {
        JsonArray points = new JsonArray();
        for (int ago = 0; ago < 120; ago++) {
            points.add(point("web.bounce_rate", TODAY.minusDays(ago), ago < 60 ? 0.38 : 0.52));
            points.add(point(VISITORS, TODAY.minusDays(ago), ago < 60 ? 500 : 400));
        }
        ingest(points);
        String history = "/api/clients/" + client + "/score/history";
        double first = awaitScores(history, 1);

        JsonObject above = created(rules, owner, new JsonObject().put("kind", "threshold").put("metric", "score")
                .put("direction", "above").put("threshold", first + 0.01));
        assertThat(above.getString("activeFrom")).isEqualTo(TODAY.toString());
        assertThat(call(HttpMethod.GET, alerts, owner, null).bodyAsJsonArray()).as("not crossed yet").isEmpty();

        // a better bounce rate lifts the score across the line
        JsonArray better = new JsonArray();
        for (int ago = 0; ago < 60; ago++) {
            better.add(point("web.bounce_rate", TODAY.minusDays(ago), 0.20));
        }
        ingest(better);
        JsonArray fired = awaitList(alerts, owner, list -> !list.isEmpty());
        assertThat(fired).hasSize(1);
        JsonObject alert = fired.getJsonObject(0);
        assertThat(alert.getString("ruleId")).isEqualTo(above.getString("id"));
        assertThat(alert.getString("metric")).isEqualTo("score");
        assertThat(alert.getDouble("value")).isGreaterThan(first + 0.01);
        assertThat(alert.getDouble("threshold")).isEqualTo(first + 0.01);
        assertThat(alert.getString("message")).startsWith("the Zoom Factor was ").contains("above the threshold of");

        // a new rule already breached fires at once, in its own request
        created(rules, owner, new JsonObject().put("kind", "threshold").put("metric", "score")
                .put("direction", "below").put("threshold", 100));
        assertThat(call(HttpMethod.GET, alerts, owner, null).bodyAsJsonArray()).hasSize(2);
    }

    @Test
    void savingARuleAgainNeverReportsABreachTwiceAndDeletingItKeepsItsDiscussion() throws Exception {
        // visitors above 1,000 since five days ago; the data so far ends three days ago
        JsonArray high = new JsonArray();
        for (int ago = 40; ago >= 3; ago--) {
            high.add(point(VISITORS, TODAY.minusDays(ago), ago > 5 ? 500 : 1_500));
        }
        ingest(high);
        JsonObject rule = created(rules, owner, new JsonObject().put("kind", "threshold").put("metric", VISITORS)
                .put("direction", "above").put("threshold", 1_000));
        JsonArray fired = call(HttpMethod.GET, alerts, owner, null).bodyAsJsonArray();
        assertThat(fired).as("the breach under way, on the rule's first day").hasSize(1);
        assertThat(fired.getJsonObject(0).getString("day")).isEqualTo(TODAY.minusDays(3).toString());

        // the breach goes on to today: still the same breach
        JsonArray more = new JsonArray();
        for (int ago = 2; ago >= 0; ago--) {
            more.add(point(VISITORS, TODAY.minusDays(ago), 1_600));
        }
        ingest(more);
        Thread.sleep(AlertWatcher.MAX_WAIT_MS + 500);
        assertThat(call(HttpMethod.GET, alerts, owner, null).bodyAsJsonArray()).hasSize(1);

        // saving the rule unchanged keeps its watch: no second report of the same breach
        String one = rules + "/" + rule.getString("id");
        HttpResponse<Buffer> saved = call(HttpMethod.PATCH, one, owner, new JsonObject().put("enabled", true)
                .put("threshold", 1_000));
        assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
        assertThat(saved.bodyAsJsonObject().getString("activeFrom")).isEqualTo(rule.getString("activeFrom"));
        assertThat(call(HttpMethod.GET, alerts, owner, null).bodyAsJsonArray()).hasSize(1);

        // a discussion of the alert outlives the rule (and its alerts): it stays, pinned to the client
        String comments = "/api/clients/" + client + "/comments";
        JsonObject thread = created(comments, owner, new JsonObject().put("text", "Is the counter double-counting?")
                .put("alertId", fired.getJsonObject(0).getString("id")));
        created(comments, analyst, new JsonObject().put("text", "Checking").put("parentId", thread.getString("id")));
        assertThat(call(HttpMethod.DELETE, one, owner, null).statusCode()).isEqualTo(204);
        assertThat(call(HttpMethod.GET, alerts, owner, null).bodyAsJsonArray()).isEmpty();
        JsonArray threads = call(HttpMethod.GET, comments, owner, null).bodyAsJsonArray();
        assertThat(threads).hasSize(1);
        assertThat(threads.getJsonObject(0).getValue("alertId")).isNull();
        assertThat(threads.getJsonObject(0).getJsonArray("replies")).hasSize(1);
    }

    @Test
    void aDayStillUnderWayIsNotJudgedLowButAnEndedOneIs() throws Exception {
        JsonArray normal = new JsonArray();
        for (int ago = 30; ago >= 2; ago--) {
            normal.add(point(VISITORS, TODAY.minusDays(ago), 500));
        }
        ingest(normal);
        JsonObject rule = created(rules, owner, new JsonObject().put("kind", "threshold").put("metric", VISITORS)
                .put("direction", "below").put("threshold", 100));
        assertThat(rule.getString("activeFrom")).isEqualTo(TODAY.minusDays(2).toString());

        // today's running total is low only because the day is not over: no alert
        ingest(new JsonArray().add(point(VISITORS, TODAY.minusDays(1), 480)).add(point(VISITORS, TODAY, 3)));
        Thread.sleep(AlertWatcher.MAX_WAIT_MS + 500);
        assertThat(call(HttpMethod.GET, alerts, owner, null).bodyAsJsonArray()).isEmpty();

        // yesterday, an ended day, really was low: that is an alert
        ingest(new JsonArray().add(point(VISITORS, TODAY.minusDays(1), 40)));
        JsonArray fired = awaitList(alerts, owner, list -> !list.isEmpty());
        assertThat(fired).hasSize(1);
        assertThat(fired.getJsonObject(0).getString("day")).isEqualTo(TODAY.minusDays(1).toString());
    }

    @Test
    void aClientHasAtMostFiftyRules() {
        for (int i = 0; i < AlertRuleHandlers.MAX_RULES; i++) {
            created(rules, owner, new JsonObject().put("kind", "threshold").put("metric", "score")
                    .put("direction", "below").put("threshold", i % 100));
        }
        HttpResponse<Buffer> tooMany = call(HttpMethod.POST, rules, owner, new JsonObject().put("kind", "threshold")
                .put("metric", "score").put("direction", "below").put("threshold", 10));
        assertError(tooMany, 400);
        assertThat(tooMany.bodyAsJsonObject().getString("message")).contains("at most 50");
    }

    /** Waits for the score history to hold {@code count} points; the latest score. */
    private double awaitScores(String history, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            JsonArray points = call(HttpMethod.GET, history, owner, null).bodyAsJsonObject().getJsonArray("points");
            if (points.size() >= count) {
                return points.getJsonObject(points.size() - 1).getDouble("score");
            }
            assertThat(System.currentTimeMillis()).as("no score recorded").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
