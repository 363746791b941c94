package com.zoomfactor.backend.live;

import com.zoomfactor.domain.live.LiveKind;
import com.zoomfactor.backend.events.EventStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.app.HttpServerVerticle;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveClient;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live channel shows nobody what their REST reads would refuse, and bounds what one holder may open or send.
 */
class LiveAccessTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private Session owner;
    private UUID client;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Watched Agency");
        client = live.accounts().createClient(owner, "Watched Client");
    }

    private LiveClient watching(String credential, Long since) {
        LiveClient socket = live.dashboard(credential);
        socket.subscribe(client, since);
        socket.await(LiveClient.type("subscribed"), 10_000);
        return socket;
    }

    /** Every event up to and including the marker annotation, which comes after everything the test did. */
    private static List<JsonObject> eventsUntilMarker(LiveClient socket, String marker) {
        List<JsonObject> events = new ArrayList<>();
        while (true) {
            JsonObject next = socket.await(message -> "event".equals(message.getString("type")), 10_000);
            events.add(next);
            if (LiveKind.ANNOTATION.wire().equals(next.getString("kind"))
                    && marker.equals(next.getJsonObject("data").getJsonObject("annotation").getString("text"))) {
                return events;
            }
        }
    }

    private static List<String> kinds(List<JsonObject> events) {
        return events.stream().map(e -> e.getString("kind")).toList();
    }

    private void ok(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isIn(200, 201);
    }

    @Test
    void everyRecordedKindSaysWhoMayReceiveIt() {
        assertThat(LiveVisibility.kinds()).containsExactlyInAnyOrder(EventStore.OBSERVATIONS, EventStore.POSTS,
                EventStore.SCORE, EventStore.PRESENCE, LiveKind.ANNOTATION.wire(), LiveKind.COMMENT.wire(),
                LiveKind.GOAL.wire(), LiveKind.ALERT_RULE.wire(), LiveKind.ALERT.wire(), LiveKind.ACTIVITY.wire(),
                LiveKind.SHARE_LINK.wire(), LiveKind.NOTIFICATION.wire(), LiveKind.WEB.wire());
    }

    @Test
    void viewersClientViewersAndTokensNeverReceiveWhatTheirReadsWouldRefuse() {
        Session analyst = live.accounts().invite(owner, "analyst", null);
        Session viewer = live.accounts().invite(owner, "viewer", null);
        Session clientViewer = live.accounts().invite(owner, "viewer", client);
        String readToken = live.accounts().createToken(owner, "read");

        LiveClient ownerSocket = watching(owner.accessToken(), null);
        LiveClient analystSocket = watching(analyst.accessToken(), null);
        LiveClient viewerSocket = watching(viewer.accessToken(), null);
        LiveClient clientViewerSocket = watching(clientViewer.accessToken(), null);
        LiveClient tokenSocket = watching(readToken, null);

        // a share link (managers only), a mention of the analyst (their notification only), then a marker for all
        ok(http.call(HttpMethod.POST, "/api/clients/" + client + "/share-links", owner.accessToken(), new JsonObject()));
        ok(http.call(HttpMethod.POST, "/api/clients/" + client + "/comments", owner.accessToken(), new JsonObject()
                .put("text", "Have a look at this").put("mentions", new JsonArray().add(analyst.userId().toString()))));
        ok(http.call(HttpMethod.POST, "/api/clients/" + client + "/annotations", owner.accessToken(), new JsonObject()
                .put("date", "2026-11-20").put("text", "marker one")));

        List<String> ownerSaw = kinds(eventsUntilMarker(ownerSocket, "marker one"));
        assertThat(ownerSaw).contains(LiveKind.SHARE_LINK.wire(), LiveKind.COMMENT.wire(), com.zoomfactor.domain.live.LiveKind.ACTIVITY.wire())
                .doesNotContain(LiveKind.NOTIFICATION.wire());
        List<JsonObject> analystSaw = eventsUntilMarker(analystSocket, "marker one");
        assertThat(kinds(analystSaw)).contains(LiveKind.SHARE_LINK.wire(), LiveKind.NOTIFICATION.wire());
        analystSaw.stream().filter(e -> LiveKind.NOTIFICATION.wire().equals(e.getString("kind")))
                .forEach(n -> assertThat(n.getJsonObject("data").getString("personId"))
                        .isEqualTo(analyst.userId().toString()));

        for (LiveClient reader : List.of(viewerSocket, clientViewerSocket, tokenSocket)) {
            List<String> saw = kinds(eventsUntilMarker(reader, "marker one"));
            assertThat(saw).contains(LiveKind.COMMENT.wire(), com.zoomfactor.domain.live.LiveKind.ACTIVITY.wire())
                    .doesNotContain(LiveKind.SHARE_LINK.wire(), LiveKind.NOTIFICATION.wire());
        }

        // resuming from the start replays the stored events through the same rule
        LiveClient replaying = watching(viewer.accessToken(), 0L);
        List<String> replayed = kinds(eventsUntilMarker(replaying, "marker one"));
        assertThat(replayed).contains(LiveKind.COMMENT.wire())
                .doesNotContain(LiveKind.SHARE_LINK.wire(), LiveKind.NOTIFICATION.wire());
        LiveClient ownerReplaying = watching(owner.accessToken(), 0L);
        assertThat(kinds(eventsUntilMarker(ownerReplaying, "marker one"))).contains(LiveKind.SHARE_LINK.wire());
    }

    @Test
    void aTokensSocketIsNarrowedWhenItsMakerIsAndClosedWhenTheMakerLeaves() throws InterruptedException {
        Session admin = live.accounts().invite(owner, "admin", null);
        UUID other = live.accounts().createClient(owner, "Another Client");
        String token = live.accounts().createToken(admin, "read");
        LiveClient socket = watching(token, null);

        // the maker becomes a client viewer of another client: the token's socket loses this one
        ok(http.call(HttpMethod.PATCH, "/api/members/" + admin.userId(), owner.accessToken(),
                new JsonObject().put("role", "viewer").put("clientId", other.toString())));
        live.server().live().heartbeatNow();
        JsonObject lost = socket.await(LiveClient.type("error"), 10_000);
        assertThat(lost.getString("clientId")).isEqualTo(client.toString());

        // the maker is removed: the token is revoked and its socket closed
        assertThat(http.call(HttpMethod.DELETE, "/api/members/" + admin.userId(), owner.accessToken(), null)
                .statusCode()).isEqualTo(204);
        live.server().live().heartbeatNow();
        long deadline = System.currentTimeMillis() + 5_000;
        while (socket.closeCode() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(socket.closeCode()).isEqualTo(LiveSession.ACCESS_ENDED);
    }

    private static int refusal(Future<LiveClient> opening) {
        Throwable failure = assertThatThrownBy(() -> LiveClient.get(opening)).actual();
        while (failure != null && !(failure instanceof UpgradeRejectedException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("the handshake was refused").isInstanceOf(UpgradeRejectedException.class);
        return ((UpgradeRejectedException) failure).getStatus();
    }

    private Future<LiveClient> open(String credential) {
        String origin = "http://localhost:" + live.server().port();
        return LiveClient.open(live.clientVertx(), live.server().port(), LiveClient.ticket(http, credential), origin)
                .onSuccess(live::track);
    }

    /** Opens sockets until one is accepted again (the server frees a slot when it has seen the close). */
    private LiveClient openOnceFreed(String credential) {
        for (int attempt = 0; attempt < 200; attempt++) {
            Future<LiveClient> opening = open(credential);
            try {
                return LiveClient.get(opening);
            } catch (RuntimeException | AssertionError refused) {
                assertThat(refusal(opening)).isEqualTo(429);
            }
        }
        throw new AssertionError("no socket slot was freed");
    }

    @Test
    void onePersonOrTokenHoldsAtMostTheCapOfSocketsAtOnce() {
        String token = live.accounts().createToken(owner, "read");
        for (String credential : List.of(owner.accessToken(), token)) {
            List<LiveClient> mine = new ArrayList<>();
            for (int i = 0; i < LiveHub.MAX_SOCKETS_PER_HOLDER; i++) {
                mine.add(LiveClient.get(open(credential)));
            }
            assertThat(refusal(open(credential))).isEqualTo(429);
            mine.get(0).close();
            LiveClient again = openOnceFreed(credential);
            again.subscribe(client, null);
            again.await(LiveClient.type("subscribed"), 10_000);
        }
        // the cap is per holder: someone else of the agency still connects
        Session analyst = live.accounts().invite(owner, "analyst", null);
        LiveClient.get(open(analyst.accessToken()));
    }

    @Test
    void aBinaryFrameClosesTheSocket() throws InterruptedException {
        LiveClient socket = watching(owner.accessToken(), null);
        socket.sendBinary(Buffer.buffer(new byte[] {1, 2, 3}));
        long deadline = System.currentTimeMillis() + 5_000;
        while (socket.closeCode() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(socket.closeCode()).isEqualTo(LiveSession.UNSUPPORTED_DATA);
    }

    @Test
    void aMessageOverTheLimitClosesTheSocketSayingWhy() throws InterruptedException {
        String big = "{\"type\":\"subscribe\",\"pad\":\"" + "x".repeat(HttpServerVerticle.LIVE_MESSAGE_BYTES) + "\"}";
        String[][] shapes = {{big}, {big.substring(0, 3000), big.substring(3000)}};
        for (String[] frames : shapes) {
            LiveClient socket = watching(owner.accessToken(), null);
            socket.sendText(frames);
            long deadline = System.currentTimeMillis() + 5_000;
            while (socket.closeCode() == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(socket.closeCode()).as(frames.length + " frame(s)").isEqualTo(LiveSession.TOO_BIG);
        }
    }
}
