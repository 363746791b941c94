package com.zoomfactor.backend.competitors;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

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

class CompetitorsTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private Session owner;
    private UUID client;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Rivalry Agency");
        client = live.accounts().createClient(owner, "Blue Bottle");
    }

    private String base() {
        return "/api/clients/" + client + "/competitors";
    }

    @Test
    void aCompetitorIsCreatedChangedAndGetsObservationsOfItsOwn() {
        HttpResponse<Buffer> created = http.call(HttpMethod.POST, base(), owner.accessToken(), new JsonObject()
                .put("name", "Stumptown").put("website", "https://stumptown.example")
                .put("handles", new JsonObject().put("twitter", "@stumptown")));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.bodyAsJsonObject().getString("id");
        assertThat(created.bodyAsJsonObject().getJsonObject("handles").getString("twitter")).isEqualTo("@stumptown");

        HttpResponse<Buffer> changed = http.call(HttpMethod.PATCH, base() + "/" + id, owner.accessToken(),
                new JsonObject().put("name", "Stumptown Coffee"));
        assertThat(changed.bodyAsJsonObject().getString("name")).isEqualTo("Stumptown Coffee");
        assertThat(changed.bodyAsJsonObject().getString("website")).isEqualTo("https://stumptown.example");
        assertThat(http.call(HttpMethod.GET, base(), owner.accessToken(), null).bodyAsJsonArray()).hasSize(1);

        JsonObject theirs = new JsonObject().put("metric", "search.avg_position").put("date", "2026-10-01")
                .put("value", 3.2).put("dimension", "best coffee").put("competitorId", id);
        JsonObject ours = theirs.copy().put("value", 5.1);
        ours.remove("competitorId");
        HttpResponse<Buffer> written = http.call(HttpMethod.POST, "/api/clients/" + client + "/observations",
                owner.accessToken(), new JsonObject().put("points", new JsonArray().add(theirs).add(ours)));
        assertThat(written.bodyAsJsonObject().getInteger("inserted")).isEqualTo(2);
        JsonObject series = http.call(HttpMethod.GET, "/api/clients/" + client + "/observations?metric=search.avg_position"
                + "&from=2026-10-01&to=2026-10-01&dimension=best%20coffee&competitorId=" + id, owner.accessToken(), null)
                .bodyAsJsonObject();
        assertThat(series.getJsonArray("points").getJsonObject(0).getDouble("value")).isEqualTo(3.2);

        assertThat(http.call(HttpMethod.DELETE, base() + "/" + id, owner.accessToken(), null).statusCode()).isEqualTo(204);
        assertError(http.call(HttpMethod.DELETE, base() + "/" + id, owner.accessToken(), null), 404);
        JsonObject after = http.call(HttpMethod.GET, "/api/clients/" + client + "/observations?metric=search.avg_position"
                + "&from=2026-10-01&to=2026-10-01&dimension=best%20coffee&competitorId=" + id, owner.accessToken(), null)
                .bodyAsJsonObject();
        assertThat(after.getJsonArray("points")).as("the competitor's observations went with it").isEmpty();
        JsonObject clientsOwn = http.call(HttpMethod.GET, "/api/clients/" + client + "/observations?metric=search.avg_position"
                + "&from=2026-10-01&to=2026-10-01&dimension=best%20coffee", owner.accessToken(), null).bodyAsJsonObject();
        assertThat(clientsOwn.getJsonArray("points")).as("the client's own stay").hasSize(1);
    }

    @Test
    void badCompetitorsAreRefused() {
        for (String body : new String[] {"{}", "{\"name\":\"\"}", "{\"name\":\"x\",\"website\":\"nope\"}",
                "{\"name\":\"x\",\"handles\":{\"myspace\":\"@x\"}}", "{\"name\":\"x\",\"handles\":{\"twitter\":42}}",
                "{\"name\":\"x\",\"handles\":[\"@x\"]}"}) {
            assertError(http.call(HttpMethod.POST, base(), owner.accessToken(), new JsonObject(body)), 400);
        }
    }

    @Test
    void aNulCharacterInAHandleIs400OnCreateAndChange() {
        HttpResponse<Buffer> created = http.call(HttpMethod.POST, base(), owner.accessToken(),
                new JsonObject().put("name", "r").put("handles", new JsonObject().put("twitter", "a\u0000b")));
        assertError(created, 400);
        assertThat(created.bodyAsJsonObject().getString("message")).contains("handles.twitter", "NUL");
        String id = http.call(HttpMethod.POST, base(), owner.accessToken(), new JsonObject().put("name", "r"))
                .bodyAsJsonObject().getString("id");
        assertError(http.call(HttpMethod.PATCH, base() + "/" + id, owner.accessToken(),
                new JsonObject().put("handles", new JsonObject().put("twitter", "\u0000"))), 400);
        assertError(http.call(HttpMethod.POST, base(), owner.accessToken(),
                new JsonObject().put("name", "r").put("handles", new JsonObject().put("twitter", (String) null))), 400);
    }

    @Test
    void anotherAgencysCompetitorsAreMissingAndCannotBeUsed() {
        String id = http.call(HttpMethod.POST, base(), owner.accessToken(), new JsonObject().put("name", "Rival"))
                .bodyAsJsonObject().getString("id");
        Session stranger = live.accounts().signUp("Stranger Agency");
        UUID strangersClient = live.accounts().createClient(stranger, "Their Client");
        assertError(http.call(HttpMethod.GET, base(), stranger.accessToken(), null), 404);
        assertError(http.call(HttpMethod.PATCH, base() + "/" + id, stranger.accessToken(), new JsonObject().put("name", "x")), 404);
        assertError(http.call(HttpMethod.DELETE, "/api/clients/" + strangersClient + "/competitors/" + id,
                stranger.accessToken(), null), 404);
        HttpResponse<Buffer> smuggled = http.call(HttpMethod.POST, "/api/clients/" + strangersClient + "/observations",
                stranger.accessToken(), new JsonObject().put("points", new JsonArray().add(new JsonObject()
                        .put("metric", "web.pageviews").put("date", "2026-10-01").put("value", 1).put("competitorId", id))));
        assertError(smuggled, 422);
    }
}
