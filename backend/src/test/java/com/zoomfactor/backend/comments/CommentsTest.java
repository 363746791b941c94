package com.zoomfactor.backend.comments;

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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CommentsTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private Session owner;
    private Session analyst;
    private UUID client;
    private String base;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Talking Agency");
        analyst = live.accounts().invite(owner, "analyst", null);
        client = live.accounts().createClient(owner, "Talked-about Client");
        base = "/api/clients/" + client + "/comments";
    }

    private HttpResponse<Buffer> call(HttpMethod method, String path, Session who, JsonObject body) {
        return http.call(method, path, who.accessToken(), body);
    }

    private JsonObject comment(Session who, JsonObject body) {
        HttpResponse<Buffer> created = call(HttpMethod.POST, base, who, body);
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        return created.bodyAsJsonObject();
    }

    @Test
    void threadsHaveRepliesAndAMentionReachesThatPersonsNotifications() {
        JsonObject thread = comment(owner, new JsonObject().put("text", "Why did bounce rate jump on the 12th?")
                .put("metric", "web.bounce_rate").put("date", "2026-11-12")
                .put("mentions", new JsonArray().add(analyst.userId().toString())));
        JsonObject reply = comment(analyst, new JsonObject().put("text", "The new landing page").put("parentId",
                thread.getString("id")));
        // a reply to a reply joins the same thread
        JsonObject nested = comment(owner, new JsonObject().put("text", "Roll it back?").put("parentId",
                reply.getString("id")));
        assertThat(nested.getString("parentId")).isEqualTo(thread.getString("id"));

        JsonArray threads = call(HttpMethod.GET, base, owner, null).bodyAsJsonArray();
        assertThat(threads).hasSize(1);
        assertThat(threads.getJsonObject(0).getJsonArray("replies").stream()
                .map(r -> ((JsonObject) r).getString("text"))).containsExactly("The new landing page", "Roll it back?");
        assertThat(call(HttpMethod.GET, base + "?metric=web.bounce_rate&date=2026-11-12", owner, null).bodyAsJsonArray())
                .hasSize(1);
        assertThat(call(HttpMethod.GET, base + "?metric=web.unique_visitors", owner, null).bodyAsJsonArray()).isEmpty();

        JsonArray mine = call(HttpMethod.GET, "/api/notifications?unread=true", analyst, null).bodyAsJsonArray();
        assertThat(mine).hasSize(1);
        JsonObject mention = mine.getJsonObject(0);
        assertThat(mention.getString("kind")).isEqualTo("mention");
        assertThat(mention.getString("commentId")).isEqualTo(thread.getString("id"));
        assertThat(mention.getString("summary")).contains("mentioned you").contains("bounce rate");
        assertThat(call(HttpMethod.GET, "/api/notifications", owner, null).bodyAsJsonArray())
                .as("the author is not notified of their own words").isEmpty();
        assertThat(call(HttpMethod.POST, "/api/notifications/" + mention.getLong("id") + "/read", analyst, null)
                .statusCode()).isEqualTo(204);
        assertThat(call(HttpMethod.GET, "/api/notifications?unread=true", analyst, null).bodyAsJsonArray()).isEmpty();
        assertError(call(HttpMethod.POST, "/api/notifications/" + mention.getLong("id") + "/read", owner, null), 404);
        assertThat(call(HttpMethod.POST, "/api/notifications/read-all", analyst, null).bodyAsJsonObject()
                .getInteger("marked")).isZero();
    }

    @Test
    void onlyTheAuthorEditsOrDeletesAndDeletingAThreadTakesItsReplies() {
        JsonObject thread = comment(owner, new JsonObject().put("text", "First"));
        comment(analyst, new JsonObject().put("text", "Reply").put("parentId", thread.getString("id")));
        String one = base + "/" + thread.getString("id");
        assertError(call(HttpMethod.PATCH, one, analyst, new JsonObject().put("text", "Hijacked")), 403);
        assertError(call(HttpMethod.DELETE, one, analyst, null), 403);
        JsonObject edited = call(HttpMethod.PATCH, one, owner, new JsonObject().put("text", "First, edited")
                .put("mentions", new JsonArray().add(analyst.userId().toString()))).bodyAsJsonObject();
        assertThat(edited.getString("text")).isEqualTo("First, edited");
        assertThat(call(HttpMethod.GET, "/api/notifications", analyst, null).bodyAsJsonArray())
                .as("newly mentioned by the edit").hasSize(1);
        assertThat(call(HttpMethod.DELETE, one, owner, null).statusCode()).isEqualTo(204);
        assertThat(call(HttpMethod.GET, base, owner, null).bodyAsJsonArray()).isEmpty();
        assertError(call(HttpMethod.PATCH, one, owner, new JsonObject().put("text", "gone")), 404);
    }

    @Test
    void badInputIsRefusedWithTheProblemNamed() {
        assertError(call(HttpMethod.POST, base, owner, new JsonObject()), 400);
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("text", "x".repeat(2001))), 400);
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("text", "x").put("metric", "vanity")), 400);
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("text", "x").put("date", "2026-11-12")), 400);
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("text", "x")
                .put("parentId", UUID.randomUUID().toString())), 400);
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("text", "x")
                .put("mentions", new JsonArray().add("nobody"))), 400);
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("text", "x")
                .put("mentions", new JsonArray().add(UUID.randomUUID().toString()))), 400);
        // a client viewer of another client cannot be pulled in by a mention
        UUID other = live.accounts().createClient(owner, "Elsewhere");
        Session elsewhere = live.accounts().invite(owner, "viewer", other);
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("text", "x")
                .put("mentions", new JsonArray().add(elsewhere.userId().toString()))), 400);
        assertError(call(HttpMethod.GET, "/api/notifications?unread=maybe", owner, null), 400);
        assertError(call(HttpMethod.POST, "/api/notifications/abc/read", owner, null), 404);
    }

    @Test
    void mentionsWithNullOrWrongTypeElementsAre400OnCreateAndEditAndRepeatsCountOnce() {
        JsonObject thread = comment(owner, new JsonObject().put("text", "First"));
        String one = base + "/" + thread.getString("id");
        List<JsonArray> bad = List.of(new JsonArray().addNull(), new JsonArray().add(analyst.userId().toString()).addNull(),
                new JsonArray().add(42), new JsonArray().add(new JsonObject()), new JsonArray().add(new JsonArray()),
                new JsonArray().add(true));
        for (JsonArray mentions : bad) {
            HttpResponse<Buffer> created = call(HttpMethod.POST, base, owner,
                    new JsonObject().put("text", "x").put("mentions", mentions));
            assertError(created, 400);
            assertThat(created.bodyAsJsonObject().getString("message")).as(mentions.encode()).contains("mentions");
            assertError(call(HttpMethod.PATCH, one, owner, new JsonObject().put("text", "y").put("mentions", mentions)),
                    400);
        }
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("text", "x").put("mentions", "nobody")), 400);
        String analystId = analyst.userId().toString();
        JsonObject twice = comment(owner, new JsonObject().put("text", "Twice")
                .put("mentions", new JsonArray().add(analystId).add(analystId)));
        assertThat(twice.getJsonArray("mentions")).containsExactly(analystId);
    }

    @Test
    void viewersReadMachinesDoNotTalkAndOtherAgenciesSeeNothing() {
        String thread = base + "/" + comment(owner, new JsonObject().put("text", "Ours")).getString("id");
        Session viewer = live.accounts().invite(owner, "viewer", null);
        assertThat(call(HttpMethod.GET, base, viewer, null).statusCode()).isEqualTo(200);
        assertError(call(HttpMethod.POST, base, viewer, new JsonObject().put("text", "x")), 403);
        String token = live.accounts().createToken(owner, "admin");
        assertError(http.call(HttpMethod.POST, base, token, new JsonObject().put("text", "x")), 403);

        Session stranger = live.accounts().signUp("Eavesdropping Agency");
        assertError(call(HttpMethod.GET, base, stranger, null), 404);
        assertError(call(HttpMethod.POST, base, stranger, new JsonObject().put("text", "x")), 404);
        assertError(call(HttpMethod.PATCH, thread, stranger, new JsonObject().put("text", "x")), 404);
        assertError(call(HttpMethod.DELETE, thread, stranger, null), 404);
    }

    @Test
    void everyoneWatchingSeesCommentsAndMentionsLive() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (LiveClient socket = LiveClient.connect(vertx, http, live.server().port(), analyst.accessToken())) {
            socket.subscribe(client, null);
            socket.await(type("subscribed"), 5_000);
            comment(owner, new JsonObject().put("text", "Look at this").put("mentions",
                    new JsonArray().add(analyst.userId().toString())));
            JsonObject created = socket.await(event("comment"), 5_000);
            assertThat(created.getJsonObject("data").getJsonObject("comment").getString("text")).isEqualTo("Look at this");
            JsonObject notification = socket.await(event("notification"), 5_000);
            assertThat(notification.getJsonObject("data").getString("personId")).isEqualTo(analyst.userId().toString());
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anAnalystSeesWhomTheyMayMentionNamesOnlyAndNeverAClientViewerOfAnotherClient() {
        Session ours = live.accounts().invite(owner, "viewer", client);
        UUID other = live.accounts().createClient(owner, "Elsewhere");
        Session elsewhere = live.accounts().invite(owner, "viewer", other);
        HttpResponse<Buffer> listed = call(HttpMethod.GET, base + "/mentionable", analyst, null);
        assertThat(listed.statusCode()).as(listed.bodyAsString()).isEqualTo(200);
        JsonArray people = listed.bodyAsJsonArray();
        assertThat(people.stream().map(p -> ((JsonObject) p).getString("id")))
                .contains(owner.userId().toString(), analyst.userId().toString(), ours.userId().toString())
                .doesNotContain(elsewhere.userId().toString());
        assertThat(people.getJsonObject(0).fieldNames()).containsExactlyInAnyOrder("id", "name");

        assertError(call(HttpMethod.GET, base + "/mentionable", live.accounts().invite(owner, "viewer", null), null), 403);
        assertError(call(HttpMethod.GET, base + "/mentionable", live.accounts().signUp("Prying Agency"), null), 404);
    }
}
