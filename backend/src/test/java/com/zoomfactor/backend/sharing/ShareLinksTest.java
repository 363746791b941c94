package com.zoomfactor.backend.sharing;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static com.zoomfactor.backend.testing.LiveClient.event;
import static com.zoomfactor.backend.testing.LiveClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.db.Tenancy;
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
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ShareLinksTest {

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
        owner = live.accounts().signUp("Sharing Agency");
        client = live.accounts().createClient(owner, "Shared Client");
        base = "/api/clients/" + client + "/share-links";
    }

    private HttpResponse<Buffer> call(HttpMethod method, String path, Session who, JsonObject body) {
        return http.call(method, path, who == null ? null : who.accessToken(), body);
    }

    private JsonObject create(JsonObject body) {
        HttpResponse<Buffer> created = call(HttpMethod.POST, base, owner, body);
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        assertThat(created.getHeader("Cache-Control")).isEqualTo("no-store");
        return created.bodyAsJsonObject();
    }

    /** GET /api/shared/{token} as a stranger: no Authorization at all. */
    private HttpResponse<Buffer> open(String token) {
        return http.get("/api/shared/" + token);
    }

    private HttpResponse<Buffer> unlock(String token, String password) {
        return call(HttpMethod.POST, "/api/shared/" + token + "/unlock", null, new JsonObject().put("password", password));
    }

    private void feed(UUID clientId, String metric, double value) {
        JsonArray points = new JsonArray();
        for (int ago = 0; ago < 10; ago++) {
            points.add(new JsonObject().put("metric", metric).put("date", TODAY.minusDays(ago).toString())
                    .put("value", value + ago));
        }
        HttpResponse<Buffer> fed = call(HttpMethod.POST, "/api/clients/" + clientId + "/observations", owner,
                new JsonObject().put("points", points));
        assertThat(fed.statusCode()).as(fed.bodyAsString()).isEqualTo(200);
    }

    @Test
    void aLinkOpensTheClientsDashboardWithoutSignInAndStopsTheMomentItIsRevoked() {
        feed(client, "web.unique_visitors", 100);
        UUID other = live.accounts().createClient(owner, "Unshared Client");
        feed(other, "web.pageviews", 7777);
        assertThat(call(HttpMethod.POST, "/api/clients/" + client + "/annotations", owner, new JsonObject()
                .put("date", TODAY.minusDays(3).toString()).put("text", "Campaign launched").put("visibility", "public"))
                .statusCode()).isEqualTo(201);
        assertThat(call(HttpMethod.POST, "/api/clients/" + other + "/annotations", owner, new JsonObject()
                .put("date", TODAY.toString()).put("text", "Secret of the other client")).statusCode()).isEqualTo(201);
        assertThat(call(HttpMethod.POST, "/api/clients/" + client + "/goals", owner, new JsonObject()
                .put("target", 70).put("deadline", TODAY.plusDays(30).toString())).statusCode()).isEqualTo(201);

        JsonObject link = create(new JsonObject());
        String token = link.getString("token");
        assertThat(token).startsWith("zfs_");
        // relative (no ZF_PUBLIC_URL in tests): the SPA completes it with its own origin, never the request's Host
        assertThat(link.getString("url")).isEqualTo("/shared/" + token);
        assertThat(link.getBoolean("passwordProtected")).isFalse();
        assertThat(link.getValue("expiresAt")).isNull();

        HttpResponse<Buffer> shared = open(token);
        assertThat(shared.statusCode()).as(shared.bodyAsString()).isEqualTo(200);
        assertThat(shared.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(shared.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        JsonObject dashboard = shared.bodyAsJsonObject();
        assertThat(dashboard.getJsonObject("client").getString("name")).isEqualTo("Shared Client");
        assertThat(dashboard.getString("to")).isEqualTo(TODAY.toString());
        assertThat(dashboard.getString("from")).isEqualTo(TODAY.minusDays(89).toString());
        JsonObject score = call(HttpMethod.GET, "/api/clients/" + client + "/score", owner, null).bodyAsJsonObject();
        assertThat(dashboard.getJsonObject("score").getJsonArray("components"))
                .isEqualTo(score.getJsonArray("components"));
        assertThat(dashboard.getJsonArray("series").stream().map(s -> ((JsonObject) s).getString("metric")))
                .containsExactly("web.unique_visitors");
        assertThat(dashboard.getJsonArray("series").getJsonObject(0).getJsonArray("points")).hasSize(10);
        // every catalogue metric of the client's channels is named, measured or not (a goal may name one)
        assertThat(dashboard.getJsonArray("metrics").stream().map(m -> ((JsonObject) m).getString("key")))
                .contains("web.unique_visitors", "web.bounce_rate");
        assertThat(dashboard.getJsonArray("annotations")).hasSize(1);
        assertThat(dashboard.getJsonArray("annotations").getJsonObject(0).getString("text")).isEqualTo("Campaign launched");
        assertThat(dashboard.getJsonArray("annotations").getJsonObject(0).containsKey("createdBy")).isFalse();
        assertThat(dashboard.getJsonArray("goals")).hasSize(1);
        assertThat(dashboard.getJsonObject("scoreHistory").getJsonArray("points")).isNotNull();
        // nothing of the other client, nor anything of the agency's people
        assertThat(shared.bodyAsString()).doesNotContain("7777", "Secret of the other client", "Unshared Client",
                owner.email(), other.toString());

        // a narrower range, and bad ranges named
        JsonObject week = http.get("/api/shared/" + token + "?from=" + TODAY.minusDays(6) + "&to=" + TODAY).bodyAsJsonObject();
        assertThat(week.getJsonArray("series").getJsonObject(0).getJsonArray("points")).hasSize(7);
        assertError(http.get("/api/shared/" + token + "?from=yesterday"), 400);
        assertError(http.get("/api/shared/" + token + "?from=" + TODAY.minusDays(400)), 400);

        JsonArray listed = call(HttpMethod.GET, base, owner, null).bodyAsJsonArray();
        assertThat(listed).hasSize(1);
        assertThat(listed.getJsonObject(0).getString("status")).isEqualTo("active");
        assertThat(listed.getJsonObject(0).getJsonObject("createdBy").getString("name")).isNotBlank();
        assertThat(listed.encode()).doesNotContain(token, "zfs_");

        assertThat(call(HttpMethod.DELETE, base + "/" + link.getString("id"), owner, null).statusCode()).isEqualTo(204);
        assertError(open(token), 404);
        assertThat(call(HttpMethod.DELETE, base + "/" + link.getString("id"), owner, null).statusCode()).isEqualTo(204);
        assertThat(call(HttpMethod.GET, base, owner, null).bodyAsJsonArray().getJsonObject(0).getString("status"))
                .isEqualTo("revoked");
        JsonArray feed = call(HttpMethod.GET, "/api/clients/" + client + "/activity", owner, null).bodyAsJsonObject()
                .getJsonArray("entries");
        assertThat(feed.stream().map(e -> ((JsonObject) e).getString("kind")).filter(k -> k.startsWith("share_link")))
                .containsExactly("share_link.revoked", "share_link.created");
    }

    @Test
    void unknownForgedAndExpiredLinksAllAnswerTheSame404() throws Exception {
        JsonObject link = create(new JsonObject().put("expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
        String token = link.getString("token");
        assertThat(link.getString("expiresAt")).isNotNull();
        assertThat(open(token).statusCode()).isEqualTo(200);
        String message = open("zfs_nonsense").bodyAsJsonObject().getString("message");
        assertError(open("zfs_nonsense"), 404);
        // the right id and agency with another secret
        char last = token.charAt(token.length() - 1);
        assertError(open(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A')), 404);

        new Tenancy(live.server().pool()).inAgency(owner.agencyId(), sql -> sql.preparedQuery(
                        "UPDATE share_links SET expires_at = now() - interval '1 second' WHERE agency_id = $1 AND client_id = $2")
                .execute(Tuple.of(owner.agencyId(), client))).await(10, TimeUnit.SECONDS);
        HttpResponse<Buffer> expired = open(token);
        assertError(expired, 404);
        assertThat(expired.bodyAsJsonObject().getString("message")).isEqualTo(message);
        assertThat(call(HttpMethod.GET, base, owner, null).bodyAsJsonArray().getJsonObject(0).getString("status"))
                .isEqualTo("expired");
    }

    @Test
    void badLinksAreRefusedWithTheProblemNamed() {
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("expiresAt", "next week")), 400);
        assertThat(call(HttpMethod.POST, base, owner, new JsonObject().put("expiresAt", "2020-01-01T00:00:00Z"))
                .bodyAsJsonObject().getString("message")).contains("expiresAt");
        // past PostgreSQL's timestamps (and any sensible expiry): a 400, not a database error
        HttpResponse<Buffer> farFuture = call(HttpMethod.POST, base, owner,
                new JsonObject().put("expiresAt", "+300000-01-01T00:00:00Z"));
        assertError(farFuture, 400);
        assertThat(farFuture.bodyAsJsonObject().getString("message")).contains("expiresAt", "10 years");
        HttpResponse<Buffer> shortPassword = call(HttpMethod.POST, base, owner, new JsonObject().put("password", "short"));
        assertError(shortPassword, 400);
        assertThat(shortPassword.bodyAsJsonObject().getString("message")).contains("password", "8");
        assertError(call(HttpMethod.POST, base, owner, new JsonObject().put("password", 12345678)), 400);
        HttpResponse<Buffer> unknown = call(HttpMethod.POST, base, owner, new JsonObject().put("expires", "2030-01-01"));
        assertError(unknown, 400);
        assertThat(unknown.bodyAsJsonObject().getString("message")).contains("expires");
        assertError(call(HttpMethod.DELETE, base + "/not-an-id", owner, null), 404);
        assertError(call(HttpMethod.DELETE, base + "/" + UUID.randomUUID(), owner, null), 404);
        assertThat(call(HttpMethod.GET, base, owner, null).bodyAsJsonArray()).isEmpty();
    }

    @Test
    void viewersMayNotShareAndOtherAgenciesSeeNothing() {
        String id = create(new JsonObject()).getString("id");
        Session viewer = live.accounts().invite(owner, "viewer", null);
        Session analyst = live.accounts().invite(owner, "analyst", null);
        assertError(call(HttpMethod.POST, base, viewer, new JsonObject()), 403);
        assertError(call(HttpMethod.GET, base, viewer, null), 403);
        assertError(call(HttpMethod.DELETE, base + "/" + id, viewer, null), 403);
        assertThat(call(HttpMethod.POST, base, analyst, new JsonObject()).statusCode()).isEqualTo(201);

        Session stranger = live.accounts().signUp("Rival Sharing Agency");
        assertError(call(HttpMethod.POST, base, stranger, new JsonObject()), 404);
        assertError(call(HttpMethod.GET, base, stranger, null), 404);
        assertError(call(HttpMethod.DELETE, base + "/" + id, stranger, null), 404);
        UUID theirs = live.accounts().createClient(stranger, "Their Client");
        assertError(call(HttpMethod.DELETE, "/api/clients/" + theirs + "/share-links/" + id, stranger, null), 404);
        assertThat(call(HttpMethod.GET, base, owner, null).bodyAsJsonArray().getJsonObject(1).getString("status"))
                .isEqualTo("active");
    }

    /** The metrics whose series the link's holder sees. */
    private List<String> seriesShown(String token) {
        HttpResponse<Buffer> dashboard = open(token);
        assertThat(dashboard.statusCode()).as(dashboard.bodyAsString()).isEqualTo(200);
        return dashboard.bodyAsJsonObject().getJsonArray("series").stream()
                .map(s -> ((JsonObject) s).getString("metric")).toList();
    }

    @Test
    void aLinksContentChangesAfterCreationAndOnlyThroughItsWriters() throws Exception {
        feed(client, "web.pageviews", 100);
        feed(client, "web.unique_visitors", 50);
        JsonObject link = create(new JsonObject().put("shows", new JsonObject().put("metrics",
                new JsonArray().add("web.pageviews")).put("annotations", "none")).put("defaultDays", 30));
        String path = base + "/" + link.getString("id");
        assertThat(seriesShown(link.getString("token"))).containsExactly("web.pageviews");

        Vertx vertx = Vertx.vertx();
        try (LiveClient socket = LiveClient.connect(vertx, http, live.server().port(), owner.accessToken())) {
            socket.subscribe(client, null);
            socket.await(type("subscribed"), 5_000);
            // only the fields sent change: the annotations choice and the period stay
            HttpResponse<Buffer> changed = call(HttpMethod.PATCH, path, owner, new JsonObject().put("shows",
                    new JsonObject().put("metrics", new JsonArray().add("web.unique_visitors")).put("goals", false)));
            assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
            JsonObject shows = changed.bodyAsJsonObject().getJsonObject("shows");
            assertThat(shows.getJsonArray("metrics")).containsExactly("web.unique_visitors");
            assertThat(shows.getBoolean("goals")).isFalse();
            assertThat(shows.getBoolean("score")).isTrue();
            assertThat(shows.getString("annotations")).isEqualTo("none");
            assertThat(shows.getInteger("defaultDays")).isEqualTo(30);
            assertThat(changed.bodyAsString()).doesNotContain("zfs_");
            JsonObject event = socket.await(event("share_link"), 5_000);
            assertThat(event.getJsonObject("data").getString("action")).isEqualTo("updated");
            assertThat(event.getJsonObject("data").getJsonObject("link").getJsonObject("shows").getJsonArray("metrics"))
                    .containsExactly("web.unique_visitors");
            assertThat(socket.await(event("activity"), 5_000).getJsonObject("data").getString("summary"))
                    .contains("changed what a share link");
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        // the holder sees the new choice at once, under the same token
        assertThat(seriesShown(link.getString("token"))).containsExactly("web.unique_visitors");
        // metrics null: every metric again; the period alone changes too
        JsonObject all = call(HttpMethod.PATCH, path, owner, new JsonObject().put("shows",
                new JsonObject().putNull("metrics")).put("defaultDays", 7)).bodyAsJsonObject();
        assertThat(all.getJsonObject("shows").getValue("metrics")).isNull();
        assertThat(all.getJsonObject("shows").getInteger("defaultDays")).isEqualTo(7);
        assertThat(call(HttpMethod.GET, "/api/clients/" + client + "/activity", owner, null).bodyAsJsonObject()
                .getJsonArray("entries").stream().map(e -> ((JsonObject) e).getString("kind")))
                .contains("share_link.updated");

        // bad input: 400 naming the problem, nothing changed
        assertError(call(HttpMethod.PATCH, path, owner, new JsonObject()), 400);
        assertError(call(HttpMethod.PATCH, path, owner, new JsonObject().put("expiresAt", "2030-01-01T00:00:00Z")), 400);
        assertThat(call(HttpMethod.PATCH, path, owner, new JsonObject().put("defaultDays", 0)).bodyAsJsonObject()
                .getString("message")).contains("defaultDays");
        assertThat(call(HttpMethod.PATCH, path, owner, new JsonObject().put("shows",
                new JsonObject().put("metrics", new JsonArray().add("web.nonsense")))).bodyAsJsonObject()
                .getString("message")).contains("web.nonsense");
        assertError(call(HttpMethod.PATCH, path, owner, new JsonObject().put("shows",
                new JsonObject().put("annotations", "some"))), 400);
        assertError(call(HttpMethod.PATCH, path, owner, new JsonObject().put("shows",
                new JsonObject().put("colour", "red"))), 400);
        assertError(call(HttpMethod.PATCH, base + "/" + UUID.randomUUID(), owner, new JsonObject().put("defaultDays", 7)), 404);
        assertError(call(HttpMethod.PATCH, base + "/not-an-id", owner, new JsonObject().put("defaultDays", 7)), 404);
        assertThat(call(HttpMethod.GET, base, owner, null).bodyAsJsonArray().getJsonObject(0).getJsonObject("shows")
                .getInteger("defaultDays")).isEqualTo(7);

        // viewers are refused like the other writes; another agency sees no such link, through either client
        Session viewer = live.accounts().invite(owner, "viewer", null);
        assertError(call(HttpMethod.PATCH, path, viewer, new JsonObject().put("defaultDays", 30)), 403);
        Session stranger = live.accounts().signUp("Rival Editing Agency");
        assertError(call(HttpMethod.PATCH, path, stranger, new JsonObject().put("defaultDays", 30)), 404);
        UUID theirs = live.accounts().createClient(stranger, "Their Edited Client");
        assertError(call(HttpMethod.PATCH, "/api/clients/" + theirs + "/share-links/" + link.getString("id"), stranger,
                new JsonObject().put("defaultDays", 30)), 404);

        // a revoked link shows nothing any more: changing it is a conflict
        assertThat(call(HttpMethod.DELETE, path, owner, null).statusCode()).isEqualTo(204);
        assertError(call(HttpMethod.PATCH, path, owner, new JsonObject().put("defaultDays", 30)), 409);
    }

    @Test
    void aPasswordProtectedLinkAsksForItsPasswordAndThrottlesGuesses() {
        String password = "open sesame 42";
        JsonObject link = create(new JsonObject().put("password", password));
        assertThat(link.getBoolean("passwordProtected")).isTrue();
        String token = link.getString("token");
        String other = create(new JsonObject().put("password", "another password")).getString("token");

        HttpResponse<Buffer> locked = open(token);
        assertError(locked, 401);
        assertThat(locked.bodyAsJsonObject().getBoolean("passwordRequired")).isTrue();

        HttpResponse<Buffer> wrong = unlock(token, "not the password");
        assertError(wrong, 401);
        assertThat(wrong.bodyAsJsonObject().getBoolean("passwordRequired")).isTrue();

        HttpResponse<Buffer> granted = unlock(token, password);
        assertThat(granted.statusCode()).as(granted.bodyAsString()).isEqualTo(200);
        String grant = granted.bodyAsJsonObject().getString("grant");
        assertThat(http.get("/api/shared/" + token, "X-Share-Grant", grant).bodyAsJsonObject()
                .getJsonObject("client").getString("name")).isEqualTo("Shared Client");
        // a grant opens its own link only, and is not an access token either
        HttpResponse<Buffer> elsewhere = http.get("/api/shared/" + other, "X-Share-Grant", grant);
        assertError(elsewhere, 401);
        assertThat(elsewhere.bodyAsJsonObject().getBoolean("passwordRequired")).isTrue();
        assertError(http.call(HttpMethod.GET, "/api/clients", grant, null), 401);
        assertError(http.get("/api/shared/" + token, "X-Share-Grant", "forged"), 401);

        // one wrong guess so far (the right one took its attempt back): four more, then 429
        for (int i = 0; i < 4; i++) {
            assertError(unlock(token, "guess " + i), 401);
        }
        HttpResponse<Buffer> throttled = unlock(token, "guess 5");
        assertError(throttled, 429);
        long retryAfter = Long.parseLong(throttled.getHeader("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 15 * 60L);
        assertThat(throttled.bodyAsJsonObject().getString("message")).contains(retryAfter + " s");
        assertError(unlock(token, password), 429);
        // other links count their own guesses
        assertThat(unlock(other, "another password").statusCode()).isEqualTo(200);

        // revocation wins over a grant still valid
        assertThat(call(HttpMethod.DELETE, base + "/" + link.getString("id"), owner, null).statusCode()).isEqualTo(204);
        assertError(http.get("/api/shared/" + token, "X-Share-Grant", grant), 404);
        assertError(unlock(token, password), 404);

        assertError(call(HttpMethod.POST, "/api/shared/" + other + "/unlock", null, new JsonObject()), 400);
        String open = create(new JsonObject()).getString("token");
        assertError(unlock(open, "anything at all"), 400);
    }

    @Test
    void watchersSeeLinksCreatedAndRevokedLive() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (LiveClient socket = LiveClient.connect(vertx, http, live.server().port(), owner.accessToken())) {
            socket.subscribe(client, null);
            socket.await(type("subscribed"), 5_000);
            String id = create(new JsonObject()).getString("id");
            JsonObject created = socket.await(event("share_link"), 5_000);
            assertThat(created.getLong("seq")).isPositive();
            assertThat(created.getJsonObject("data").getString("action")).isEqualTo("created");
            assertThat(created.getJsonObject("data").getJsonObject("link").getString("id")).isEqualTo(id);
            assertThat(created.encode()).doesNotContain("zfs_");
            JsonObject activity = socket.await(event("activity"), 5_000);
            assertThat(activity.getLong("seq")).isEqualTo(created.getLong("seq") + 1);

            call(HttpMethod.DELETE, base + "/" + id, owner, null);
            JsonObject revoked = socket.await(event("share_link"), 5_000);
            assertThat(revoked.getLong("seq")).isGreaterThan(activity.getLong("seq"));
            assertThat(revoked.getJsonObject("data").getJsonObject("link").getString("status")).isEqualTo("revoked");
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLinkReadInALoopIsSlowedDown() {
        String token = create(new JsonObject()).getString("token");
        for (int i = 0; i < SharedRequestLimit.PER_MINUTE; i++) {
            assertThat(open(token).statusCode()).isEqualTo(200);
        }
        HttpResponse<Buffer> tooOften = open(token);
        assertError(tooOften, 429);
        assertThat(Long.parseLong(tooOften.getHeader("Retry-After"))).isBetween(1L, 60L);
    }
}
