package com.zoomfactor.backend.activity;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ActivityTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private Session owner;
    private UUID client;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Busy Agency");
        client = live.accounts().createClient(owner, "Busy Client");
    }

    private JsonArray feed() {
        return http.call(HttpMethod.GET, "/api/clients/" + client + "/activity", owner.accessToken(), null)
                .bodyAsJsonObject().getJsonArray("entries");
    }

    @Test
    void importsAndWeightChangesAreInTheFeedButDryRunsAndNoChangesAreNot() {
        String csv = "date,metric,value\n2026-11-01,web.unique_visitors,10\n2026-11-02,web.unique_visitors,12\n";
        String imports = "/api/clients/" + client + "/imports";
        assertThat(http.sendText(HttpMethod.POST, imports + "?dryRun=true", owner.accessToken(), "text/csv", csv)
                .statusCode()).isEqualTo(200);
        assertThat(feed()).as("a dry run changes nothing, so it is not news").isEmpty();
        assertThat(http.sendText(HttpMethod.POST, imports, owner.accessToken(), "text/csv", csv).statusCode())
                .isEqualTo(201);

        JsonObject weights = new JsonObject().put("attention", 0.5).put("loyalty", 0.1).put("reach", 0.1)
                .put("amplification", 0.1).put("conversation", 0.1).put("discoverability", 0.05).put("momentum", 0.05);
        String path = "/api/clients/" + client + "/weights";
        assertThat(http.call(HttpMethod.PUT, path, owner.accessToken(), weights).statusCode()).isEqualTo(200);
        assertThat(http.call(HttpMethod.PUT, path, owner.accessToken(), weights).statusCode()).isEqualTo(200);

        JsonArray entries = feed();
        assertThat(entries.stream().map(e -> ((JsonObject) e).getString("kind")))
                .as("newest first; the second, identical change of weights is no change")
                .containsExactly("weights.changed", "data.imported");
        assertThat(entries.getJsonObject(0).getString("summary")).contains("attention 0.50");
        assertThat(entries.getJsonObject(1).getString("summary")).contains("2 points");
        assertThat(entries.getJsonObject(1).getJsonObject("actor").getString("id")).isEqualTo(owner.userId().toString());
    }

    @Test
    void machinesAreNamedByTheirTokenAndOtherAgenciesSeeNothing() {
        String token = live.accounts().createToken(owner, "admin");
        JsonObject weights = new JsonObject().put("attention", 0.4).put("loyalty", 0.1).put("reach", 0.1)
                .put("amplification", 0.1).put("conversation", 0.1).put("discoverability", 0.1).put("momentum", 0.1);
        assertThat(http.call(HttpMethod.PUT, "/api/clients/" + client + "/weights", token, weights).statusCode())
                .isEqualTo(200);
        assertThat(feed().getJsonObject(0).getJsonObject("actor").getString("name")).startsWith("API token ");

        Session stranger = live.accounts().signUp("Nosy Agency");
        assertError(http.call(HttpMethod.GET, "/api/clients/" + client + "/activity", stranger.accessToken(), null), 404);
        assertError(http.call(HttpMethod.GET, "/api/clients/" + client + "/activity?limit=0", owner.accessToken(), null),
                400);
    }
}
