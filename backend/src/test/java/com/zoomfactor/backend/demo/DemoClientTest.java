package com.zoomfactor.backend.demo;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo client: added with one call, filled like a real client, the caller's agency's only, deleted whole. */
class DemoClientTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private Session owner;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Demo Agency");
    }

    private JsonObject addDemo(Session who) {
        HttpResponse<Buffer> response = http.call(HttpMethod.POST, "/api/clients/demo", who.accessToken(), null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject();
    }

    private JsonObject get(Session who, String path) {
        HttpResponse<Buffer> response = http.call(HttpMethod.GET, path, who.accessToken(), null);
        assertThat(response.statusCode()).as(path + ": " + response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    private JsonArray list(Session who, String path) {
        HttpResponse<Buffer> response = http.call(HttpMethod.GET, path, who.accessToken(), null);
        assertThat(response.statusCode()).as(path + ": " + response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonArray();
    }

    @Test
    void anAnalystAddsADemoClientScoredWithHistoryAndEveryChannelFilled() throws Exception {
        Session analyst = live.accounts().invite(owner, "analyst", null);
        JsonObject client = addDemo(analyst);
        String base = "/api/clients/" + client.getString("id");
        assertThat(client.getBoolean("demo")).isTrue();
        assertThat(client.getJsonArray("channels"))
                .containsExactly("website", "twitter", "facebook", "linkedin", "newsletter", "search");
        assertThat(list(owner, "/api/clients").getJsonObject(0).getBoolean("demo")).isTrue();

        JsonObject score = get(owner, base + "/score");
        assertThat(score.getDouble("score")).isGreaterThan(0);
        assertThat(score.getDouble("coverage")).isGreaterThan(0.5);

        // the recomputer backfills the history from the data's first day, in the background
        String history = base + "/score/history?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(179);
        long deadline = System.currentTimeMillis() + 90_000;
        JsonArray days = get(owner, history).getJsonArray("points");
        while (days.size() < 150) {
            assertThat(System.currentTimeMillis()).as("history of " + days.size() + " days").isLessThan(deadline);
            Thread.sleep(250);
            days = get(owner, history).getJsonArray("points");
        }
        assertThat(get(owner, "/api/clients/" + client.getString("id")).getJsonObject("score")
                .getValue("change")).as("a score 30 days earlier to compare with").isNotNull();

        List<String> empty = new ArrayList<>();
        for (Metric metric : MetricCatalogue.all()) {
            if (client.getJsonArray("channels").contains(metric.channel().key())) {
                JsonArray points = get(owner, base + "/observations?metric=" + metric.key() + "&granularity=week")
                        .getJsonArray("points");
                if (points.stream().map(JsonObject.class::cast).noneMatch(p -> p.getValue("value") != null)) {
                    empty.add(metric.key());
                }
            }
        }
        assertThat(empty).as("metrics of the demo's channels without data").isEmpty();

        JsonArray goals = list(owner, base + "/goals");
        assertThat(goals).hasSize(2);
        assertThat(goals.stream().map(JsonObject.class::cast)
                .anyMatch(goal -> goal.getDouble("progress") != null && goal.getDouble("progress") >= 0.8
                        && goal.getDouble("progress") < 1)).as("a goal nearly reached: " + goals).isTrue();
        assertThat(list(owner, base + "/annotations")).hasSize(2);
        assertThat(list(owner, base + "/comments")).hasSize(1);
        assertThat(list(owner, base + "/alert-rules")).hasSize(1);
        assertThat(list(owner, base + "/competitors")).hasSize(1);
        assertThat(list(owner, base + "/sites")).hasSize(1);
        assertThat(list(owner, base + "/posts")).isNotEmpty();
    }

    @Test
    void anAgencyHasOneDemoClientAndMayAddAFreshOneOnceItIsDeleted() throws Exception {
        String id = addDemo(owner).getString("id");
        assertError(http.call(HttpMethod.POST, "/api/clients/demo", owner.accessToken(), null), 409);

        assertThat(http.call(HttpMethod.DELETE, "/api/clients/" + id, owner.accessToken(), null).statusCode())
                .isEqualTo(204);
        assertThat(rowsOf(UUID.fromString(id))).as("rows left of the deleted demo client").isEmpty();
        assertThat(addDemo(owner).getString("id")).isNotEqualTo(id);
    }

    @Test
    void viewersMayNotAddIt() {
        Session viewer = live.accounts().invite(owner, "viewer", null);
        assertError(http.call(HttpMethod.POST, "/api/clients/demo", viewer.accessToken(), null), 403);
        assertThat(list(owner, "/api/clients")).isEmpty();
    }

    @Test
    void itBelongsToTheCallersAgencyOnly() {
        String id = addDemo(owner).getString("id");
        Session stranger = live.accounts().signUp("Other Agency");
        assertError(http.call(HttpMethod.GET, "/api/clients/" + id, stranger.accessToken(), null), 404);
        assertError(http.call(HttpMethod.GET, "/api/clients/" + id + "/score", stranger.accessToken(), null), 404);
        assertThat(list(stranger, "/api/clients")).isEmpty();
        assertThat(addDemo(stranger).getString("id")).as("each agency its own demo").isNotEqualTo(id);
    }

    /** Every table with a client_id column, as "table: rows" for each that still holds rows of this client. */
    private static List<String> rowsOf(UUID clientId) throws Exception {
        var admin = live.server().database();
        List<String> left = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password())) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = c.createStatement().executeQuery("SELECT table_name FROM information_schema.columns"
                    + " WHERE table_schema = 'public' AND column_name = 'client_id'"
                    + " AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE')")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).contains("observations", "posts", "goals", "annotations", "comments", "sites");
            for (String table : tables) {
                try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM " + table
                        + " WHERE client_id = ?")) {
                    count.setObject(1, clientId);
                    try (ResultSet rows = count.executeQuery()) {
                        rows.next();
                        if (rows.getLong(1) > 0) {
                            left.add(table + ": " + rows.getLong(1));
                        }
                    }
                }
            }
        }
        return left;
    }
}
