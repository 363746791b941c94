package com.zoomfactor.backend.scores;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.domain.score.ScoreEngine;
import com.zoomfactor.domain.score.ScoreInput;
import com.zoomfactor.domain.score.ZoomFactor;
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

/** GET /api/clients/{id}/score/inputs: the raw data a score is computed from, enough to compute it again elsewhere. */
class ScoreInputsApiTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);

    private Http http;
    private Session owner;
    private UUID client;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Checked Agency");
        client = live.accounts().createClient(owner, "Checked Client");
    }

    private HttpResponse<Buffer> get(String path, Session caller) {
        return http.call(HttpMethod.GET, "/api/clients/" + client + path, caller.accessToken(), null);
    }

    private void post(String path, JsonObject body) {
        HttpResponse<Buffer> response = http.call(HttpMethod.POST, "/api/clients/" + client + path,
                owner.accessToken(), body);
        assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(200, 201);
    }

    @Test
    void theInputsGiveTheServersScoreBackWhenScoredAgain() throws Exception {
        HttpResponse<Buffer> rival = http.call(HttpMethod.POST, "/api/clients/" + client + "/competitors",
                owner.accessToken(), new JsonObject().put("name", "Rival"));
        String rivalId = rival.bodyAsJsonObject().getString("id");
        JsonArray points = new JsonArray();
        for (int day = 0; day < 300; day++) {
            String date = AS_OF.minusDays(day).toString();
            boolean window = day < 90;
            points.add(point("web.bounce_rate", date, window ? 0.40 : 0.50));
            points.add(point("twitter.retweets", date, window ? 24 + day % 5 : 20));
            points.add(point("twitter.posts", date, 2));
            points.add(point("twitter.followers", date, 1000 + 200 - day));
            points.add(point("search.avg_position", date, 7).put("competitorId", rivalId));
        }
        points.add(point("twitter.retweets", AS_OF.minusDays(3).toString(), 30).put("dimension", "@ann"));
        points.add(point("twitter.retweets", AS_OF.minusDays(3).toString(), 10).put("dimension", "@bob"));
        points.add(point("search.avg_position", AS_OF.minusDays(1).toString(), 6));
        post("/observations", new JsonObject().put("points", points));
        post("/posts", new JsonObject().put("posts", new JsonArray().add(new JsonObject().put("channel", "twitter")
                .put("externalId", "1").put("publishedAt", AS_OF.minusDays(2) + "T09:30:00Z").put("text", "@ann #F4F")
                .put("metrics", new JsonObject().put("impressions", 500).put("retweets", 3)))));

        HttpResponse<Buffer> answered = get("/score/inputs?asOf=" + AS_OF, owner);
        assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(200);
        JsonObject inputs = answered.bodyAsJsonObject();
        assertThat(inputs.getString("asOf")).isEqualTo(AS_OF.toString());
        assertThat(inputs.getInteger("windowDays")).isEqualTo(ScoreInput.DEFAULT_WINDOW_DAYS);
        assertThat(inputs.getJsonObject("daily").getJsonArray("web.bounce_rate"))
                .as("the window, its baseline and the previous window's baseline (for the drivers), no day before")
                .hasSize(3 * ScoreInput.DEFAULT_WINDOW_DAYS);
        assertThat(inputs.getJsonObject("breakdowns").getJsonObject("twitter.retweets").getDouble("@ann")).isEqualTo(30);
        assertThat(inputs.getJsonArray("posts")).hasSize(1);
        assertThat(inputs.getJsonObject("competitors").getJsonArray("search.avg_position")).containsExactly(7.0);
        assertThat(inputs.getJsonObject("weights").getJsonObject("byComponent").getDouble("amplification"))
                .isEqualTo(0.20);

        ScoreInput input = JsonResponses.mapper().readValue(answered.bodyAsString(), ScoreInput.class);
        ZoomFactor again = ScoreEngine.score(input);
        JsonObject served = get("/score?asOf=" + AS_OF, owner).bodyAsJsonObject();
        assertThat(again.score()).isCloseTo(served.getDouble("score"), within(1e-9));
        assertThat(again.quality()).isCloseTo(served.getDouble("quality"), within(1e-9));
        assertThat(again.authenticity().signals()).isNotEmpty();
        // the served answer is the engine's, with the client and the window the inputs name around it
        assertThat(ScoreRendering.explanation(client, again, input.window())).isEqualTo(served);
        assertThat(served.getJsonObject("window").getString("from")).isEqualTo(
                AS_OF.minusDays(ScoreInput.DEFAULT_WINDOW_DAYS - 1L).toString());
    }

    @Test
    void aViewerMayReadThemAndTodayIsTheDefault() {
        Session viewer = live.accounts().invite(owner, "viewer", null);
        HttpResponse<Buffer> answered = get("/score/inputs", viewer);
        assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(200);
        assertThat(answered.bodyAsJsonObject().getString("asOf")).isEqualTo(ScoreService.today().toString());
        assertThat(answered.bodyAsJsonObject().getJsonObject("daily")).isEmpty();
    }

    @Test
    void badDatesAndOtherAgenciesClientsAreRefused() {
        assertError(get("/score/inputs?asOf=yesterday", owner), 400);
        assertError(get("/score/inputs?asOf=2026-02-30", owner), 400);
        assertError(get("/score/inputs?asOf=" + ScoreService.today().plusDays(1), owner), 400);
        Session stranger = live.accounts().signUp("Stranger Agency");
        assertError(get("/score/inputs", stranger), 404);
        assertError(http.call(HttpMethod.GET, "/api/clients/" + UUID.randomUUID() + "/score/inputs",
                owner.accessToken(), null), 404);
    }

    private static JsonObject point(String metric, String date, double value) {
        return new JsonObject().put("metric", metric).put("date", date).put("value", value);
    }
}
