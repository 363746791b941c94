package com.zoomfactor.backend.goals;

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
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GoalsTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private Http http;
    private Session owner;
    private UUID client;
    private String base;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Ambitious Agency");
        client = live.accounts().createClient(owner, "Ambitious Client");
        base = "/api/clients/" + client + "/goals";
    }

    private HttpResponse<Buffer> call(HttpMethod method, String path, Session who, JsonObject body) {
        return http.call(method, path, who.accessToken(), body);
    }

    /** 60 days of daily unique visitors growing by {@code perDay} to {@code today} today. */
    private void visitors(double today, double perDay) {
        JsonArray points = new JsonArray();
        for (int ago = 0; ago < 60; ago++) {
            points.add(new JsonObject().put("metric", "web.unique_visitors").put("date", TODAY.minusDays(ago).toString())
                    .put("value", today - perDay * ago));
        }
        assertThat(call(HttpMethod.POST, "/api/clients/" + client + "/observations", owner,
                new JsonObject().put("points", points)).statusCode()).isEqualTo(200);
    }

    @Test
    void aGoalShowsItsProgressAndAForecastFromTheCurrentTrend() {
        visitors(100, 1); // 7-day sums grow by 7 a day; today's 7-day sum is 679
        HttpResponse<Buffer> created = call(HttpMethod.POST, base, owner, new JsonObject()
                .put("metric", "web.unique_visitors").put("target", 800).put("deadline", TODAY.plusDays(30).toString())
                .put("windowDays", 7));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        JsonObject goal = created.bodyAsJsonObject();
        assertThat(goal.getDouble("current")).isCloseTo(679, within(1e-9));
        assertThat(goal.getDouble("startValue")).isCloseTo(679, within(1e-9));
        assertThat(goal.getDouble("slopePerDay")).isCloseTo(7, within(1e-9));
        assertThat(goal.getDouble("projected")).isCloseTo(679 + 7 * 30, within(1e-6));
        assertThat(goal.getString("status")).isEqualTo("on_track");

        // a farther target is at risk, then off track; the score can be a goal too
        String one = base + "/" + goal.getString("id");
        assertThat(call(HttpMethod.PATCH, one, owner, new JsonObject().put("target", 1000)).bodyAsJsonObject()
                .getString("status")).isEqualTo("at_risk");
        assertThat(call(HttpMethod.PATCH, one, owner, new JsonObject().put("target", 1200)).bodyAsJsonObject()
                .getString("status")).isEqualTo("off_track");
        JsonObject score = call(HttpMethod.POST, base, owner, new JsonObject().put("target", 70)
                .put("deadline", TODAY.plusDays(60).toString())).bodyAsJsonObject();
        assertThat(score.getString("metric")).isEqualTo("score");

        JsonArray goals = call(HttpMethod.GET, base, owner, null).bodyAsJsonArray();
        assertThat(goals).hasSize(2);
        assertThat(call(HttpMethod.DELETE, one, owner, null).statusCode()).isEqualTo(204);
        assertError(call(HttpMethod.GET, one, owner, null), 404);
        JsonArray feed = call(HttpMethod.GET, "/api/clients/" + client + "/activity", owner, null).bodyAsJsonObject()
                .getJsonArray("entries");
        assertThat(feed.stream().map(e -> ((JsonObject) e).getString("kind")))
                .containsExactly("goal.deleted", "goal.created", "goal.updated", "goal.updated", "goal.created");
    }

    @Test
    void badGoalsAreRefusedWithTheProblemNamed() {
        String deadline = TODAY.plusDays(10).toString();
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("deadline", deadline)), 400);
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("target", "lots").put("deadline", deadline)), 400);
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("target", 10)), 400);
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("target", 10)
                .put("deadline", TODAY.minusDays(1).toString())), 400);
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("target", 120).put("deadline", deadline)), 400);
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("metric", "web.bounce_rate")
                .put("target", 35).put("deadline", deadline)), 400); // a share, not a percentage
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("metric", "vanity").put("target", 1)
                .put("deadline", deadline)), 400);
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("target", 10).put("deadline", deadline)
                .put("windowDays", 91)), 400);
    }

    @Test
    void viewersReadAndOtherAgenciesSeeNothing() {
        String one = base + "/" + call(HttpMethod.POST, base, owner, new JsonObject().put("target", 60)
                .put("deadline", TODAY.plusDays(10).toString())).bodyAsJsonObject().getString("id");
        Session viewer = live.accounts().invite(owner, "viewer", null);
        assertThat(call(HttpMethod.GET, base, viewer, null).bodyAsJsonArray()).hasSize(1);
        assertThat(call(HttpMethod.GET, one, viewer, null).bodyAsJsonObject().getString("status")).isEqualTo("unknown");
        assertError(call(HttpMethod.POST, base, viewer, new JsonObject().put("target", 1)
                .put("deadline", TODAY.plusDays(1).toString())), 403);
        assertError(call(HttpMethod.DELETE, one, viewer, null), 403);
        Session stranger = live.accounts().signUp("Rival Agency");
        assertError(call(HttpMethod.GET, base, stranger, null), 404);
        assertError(call(HttpMethod.GET, one, stranger, null), 404);
        assertError(call(HttpMethod.PATCH, one, stranger, new JsonObject().put("target", 1)), 404);
        assertError(call(HttpMethod.DELETE, one, stranger, null), 404);
    }

    @Test
    void thePortfolioListsEveryClientsGoalsWithTheirForecastAndAClientViewerOnlyTheirs() {
        visitors(100, 1);
        call(HttpMethod.POST, base, owner, new JsonObject().put("metric", "web.unique_visitors").put("target", 800)
                .put("deadline", TODAY.plusDays(30).toString()).put("windowDays", 7));
        UUID other = live.accounts().createClient(owner, "Second Client");
        call(HttpMethod.POST, "/api/clients/" + other + "/goals", owner, new JsonObject().put("target", 60)
                .put("deadline", TODAY.plusDays(20).toString()));

        JsonArray all = call(HttpMethod.GET, "/api/goals", owner, null).bodyAsJsonArray();
        assertThat(all).hasSize(2);
        JsonObject first = all.stream().map(JsonObject.class::cast)
                .filter(g -> g.getString("clientId").equals(client.toString())).findFirst().orElseThrow();
        assertThat(first.getString("status")).isEqualTo("on_track");
        assertThat(first.getDouble("current")).isCloseTo(679, within(1e-9));

        Session clientViewer = live.accounts().invite(owner, "viewer", other);
        JsonArray theirs = call(HttpMethod.GET, "/api/goals", clientViewer, null).bodyAsJsonArray();
        assertThat(theirs).hasSize(1);
        assertThat(theirs.getJsonObject(0).getString("clientId")).isEqualTo(other.toString());

        Session stranger = live.accounts().signUp("Nosy Agency");
        assertThat(call(HttpMethod.GET, "/api/goals", stranger, null).bodyAsJsonArray()).isEmpty();
    }
}
