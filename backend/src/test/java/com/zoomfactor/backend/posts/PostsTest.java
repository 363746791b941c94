package com.zoomfactor.backend.posts;

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

class PostsTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private Session owner;
    private UUID client;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Posting Agency");
        client = live.accounts().createClient(owner, "Posting Client");
    }

    private HttpResponse<Buffer> send(String token, JsonObject... posts) {
        return http.call(HttpMethod.POST, "/api/clients/" + client + "/posts", token,
                new JsonObject().put("posts", new JsonArray(java.util.List.of((Object[]) posts))));
    }

    private static JsonObject tweet(String id, long retweets) {
        return new JsonObject().put("channel", "twitter").put("externalId", id).put("publishedAt", "2026-10-01T09:30:00Z")
                .put("text", "Why you, why now? #coffee").put("url", "https://x.example/status/" + id)
                .put("metrics", new JsonObject().put("impressions", 1000).put("retweets", retweets).put("likes", 40)
                        .put("replies", 10));
    }

    @Test
    void postsAreUpsertedByChannelAndIdAndListedWithTheirEngagement() {
        assertThat(send(owner.accessToken(), tweet("1", 5), tweet("2", 0)).bodyAsJsonObject())
                .isEqualTo(new JsonObject().put("accepted", 2).put("inserted", 2).put("updated", 0).put("unchanged", 0));
        assertThat(send(owner.accessToken(), tweet("1", 50), tweet("2", 0)).bodyAsJsonObject())
                .as("a later export updates the numbers")
                .isEqualTo(new JsonObject().put("accepted", 2).put("inserted", 0).put("updated", 1).put("unchanged", 1));

        JsonArray posts = http.call(HttpMethod.GET, "/api/clients/" + client + "/posts?from=2026-09-01&to=2026-10-31",
                owner.accessToken(), null).bodyAsJsonArray();
        assertThat(posts).hasSize(2);
        JsonObject first = posts.stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("externalId").equals("1")).findFirst().orElseThrow();
        assertThat(first.getJsonObject("metrics").getLong("retweets")).isEqualTo(50L);
        assertThat(first.getLong("engagement")).isEqualTo(100L);
        assertThat(first.getDouble("engagementRate")).isEqualTo(0.1);
    }

    @Test
    void badPostsAreRefusedWholeNamingEachProblem() {
        HttpResponse<Buffer> response = send(owner.accessToken(), tweet("ok", 1),
                tweet("3", 1).put("channel", "myspace"),
                tweet("4", 1).put("publishedAt", "yesterday"),
                tweet("5", 1).put("metrics", new JsonObject().put("retweets", -1)),
                tweet("6", 1).put("metrics", new JsonObject().put("vibes", 3)),
                tweet("", 1),
                tweet("8", 1).put("metrics", new JsonObject().put("likes", new java.math.BigInteger("9223372036854775808"))));
        assertError(response, 422);
        assertThat(response.bodyAsJsonObject().getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getInteger("index")).distinct().toList()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(http.call(HttpMethod.GET, "/api/clients/" + client + "/posts", owner.accessToken(), null)
                .bodyAsJsonArray()).isEmpty();
    }

    @Test
    void viewersCannotWriteAndOtherAgenciesCannotSee() {
        Session viewer = live.accounts().invite(owner, "viewer", null);
        assertError(send(viewer.accessToken(), tweet("7", 1)), 403);
        Session stranger = live.accounts().signUp("Stranger");
        assertError(send(stranger.accessToken(), tweet("7", 1)), 404);
        assertError(http.call(HttpMethod.GET, "/api/clients/" + client + "/posts", stranger.accessToken(), null), 404);
        assertError(http.call(HttpMethod.GET, "/api/clients/" + client + "/posts?to=%2B999999999-12-31",
                owner.accessToken(), null), 400);
    }
}
