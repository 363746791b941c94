package com.zoomfactor.backend.scores;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScoreApiTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);

    private Http http;
    private Session owner;
    private UUID client;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Scored Agency");
        client = live.accounts().createClient(owner, "Scored Client");
    }

    private JsonObject score() {
        HttpResponse<Buffer> response = http.call(HttpMethod.GET, "/api/clients/" + client + "/score?asOf=" + AS_OF,
                owner.accessToken(), null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    @Test
    void theScoreOfStoredDataExplainsItselfAndAddsUp() {
        JsonArray points = new JsonArray();
        for (int day = 0; day < 180; day++) {
            String date = AS_OF.minusDays(day).toString();
            boolean window = day < 90;
            points.add(new JsonObject().put("metric", "web.bounce_rate").put("date", date).put("value", window ? 0.38 : 0.52));
            points.add(new JsonObject().put("metric", "web.unique_visitors").put("date", date).put("value", window ? 500 : 400));
            points.add(new JsonObject().put("metric", "web.returning_visitors").put("date", date).put("value", window ? 90 : 60));
        }
        assertThat(http.call(HttpMethod.POST, "/api/clients/" + client + "/observations", owner.accessToken(),
                new JsonObject().put("points", points)).statusCode()).isEqualTo(200);

        JsonObject score = score();
        assertThat(score.getString("clientId")).isEqualTo(client.toString());
        assertThat(score.getString("asOf")).isEqualTo(AS_OF.toString());
        assertThat(score.getJsonObject("window")).as("the 90 days up to asOf, both ends included")
                .isEqualTo(new JsonObject().put("days", 90).put("from", "2026-08-03").put("to", AS_OF.toString()));
        assertThat(score.getString("methodologyVersion")).isNotBlank();
        double sum = score.getJsonArray("components").stream()
                .mapToDouble(c -> ((JsonObject) c).getDouble("contribution")).sum();
        assertThat(score.getDouble("quality")).isCloseTo(sum, within(0.01));
        assertThat(score.getDouble("score")).isCloseTo(score.getDouble("quality")
                * score.getJsonObject("authenticity").getDouble("factor"), within(0.01));
        JsonObject attention = score.getJsonArray("components").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("key").equals("attention")).findFirst().orElseThrow();
        assertThat(attention.getBoolean("measured")).isTrue();
        assertThat(attention.getDouble("score")).as("bounce rate fell: attention above neutral").isGreaterThan(50);
        assertThat(score.getDouble("coverage")).isBetween(0.0, 1.0);
    }

    @Test
    void aClientWithoutDataIsNotMeasuredRatherThanZero() {
        JsonObject score = score();
        // "not scored" explicitly: no number at all, and why (never a 0)
        assertThat(score.containsKey("score")).isTrue();
        assertThat(score.getValue("score")).isNull();
        assertThat(score.getValue("quality")).isNull();
        assertThat(score.getString("reason")).startsWith("Not scored yet");
        assertThat(score.getJsonObject("window").getString("to")).as("the window looked at, even when empty")
                .isEqualTo(AS_OF.toString());
        assertThat(score.getDouble("coverage")).isZero();
        assertThat(score.getJsonArray("components").stream().map(JsonObject.class::cast)
                .filter(c -> !c.getString("key").equals("momentum"))
                .allMatch(c -> !c.getBoolean("measured"))).isTrue();
    }

    @Test
    void badDatesAndOtherAgenciesAreRefused() {
        assertError(http.call(HttpMethod.GET, "/api/clients/" + client + "/score?asOf=tomorrow", owner.accessToken(), null), 400);
        assertError(http.call(HttpMethod.GET, "/api/clients/" + client + "/score?asOf=2999-01-01", owner.accessToken(), null), 400);
        Session stranger = live.accounts().signUp("Stranger Agency");
        assertError(http.call(HttpMethod.GET, "/api/clients/" + client + "/score", stranger.accessToken(), null), 404);
    }

    private static JsonObject weights(double attention) {
        return new JsonObject().put("attention", attention).put("loyalty", 0.15).put("reach", 0.10)
                .put("amplification", 0.20).put("conversation", 0.15).put("discoverability", 0.10).put("momentum", 0.15);
    }

    @Test
    void anAgencySetsAClientsWeightsAndSeesTheScoreBeforeAndAfter() {
        JsonObject defaults = http.call(HttpMethod.GET, "/api/clients/" + client + "/weights", owner.accessToken(), null)
                .bodyAsJsonObject();
        assertThat(defaults.getBoolean("isDefault")).isTrue();
        assertThat(defaults.getJsonObject("weights").getDouble("amplification")).isEqualTo(0.20);

        JsonArray points = new JsonArray();
        for (int day = 0; day < 180; day++) {
            points.add(new JsonObject().put("metric", "web.bounce_rate").put("date", LocalDate.now().minusDays(day).toString())
                    .put("value", day < 90 ? 0.30 : 0.60));
            points.add(new JsonObject().put("metric", "web.returning_visitors").put("date", LocalDate.now().minusDays(day).toString())
                    .put("value", 100));
        }
        http.call(HttpMethod.POST, "/api/clients/" + client + "/observations", owner.accessToken(),
                new JsonObject().put("points", points));

        HttpResponse<Buffer> changed = http.call(HttpMethod.PUT, "/api/clients/" + client + "/weights", owner.accessToken(),
                weights(0.60));
        assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
        JsonObject change = changed.bodyAsJsonObject();
        assertThat(change.getDouble("scoreAfter")).as("more weight on the improved attention").isGreaterThan(
                change.getDouble("scoreBefore"));
        JsonObject stored = http.call(HttpMethod.GET, "/api/clients/" + client + "/weights", owner.accessToken(), null)
                .bodyAsJsonObject();
        assertThat(stored.getBoolean("isDefault")).isFalse();
        assertThat(stored.getJsonObject("weights").getDouble("attention")).isEqualTo(0.60);
        JsonObject score = http.call(HttpMethod.GET, "/api/clients/" + client + "/score", owner.accessToken(), null)
                .bodyAsJsonObject();
        assertThat(score.getDouble("score")).isCloseTo(change.getDouble("scoreAfter"), within(0.01));
    }

    @Test
    void badWeightsAndReadersAreRefused() {
        String path = "/api/clients/" + client + "/weights";
        assertError(http.call(HttpMethod.PUT, path, owner.accessToken(), weights(-1)), 400);
        assertError(http.call(HttpMethod.PUT, path, owner.accessToken(), new JsonObject().put("attention", 1)), 400);
        assertError(http.call(HttpMethod.PUT, path, owner.accessToken(), weights(0.1).put("vanity", 1)), 400);
        assertError(http.call(HttpMethod.PUT, path, owner.accessToken(), weights(0.1).put("attention", "lots")), 400);
        JsonObject zeros = weights(0);
        zeros.fieldNames().forEach(key -> zeros.put(key, 0));
        assertError(http.call(HttpMethod.PUT, path, owner.accessToken(), zeros), 400);
        Session viewer = live.accounts().invite(owner, "viewer", null);
        assertError(http.call(HttpMethod.PUT, path, viewer.accessToken(), weights(0.2)), 403);
        Session stranger = live.accounts().signUp("Stranger Weights");
        assertError(http.call(HttpMethod.PUT, path, stranger.accessToken(), weights(0.2)), 404);
        assertError(http.call(HttpMethod.GET, path, stranger.accessToken(), null), 404);
    }
}
