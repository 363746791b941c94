package com.zoomfactor.backend.imports;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CsvImportTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private Session owner;
    private UUID client;

    @BeforeEach
    void setUp() {
        http = live.http();
        Accounts accounts = live.accounts();
        owner = accounts.signUp("Import Agency");
        client = accounts.createClient(owner, "Imported Client");
    }

    private HttpResponse<Buffer> upload(String csv, boolean dryRun) {
        return http.sendText(HttpMethod.POST, "/api/clients/" + client + "/imports" + (dryRun ? "?dryRun=true" : ""),
                owner.accessToken(), "text/csv", csv);
    }

    private JsonArray points(String metric, String from, String to) {
        return http.call(HttpMethod.GET, "/api/clients/" + client + "/observations?metric=" + metric + "&from=" + from
                + "&to=" + to, owner.accessToken(), null).bodyAsJsonObject().getJsonArray("points");
    }

    @Test
    void theLongFormIsCheckedByADryRunThenImported() {
        String csv = """
                date,metric,value,dimension
                2026-10-01,web.pageviews,120,/pricing
                2026-10-01,web.pageviews,80,/blog
                2026-10-02,web.unique_visitors,300,
                2026-10-02,web.bounce_rate,0.41,
                """;
        HttpResponse<Buffer> check = upload(csv, true);
        assertThat(check.statusCode()).as(check.bodyAsString()).isEqualTo(200);
        JsonObject preview = check.bodyAsJsonObject();
        assertThat(preview.getBoolean("dryRun")).isTrue();
        assertThat(preview.getString("form")).isEqualTo("long");
        assertThat(preview.getInteger("rows")).as("rows read, the header included").isEqualTo(5);
        assertThat(preview.getInteger("points")).isEqualTo(4);
        assertThat(preview.getInteger("inserted")).as("what the import would do").isEqualTo(4);
        assertThat(preview.getJsonArray("metrics")).containsExactly("web.bounce_rate", "web.pageviews", "web.unique_visitors");
        assertThat(preview.getString("from")).isEqualTo("2026-10-01");
        assertThat(preview.getJsonArray("preview")).hasSize(4);
        assertThat(points("web.unique_visitors", "2026-10-01", "2026-10-02")).as("a dry run writes nothing").isEmpty();

        HttpResponse<Buffer> imported = upload(csv, false);
        assertThat(imported.statusCode()).isEqualTo(201);
        assertThat(imported.bodyAsJsonObject().getInteger("inserted")).isEqualTo(4);
        assertThat(points("web.pageviews", "2026-10-01", "2026-10-01").getJsonObject(0).getDouble("value")).isEqualTo(200.0);
        assertThat(upload(csv, false).bodyAsJsonObject().getInteger("unchanged")).as("importing twice adds nothing")
                .isEqualTo(4);
    }

    @Test
    void theWideFormGivesOnePointPerFilledCell() {
        String csv = """
                date,web.unique_visitors,web.bounce_rate,twitter.followers
                2026-10-01,100,0.5,
                2026-10-02,110,,2000
                """;
        HttpResponse<Buffer> imported = upload(csv, false);
        assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(201);
        assertThat(imported.bodyAsJsonObject().getString("form")).isEqualTo("wide");
        assertThat(imported.bodyAsJsonObject().getInteger("points")).isEqualTo(4);
        assertThat(points("web.unique_visitors", "2026-10-01", "2026-10-02")).hasSize(2);
        assertThat(points("twitter.followers", "2026-10-01", "2026-10-02")).hasSize(1);
    }

    @Test
    void errorsNameTheLineAndColumnAndNothingIsWritten() {
        String csv = """
                date,metric,value
                2026-10-01,web.unique_visitors,100
                2026-10-02,web.unique_visitor,100
                2026-10-32,web.unique_visitors,100
                2026-10-04,web.bounce_rate,7
                2026-10-05,web.unique_visitors,lots
                """;
        HttpResponse<Buffer> response = upload(csv, false);
        assertError(response, 422);
        JsonArray errors = response.bodyAsJsonObject().getJsonArray("errors");
        errors.forEach(error -> assertThat(((JsonObject) error).getString("message")).isNotBlank());
        assertThat(errors.stream().map(error -> {
            JsonObject where = ((JsonObject) error).copy();
            where.remove("message");
            return where;
        }).toList()).containsExactly(
                error(3, 2, "metric"), error(4, 1, "date"), error(5, 3, "value"), error(6, 3, "value"));
        assertThat(points("web.unique_visitors", "2026-10-01", "2026-10-05")).isEmpty();
    }

    private static JsonObject error(int line, int column, String field) {
        return new JsonObject().put("line", line).put("column", column).put("field", field);
    }

    @Test
    void aWideFileWithAnUnknownMetricColumnIsRefusedAtTheHeader() {
        HttpResponse<Buffer> response = upload("date,web.unique_visitors,web.sparkle\n2026-10-01,1,2\n", true);
        assertError(response, 422);
        JsonObject error = response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
        assertThat(error.getInteger("line")).isEqualTo(1);
        assertThat(error.getInteger("column")).isEqualTo(3);
    }

    @Test
    void otherMistakesAreAnsweredClearly() {
        assertError(http.sendText(HttpMethod.POST, "/api/clients/" + client + "/imports", owner.accessToken(),
                "application/json", "{}"), 415);
        assertError(upload("", false), 400);
        assertError(upload("date,metric,value\n", false), 422);
        assertError(upload("when,what\n1,2\n", false), 422);
        assertError(upload("date,metric,value\n2026-10-01,web.pageviews\n", false), 422);
        assertError(upload("date,metric,value\n\"2026-10-01,web.pageviews,1\n", false), 422);
        assertError(http.sendText(HttpMethod.POST, "/api/clients/" + client + "/imports?dryRun=maybe", owner.accessToken(),
                "text/csv", "date,metric,value\n2026-10-01,web.pageviews,1\n"), 400);
    }

    @Test
    void valuesBeyondTheirUnitsCeilingAndOneSidedPeriodsAreNamedByCell() {
        HttpResponse<Buffer> wide = upload("date,web.unique_visitors,web.time_on_page\n2026-10-01,1.7e308,1e9\n", true);
        assertError(wide, 422);
        assertThat(places(wide)).containsExactly(error(2, 2, "web.unique_visitors"), error(2, 3, "web.time_on_page"));

        HttpResponse<Buffer> periods = upload("""
                from,to,metric,value
                2026-10-01,,web.pageviews,1
                ,2026-10-01,web.pageviews,1
                2026-10-01,2026-10-02,search.avg_position,1e6
                """, true);
        assertError(periods, 422);
        assertThat(places(periods)).containsExactly(error(2, 2, "to"), error(3, 1, "from"), error(4, 4, "value"));
    }

    /** Where each error lies (line, column, field), without its message. */
    private static java.util.List<JsonObject> places(HttpResponse<Buffer> response) {
        return response.bodyAsJsonObject().getJsonArray("errors").stream().map(e -> {
            JsonObject where = ((JsonObject) e).copy();
            where.remove("message");
            return where;
        }).toList();
    }

    @Test
    void anotherAgencyCannotImportIntoThisClient() {
        Session stranger = live.accounts().signUp("Stranger");
        assertError(http.sendText(HttpMethod.POST, "/api/clients/" + client + "/imports", stranger.accessToken(),
                "text/csv", "date,metric,value\n2026-10-01,web.pageviews,1\n"), 404);
    }
}
