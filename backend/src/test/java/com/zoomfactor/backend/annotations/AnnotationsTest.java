package com.zoomfactor.backend.annotations;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static com.zoomfactor.backend.testing.LiveClient.event;
import static com.zoomfactor.backend.testing.LiveClient.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AnnotationsTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final LocalDate LAUNCH = LocalDate.now(ZoneOffset.UTC).minusDays(20);

    private Http http;
    private Session owner;
    private UUID client;
    private String base;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Annotating Agency");
        client = live.accounts().createClient(owner, "Annotated Client");
        base = "/api/clients/" + client + "/annotations";
    }

    private HttpResponse<Buffer> call(HttpMethod method, String path, Session who, JsonObject body) {
        return http.call(method, path, who.accessToken(), body);
    }

    private JsonObject create(JsonObject body) {
        HttpResponse<Buffer> created = call(HttpMethod.POST, base, owner, body);
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        return created.bodyAsJsonObject();
    }

    @Test
    void anAnalystAnnotatesEditsAndDeletesAndEveryoneSeesItInTheFeed() {
        Session analyst = live.accounts().invite(owner, "analyst", null);
        HttpResponse<Buffer> made = call(HttpMethod.POST, base, analyst, new JsonObject()
                .put("date", LAUNCH.toString()).put("text", "Campaign launched").put("metric", "web.unique_visitors"));
        assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
        JsonObject annotation = made.bodyAsJsonObject();
        assertThat(annotation.getString("date")).isEqualTo(LAUNCH.toString());
        assertThat(annotation.getString("metric")).isEqualTo("web.unique_visitors");
        assertThat(annotation.getJsonObject("createdBy").getString("id")).isEqualTo(analyst.userId().toString());
        String one = base + "/" + annotation.getString("id");

        JsonObject edited = call(HttpMethod.PATCH, one, owner, new JsonObject().put("text", "Spring campaign launched")
                .putNull("metric")).bodyAsJsonObject();
        assertThat(edited.getString("text")).isEqualTo("Spring campaign launched");
        assertThat(edited.getValue("metric")).isNull();
        assertThat(edited.getString("date")).isEqualTo(LAUNCH.toString());

        JsonArray listed = call(HttpMethod.GET, base + "?from=" + LAUNCH + "&to=" + LAUNCH, owner, null).bodyAsJsonArray();
        assertThat(listed).hasSize(1);
        assertThat(call(HttpMethod.GET, base + "?to=" + LAUNCH.minusDays(1), owner, null).bodyAsJsonArray()).isEmpty();

        assertThat(call(HttpMethod.DELETE, one, owner, null).statusCode()).isEqualTo(204);
        assertError(call(HttpMethod.GET, one, owner, null), 404);
        assertError(call(HttpMethod.DELETE, one, owner, null), 404);

        JsonArray feed = call(HttpMethod.GET, "/api/clients/" + client + "/activity", owner, null).bodyAsJsonObject()
                .getJsonArray("entries");
        assertThat(feed.stream().map(e -> ((JsonObject) e).getString("kind")))
                .containsExactly("annotation.deleted", "annotation.updated", "annotation.created");
        JsonObject first = feed.getJsonObject(2);
        assertThat(first.getJsonObject("actor").getString("id")).isEqualTo(analyst.userId().toString());
        assertThat(first.getString("summary")).contains("Campaign launched");
        JsonObject page = call(HttpMethod.GET, "/api/clients/" + client + "/activity?limit=2", owner, null)
                .bodyAsJsonObject();
        assertThat(page.getJsonArray("entries")).hasSize(2);
        JsonObject rest = call(HttpMethod.GET, "/api/clients/" + client + "/activity?before=" + page.getLong("next"),
                owner, null).bodyAsJsonObject();
        assertThat(rest.getJsonArray("entries")).hasSize(1);
        assertThat(rest.getValue("next")).isNull();
    }

    @Test
    void badInputIsRefusedWithTheProblemNamed() {
        JsonObject good = new JsonObject().put("date", LAUNCH.toString()).put("text", "Launch");
        assertError(call(HttpMethod.POST, base, owner, good.copy().put("date", "soon")), 400);
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("text", "no date")), 400);
        assertError(call(HttpMethod.POST, base, owner, good.copy().put("text", " ")), 400);
        assertError(call(HttpMethod.POST, base, owner, good.copy().put("text", "x".repeat(501))), 400);
        assertError(call(HttpMethod.POST, base, owner, good.copy().put("metric", "vanity.score")), 400);
        assertError(call(HttpMethod.POST, base, owner, good.copy().put("date", "3000-01-01")), 400);
        String one = base + "/" + create(good).getString("id");
        assertError(call(HttpMethod.GET, one + "/impact?days=0", owner, null), 400);
        assertError(call(HttpMethod.GET, one + "/impact?days=91", owner, null), 400);
        assertError(call(HttpMethod.GET, base + "/not-an-id", owner, null), 404); // like every malformed id
        assertError(call(HttpMethod.GET, base + "?from=" + LAUNCH + "&to=" + LAUNCH.minusDays(1), owner, null), 400);
        assertError(call(HttpMethod.GET, "/api/clients/" + client + "/activity?before=x", owner, null), 400);
    }

    @Test
    void viewersReadButDoNotWriteAndOtherAgenciesSeeNothing() {
        String one = base + "/" + create(new JsonObject().put("date", LAUNCH.toString()).put("text", "Launch"))
                .getString("id");
        Session viewer = live.accounts().invite(owner, "viewer", null);
        assertThat(call(HttpMethod.GET, base, viewer, null).statusCode()).isEqualTo(200);
        assertError(call(HttpMethod.POST, base, viewer, new JsonObject().put("date", LAUNCH.toString()).put("text", "x")), 403);
        assertError(call(HttpMethod.PATCH, one, viewer, new JsonObject().put("text", "x")), 403);
        assertError(call(HttpMethod.DELETE, one, viewer, null), 403);

        Session stranger = live.accounts().signUp("Stranger Annotations");
        assertError(call(HttpMethod.GET, base, stranger, null), 404);
        assertError(call(HttpMethod.GET, one, stranger, null), 404);
        assertError(call(HttpMethod.PATCH, one, stranger, new JsonObject().put("text", "mine now")), 404);
        assertError(call(HttpMethod.DELETE, one, stranger, null), 404);
        assertError(call(HttpMethod.GET, one + "/impact", stranger, null), 404);
        assertError(call(HttpMethod.GET, "/api/clients/" + client + "/activity", stranger, null), 404);
        // and the annotation of another client of the same agency is not reachable through this one
        UUID other = live.accounts().createClient(owner, "Other Annotated");
        assertError(call(HttpMethod.GET, "/api/clients/" + other + "/annotations/" + one.substring(one.lastIndexOf('/') + 1),
                owner, null), 404);
    }

    @Test
    void theImpactComparesTheDaysAfterWithTheDaysBeforeWithTheTrendTestsConfidence() {
        JsonArray points = new JsonArray();
        for (int offset = -14; offset < 14; offset++) {
            LocalDate day = LAUNCH.plusDays(offset);
            points.add(new JsonObject().put("metric", "web.unique_visitors").put("date", day.toString())
                    .put("value", (offset < 0 ? 100 : 150) + Math.floorMod(offset, 3)));
            points.add(new JsonObject().put("metric", "web.bounce_rate").put("date", day.toString())
                    .put("value", 0.4 + 0.001 * Math.floorMod(offset, 2)));
        }
        assertThat(call(HttpMethod.POST, "/api/clients/" + client + "/observations", owner,
                new JsonObject().put("points", points)).statusCode()).isEqualTo(200);
        String one = base + "/" + create(new JsonObject().put("date", LAUNCH.toString()).put("text", "Launch"))
                .getString("id");
        HttpResponse<Buffer> answered = call(HttpMethod.GET, one + "/impact?days=14", owner, null);
        assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(200);
        JsonObject impact = answered.bodyAsJsonObject();
        assertThat(impact.getInteger("days")).isEqualTo(14);
        JsonObject visitors = impact.getJsonArray("metrics").stream().map(JsonObject.class::cast)
                .filter(m -> m.getString("metric").equals("web.unique_visitors")).findFirst().orElseThrow();
        assertThat(visitors.getDouble("relativeChange")).isCloseTo(0.5, within(0.03));
        assertThat(visitors.getString("verdict")).isEqualTo("up");
        assertThat(visitors.getDouble("confidence")).isGreaterThan(0.99);
        assertThat(visitors.getBoolean("improved")).isTrue();
        JsonObject bounce = impact.getJsonArray("metrics").stream().map(JsonObject.class::cast)
                .filter(m -> m.getString("metric").equals("web.bounce_rate")).findFirst().orElseThrow();
        assertThat(bounce.getString("verdict")).isEqualTo("flat");
        assertThat(bounce.getBoolean("improved")).isFalse();
        assertThat(impact.getJsonObject("score")).isNotNull();
    }

    @Test
    void watchersSeeAnnotationsAndTheFeedLive() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (LiveClient socket = LiveClient.connect(vertx, http, live.server().port(), owner.accessToken())) {
            socket.subscribe(client, null);
            socket.await(type("subscribed"), 5_000);
            create(new JsonObject().put("date", LAUNCH.toString()).put("text", "Live note"));
            JsonObject annotation = socket.await(event("annotation"), 5_000);
            assertThat(annotation.getJsonObject("data").getString("action")).isEqualTo("created");
            assertThat(annotation.getJsonObject("data").getJsonObject("annotation").getString("text")).isEqualTo("Live note");
            JsonObject activity = socket.await(event("activity"), 5_000);
            assertThat(activity.getLong("seq")).isEqualTo(annotation.getLong("seq") + 1);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
