package com.zoomfactor.backend.clients;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientsTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private Accounts accounts;
    private Session owner;

    @BeforeEach
    void setUp() {
        http = live.http();
        accounts = live.accounts();
        owner = accounts.signUp("Client Agency");
    }

    @Test
    void aClientIsCreatedReadChangedAndDeleted() {
        HttpResponse<Buffer> created = http.call(HttpMethod.POST, "/api/clients", owner.accessToken(), new JsonObject()
                .put("name", "Blue Bottle Coffee").put("website", "https://bluebottle.example")
                .put("timeZone", "America/Los_Angeles").put("channels", new JsonArray().add("website").add("Twitter")));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject client = created.bodyAsJsonObject();
        String id = client.getString("id");
        assertThat(client.getString("name")).isEqualTo("Blue Bottle Coffee");
        assertThat(client.getString("timeZone")).isEqualTo("America/Los_Angeles");
        assertThat(client.getJsonArray("channels")).containsExactly("website", "twitter");
        assertThat(client.getString("createdAt")).isNotNull();

        assertThat(http.call(HttpMethod.GET, "/api/clients/" + id, owner.accessToken(), null).bodyAsJsonObject())
                .isEqualTo(client);
        assertThat(http.call(HttpMethod.GET, "/api/clients", owner.accessToken(), null).bodyAsJsonArray()).hasSize(1);

        HttpResponse<Buffer> changed = http.call(HttpMethod.PATCH, "/api/clients/" + id, owner.accessToken(),
                new JsonObject().put("name", "Blue Bottle").putNull("website").put("channels", new JsonArray().add("search")));
        assertThat(changed.statusCode()).isEqualTo(200);
        JsonObject after = changed.bodyAsJsonObject();
        assertThat(after.getString("name")).isEqualTo("Blue Bottle");
        assertThat(after.getValue("website")).isNull();
        assertThat(after.getString("timeZone")).as("untouched fields stay").isEqualTo("America/Los_Angeles");
        assertThat(after.getJsonArray("channels")).containsExactly("search");

        assertThat(http.call(HttpMethod.DELETE, "/api/clients/" + id, owner.accessToken(), null).statusCode()).isEqualTo(204);
        assertError(http.call(HttpMethod.GET, "/api/clients/" + id, owner.accessToken(), null), 404);
        assertError(http.call(HttpMethod.DELETE, "/api/clients/" + id, owner.accessToken(), null), 404);
    }

    @Test
    void aNewClientDefaultsToUtcAndNoChannels() {
        JsonObject client = http.call(HttpMethod.POST, "/api/clients", owner.accessToken(),
                new JsonObject().put("name", "Plain")).bodyAsJsonObject();
        assertThat(client.getString("timeZone")).isEqualTo("UTC");
        assertThat(client.getJsonArray("channels")).isEmpty();
        assertThat(client.getValue("website")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"name\":\"\"}",
        "{\"name\":42}",
        "{\"name\":\"x\",\"website\":\"ftp://files.example\"}",
        "{\"name\":\"x\",\"website\":\"not a url\"}",
        "{\"name\":\"x\",\"timeZone\":\"Mars/Olympus_Mons\"}",
        "{\"name\":\"x\",\"channels\":[\"myspace\"]}",
        "{\"name\":\"x\",\"channels\":\"website\"}"})
    void badClientsAreRefusedWith400(String body) {
        assertError(http.call(HttpMethod.POST, "/api/clients", owner.accessToken(), new JsonObject(body)), 400);
    }

    @Test
    void aNameOfMoreThan200CharactersIsRefused() {
        assertError(http.call(HttpMethod.POST, "/api/clients", owner.accessToken(),
                new JsonObject().put("name", "x".repeat(201))), 400);
    }

    @Test
    void malformedAndUnknownIdsAre404() {
        assertError(http.call(HttpMethod.GET, "/api/clients/not-an-id", owner.accessToken(), null), 404);
        assertError(http.call(HttpMethod.GET, "/api/clients/" + UUID.randomUUID(), owner.accessToken(), null), 404);
        assertError(http.call(HttpMethod.PATCH, "/api/clients/" + UUID.randomUUID(), owner.accessToken(),
                new JsonObject().put("name", "x")), 404);
    }

    @Test
    void viewersReadButCannotWrite() {
        UUID client = accounts.createClient(owner, "Read Only Co");
        Session viewer = accounts.invite(owner, "viewer", null);
        assertThat(http.call(HttpMethod.GET, "/api/clients", viewer.accessToken(), null).bodyAsJsonArray()).hasSize(1);
        assertError(http.call(HttpMethod.POST, "/api/clients", viewer.accessToken(), new JsonObject().put("name", "x")), 403);
        assertError(http.call(HttpMethod.PATCH, "/api/clients/" + client, viewer.accessToken(),
                new JsonObject().put("name", "x")), 403);
        assertError(http.call(HttpMethod.DELETE, "/api/clients/" + client, viewer.accessToken(), null), 403);
    }

    @Test
    void analystsWriteButOnlyOwnersAndAdminsDelete() {
        UUID client = accounts.createClient(owner, "Analysed Co");
        Session analyst = accounts.invite(owner, "analyst", null);
        assertThat(http.call(HttpMethod.PATCH, "/api/clients/" + client, analyst.accessToken(),
                new JsonObject().put("website", "https://analysed.example")).statusCode()).isEqualTo(200);
        assertError(http.call(HttpMethod.DELETE, "/api/clients/" + client, analyst.accessToken(), null), 403);
    }

    @Test
    void aClientViewerSeesOnlyTheirClient() {
        UUID theirs = accounts.createClient(owner, "Their Brand");
        UUID other = accounts.createClient(owner, "Another Brand");
        Session clientViewer = accounts.invite(owner, "viewer", theirs);

        JsonArray visible = http.call(HttpMethod.GET, "/api/clients", clientViewer.accessToken(), null).bodyAsJsonArray();
        assertThat(visible).hasSize(1);
        assertThat(visible.getJsonObject(0).getString("id")).isEqualTo(theirs.toString());
        assertThat(http.call(HttpMethod.GET, "/api/clients/" + theirs, clientViewer.accessToken(), null).statusCode())
                .isEqualTo(200);
        HttpResponse<Buffer> hidden = http.call(HttpMethod.GET, "/api/clients/" + other, clientViewer.accessToken(), null);
        HttpResponse<Buffer> missing = http.call(HttpMethod.GET, "/api/clients/" + UUID.randomUUID(), clientViewer.accessToken(), null);
        assertError(hidden, 404);
        assertThat(hidden.bodyAsJsonObject()).isEqualTo(missing.bodyAsJsonObject());
        assertThat(http.call(HttpMethod.GET, "/api/me", clientViewer.accessToken(), null).bodyAsJsonObject()
                .getString("clientId")).isEqualTo(theirs.toString());
    }
}
