package com.zoomfactor.backend.live;

import com.zoomfactor.backend.events.EventStore;

import static com.zoomfactor.backend.testing.LiveClient.event;
import static com.zoomfactor.backend.testing.LiveClient.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveClient;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.TestServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LiveChannelTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private Session owner;
    private UUID client;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Live Agency");
        client = live.accounts().createClient(owner, "Live Client");
    }

    private LiveClient connect(Session session) {
        return connect(session, live.server().port());
    }

    private LiveClient connect(Session session, int port) {
        return live.track(LiveClient.connect(live.clientVertx(), http, port, session.accessToken()));
    }

    private static int refusal(io.vertx.core.Future<LiveClient> opening) {
        Throwable failure = assertThatThrownBy(() -> LiveClient.get(opening)).actual();
        while (failure != null && !(failure instanceof UpgradeRejectedException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("the handshake was refused").isInstanceOf(UpgradeRejectedException.class);
        return ((UpgradeRejectedException) failure).getStatus();
    }

    private void writePoint(Session session, UUID clientId, int value) {
        JsonObject point = new JsonObject().put("metric", "web.unique_visitors")
                .put("date", LocalDate.now(ZoneOffset.UTC).toString()).put("value", value);
        var response = http.call(HttpMethod.POST, "/api/clients/" + clientId + "/observations", session.accessToken(),
                new JsonObject().put("points", new JsonArray().add(point)));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    }

    @Test
    void aTicketOpensOneSocketOnceAndOnlyForAShortWhile() throws Exception {
        String ticket = LiveClient.ticket(http, owner.accessToken());
        String origin = "http://localhost:" + live.server().port();
        // a wrong secret with the right id is refused, and does not use the real ticket up
        char last = ticket.charAt(ticket.length() - 2);
        String guessed = ticket.substring(0, ticket.length() - 2) + (last == 'A' ? 'B' : 'A') + ticket.charAt(ticket.length() - 1);
        assertThat(refusal(LiveClient.open(live.clientVertx(), live.server().port(), guessed, origin))).isEqualTo(401);
        LiveClient first = LiveClient.get(LiveClient.open(live.clientVertx(), live.server().port(), ticket, origin));
        live.track(first);
        assertThat(refusal(LiveClient.open(live.clientVertx(), live.server().port(), ticket, origin))).as("used twice").isEqualTo(401);

        String expiring = LiveClient.ticket(http, owner.accessToken());
        new Tenancy(live.server().pool()).inAgency(owner.agencyId(), sql -> sql.preparedQuery(
                "UPDATE live_tickets SET expires_at = now() - interval '1 second' WHERE agency_id = $1 AND used_at IS NULL")
                .execute(Tuple.of(owner.agencyId()))).await(10, TimeUnit.SECONDS);
        assertThat(refusal(LiveClient.open(live.clientVertx(), live.server().port(), expiring, origin))).as("expired").isEqualTo(401);
        assertThat(refusal(LiveClient.open(live.clientVertx(), live.server().port(), null, origin))).as("no ticket").isEqualTo(401);
        assertThat(refusal(LiveClient.open(live.clientVertx(), live.server().port(), "zfl_garbage", origin))).as("garbage").isEqualTo(401);
        assertThat(http.call(HttpMethod.POST, "/api/live/ticket", null, null).statusCode()).isEqualTo(401);
        // a plain GET is a mistake, not a socket
        assertThat(http.call(HttpMethod.GET, "/api/live?ticket=" + ticket, null, null).statusCode()).isEqualTo(400);
    }

    @Test
    void anotherSitesPagesCannotOpenASocket() {
        String ticket = LiveClient.ticket(http, owner.accessToken());
        assertThat(refusal(LiveClient.open(live.clientVertx(), live.server().port(), ticket, "https://evil.example"))).isEqualTo(403);
        // the refusal does not use the ticket up: the app's own page can still open with it
        live.track(LiveClient.get(LiveClient.open(live.clientVertx(), live.server().port(), ticket, "http://localhost:" + live.server().port())));
    }

    @Test
    void aSubscriberSeesEachCommittedChangeNumberedInOrder() {
        LiveClient socket = connect(owner);
        socket.subscribe(client, null);
        assertThat(socket.await(type("subscribed"), 5_000).getLong("seq")).isZero();

        writePoint(owner, client, 100);
        // my own arrival (presence), the batch and the score it moved, numbered 1, 2, 3 in the order they committed
        List<JsonObject> events = new ArrayList<>();
        while (events.size() < 3) {
            events.add(socket.await(type("event"), 10_000));
        }
        assertThat(events.stream().map(e -> e.getLong("seq"))).containsExactly(1L, 2L, 3L);
        assertThat(events.stream().map(e -> e.getString("kind")))
                .containsExactlyInAnyOrder("presence", "observations", "score");
        JsonObject observations = events.stream().filter(event("observations")).findFirst().orElseThrow();
        JsonObject score = events.stream().filter(event("score")).findFirst().orElseThrow();
        assertThat(score.getLong("seq")).isGreaterThan(observations.getLong("seq"));
        assertThat(observations.getString("clientId")).isEqualTo(client.toString());
        assertThat(observations.getJsonObject("data").getJsonArray("metrics")).containsExactly("web.unique_visitors");
        assertThat(score.getJsonObject("data").getString("cause")).isEqualTo("data");
    }

    @Test
    void anotherAgencysClientOrAnotherClientOfAClientViewerIsRefusedLikeAMissingOne() {
        Session stranger = live.accounts().signUp("Stranger Live");
        LiveClient theirs = connect(stranger);
        theirs.subscribe(client, null);
        JsonObject refused = theirs.await(type("error"), 5_000);
        theirs.subscribe(UUID.randomUUID(), null);
        JsonObject missing = theirs.await(type("error"), 5_000);
        assertThat(refused.getString("message")).isEqualTo(missing.getString("message")).isEqualTo("No such client");

        UUID other = live.accounts().createClient(owner, "Other Live Client");
        Session viewer = live.accounts().invite(owner, "viewer", other);
        LiveClient viewers = connect(viewer);
        viewers.subscribe(client, null);
        assertThat(viewers.await(type("error"), 5_000).getString("message")).isEqualTo("No such client");
        viewers.subscribe(other, null);
        viewers.await(type("subscribed"), 5_000);

        // and nothing of ours reaches them
        writePoint(owner, client, 5);
        assertThat(theirs.drain(500)).noneMatch(m -> "event".equals(m.getString("type")));

        theirs.send(new JsonObject().put("type", "subscribe").put("clientId", "not-a-uuid"));
        assertThat(theirs.await(type("error"), 5_000).getString("message")).contains("UUID");
        theirs.send(new JsonObject().put("type", "subscribe").put("clientId", client.toString()).put("since", -1));
        assertThat(theirs.await(type("error"), 5_000).getString("message")).contains("since");
        theirs.send(new JsonObject().put("type", "dance"));
        assertThat(theirs.await(type("error"), 5_000).getString("message")).contains("type");
    }

    @Test
    void resumingReplaysExactlyTheMissedEvents() {
        LiveClient first = connect(owner);
        first.subscribe(client, null);
        first.await(type("subscribed"), 5_000);
        writePoint(owner, client, 1);
        long seen = first.await(event("observations"), 5_000).getLong("seq");
        first.close();

        for (int i = 2; i <= 4; i++) {
            writePoint(owner, client, i);
        }
        LiveClient again = connect(owner);
        again.subscribe(client, seen);
        assertThat(again.await(type("subscribed"), 5_000).getLong("seq")).isEqualTo(seen);
        List<Long> seqs = new ArrayList<>();
        List<JsonObject> messages = again.drain(1_500);
        messages.stream().filter(m -> "event".equals(m.getString("type"))).forEach(m -> seqs.add(m.getLong("seq")));
        assertThat(seqs).as("no gap, no repeat").isNotEmpty();
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(seen + 1 + i);
        }
        assertThat(messages.stream().filter(event("observations")).count()).as("the three missed batches").isEqualTo(3);
    }

    @Test
    void aResumeFromBeyondTheRetainedEventsIsToldToReset() throws Exception {
        for (int i = 0; i < 3; i++) {
            writePoint(owner, client, i);
        }
        // as if the oldest events had been pruned
        new Tenancy(live.server().pool()).inAgency(owner.agencyId(), sql -> sql.preparedQuery(
                "DELETE FROM live_events WHERE agency_id = $1 AND client_id = $2 AND seq <= 2")
                .execute(Tuple.of(owner.agencyId(), client))).await(10, TimeUnit.SECONDS);
        LiveClient socket = connect(owner);
        socket.subscribe(client, 1L);
        JsonObject reset = socket.await(m -> !"event".equals(m.getString("type")), 5_000);
        assertThat(reset.getString("type")).isEqualTo("reset");
        assertThat(reset.getLong("seq")).isGreaterThanOrEqualTo(3);
        // a number this database never gave out is reset too
        socket.subscribe(client, 1_000_000L);
        assertThat(socket.await(m -> !"event".equals(m.getString("type")), 5_000).getString("type")).isEqualTo("reset");
    }

    @Test
    void peopleSeeWhoElseIsLookingAndWhenTheyLeave() {
        Session analyst = live.accounts().invite(owner, "analyst", null);
        LiveClient mine = connect(owner);
        mine.subscribe(client, null);
        mine.await(m -> "event".equals(m.getString("type")) && "presence".equals(m.getString("kind"))
                && m.getJsonObject("data").getJsonArray("viewers").size() == 1, 5_000);
        LiveClient theirs = connect(analyst);
        theirs.subscribe(client, null);
        JsonObject both = mine.await(m -> event("presence").test(m)
                && m.getJsonObject("data").getJsonArray("viewers").size() == 2, 5_000);
        assertThat(both.getJsonObject("data").getJsonArray("viewers").stream().map(JsonObject.class::cast)
                .map(v -> v.getString("userId"))).containsExactly(owner.userId().toString(), analyst.userId().toString());
        theirs.close();
        mine.await(m -> event("presence").test(m) && m.getJsonObject("data").getJsonArray("viewers").size() == 1, 5_000);
    }

    @Test
    void anotherInstanceOnTheSameDatabaseDeliversTheSameEventsInOrder() throws Exception {
        try (TestServer second = TestServer.startOn(live.server().database())) {
            LiveClient onFirst = connect(owner);
            LiveClient onSecond = connect(owner, second.port());
            onFirst.subscribe(client, null);
            onSecond.subscribe(client, null);
            onFirst.await(type("subscribed"), 5_000);
            onSecond.await(type("subscribed"), 5_000);
            for (int i = 0; i < 5; i++) {
                writePoint(owner, client, 10 + i); // through the first instance
            }
            List<Long> first = new ArrayList<>();
            List<Long> secondSeqs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                first.add(onFirst.await(event("observations"), 5_000).getLong("seq"));
                secondSeqs.add(onSecond.await(event("observations"), 5_000).getLong("seq"));
            }
            assertThat(secondSeqs).isEqualTo(first);
            assertThat(first).isSorted().doesNotHaveDuplicates();
        }
    }

    /**
     * A dashboard that stops reading, for real: a plain TCP socket with a tiny receive buffer that does the WebSocket
     * handshake, subscribes, and then never reads again (a client library would keep reading into memory).
     */
    private java.net.Socket stalledSubscriber() throws Exception {
        int port = live.server().port();
        java.net.Socket raw = new java.net.Socket();
        raw.setReceiveBufferSize(4096);
        raw.connect(new java.net.InetSocketAddress("localhost", port), 5_000);
        raw.setSoTimeout(5_000);
        String key = java.util.Base64.getEncoder().encodeToString(UUID.randomUUID().toString().substring(0, 16)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        var out = raw.getOutputStream();
        out.write(("GET /api/live?ticket=" + LiveClient.ticket(http, owner.accessToken()) + " HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Origin: http://localhost:" + port + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        var in = raw.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        byte[] payload = new JsonObject().put("type", "subscribe").put("clientId", client.toString()).encode()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81; // final text frame
        frame[1] = (byte) (0x80 | payload.length); // masked, as clients must; short payload
        byte[] mask = {1, 2, 3, 4};
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        out.write(frame);
        out.flush();
        return raw;
    }

    @Test
    void aSocketThatCannotKeepUpIsCutOffWithoutHurtingTheOthers() throws Exception {
        LiveClient healthy = connect(owner);
        healthy.subscribe(client, null);
        healthy.await(type("subscribed"), 5_000);
        try (java.net.Socket stalled = stalledSubscriber()) {
            LiveHub hub = live.server().live();
            long deadline = System.currentTimeMillis() + 5_000;
            while (hub.sockets() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(hub.sockets()).as("both sockets open").isEqualTo(2);
            Thread.sleep(300); // its subscription settles (it reads nothing from here on)

            // large events fill the stalled socket's network buffers, then its queue on the server
            String filler = "x".repeat(100_000);
            int events = 150;
            Tenancy tenancy = new Tenancy(live.server().pool());
            for (int i = 0; i < events; i++) {
                // a kind every reader receives (an unknown kind would reach nobody)
                tenancy.inAgency(owner.agencyId(), sql -> EventStore.record(sql, owner.agencyId(), client,
                        EventStore.OBSERVATIONS,
                        new JsonObject().put("filler", filler))).await(10, TimeUnit.SECONDS);
            }
            for (int delivered = 0; delivered < events; delivered++) {
                healthy.await(event(EventStore.OBSERVATIONS), 10_000);
            }
            deadline = System.currentTimeMillis() + 10_000;
            while (hub.sockets() > 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(hub.sockets()).as("the stalled socket was cut off, the healthy one kept").isEqualTo(1);
            assertThat(healthy.isClosed()).isFalse();
        }
    }

    @Test
    void whenTheDatabaseDropsTheListenerNothingCommittedMeanwhileIsLost() throws Exception {
        LiveClient socket = connect(owner);
        socket.subscribe(client, null);
        socket.await(type("subscribed"), 5_000);
        var db = live.server().database();
        try (java.sql.Connection admin = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             java.sql.Statement statement = admin.createStatement()) {
            // what a database restart does to the relay's connection
            java.sql.ResultSet cut = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND query ILIKE 'LISTEN%'");
            cut.next();
            assertThat(cut.getInt(1)).as("the relay's listening connection").isEqualTo(1);
        }
        for (int i = 0; i < 3; i++) {
            writePoint(owner, client, 20 + i); // committed while nobody listens
        }
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seqs.add(socket.await(event("observations"), 10_000).getLong("seq"));
        }
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        writePoint(owner, client, 30); // and once it listens again, live as before
        assertThat(socket.await(event("observations"), 10_000).getLong("seq")).isGreaterThan(seqs.get(2));
    }

    @Test
    void aStoppingServerSaysGoingAwayAtOnceInsteadOfWaitingForItsSockets() throws Exception {
        TestServer second = TestServer.startOn(live.server().database());
        LiveClient socket = connect(owner, second.port());
        socket.subscribe(client, null);
        socket.await(type("subscribed"), 5_000);
        long started = System.nanoTime();
        second.close();
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(tookMs).as("an open socket does not hold the stop for the requests' grace period")
                .isLessThan(com.zoomfactor.backend.app.HttpServerVerticle.SHUTDOWN_GRACE_SECONDS * 1000 / 2);
        long deadline = System.currentTimeMillis() + 5_000;
        while (socket.closeCode() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(socket.closeCode()).isEqualTo((short) 1001);
    }

    @Test
    void aSocketWhoseHolderLostAccessIsClosedAtTheNextCheck() throws Exception {
        Session analyst = live.accounts().invite(owner, "analyst", null);
        LiveClient socket = connect(analyst);
        socket.subscribe(client, null);
        socket.await(type("subscribed"), 5_000);
        var removed = http.call(HttpMethod.DELETE, "/api/members/" + analyst.userId(), owner.accessToken(), null);
        assertThat(removed.statusCode()).as(removed.bodyAsString()).isEqualTo(204);
        live.server().live().heartbeatNow();
        long deadline = System.currentTimeMillis() + 5_000;
        while (socket.closeCode() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(socket.closeCode()).isEqualTo(LiveSession.ACCESS_ENDED);
    }

    @Test
    void aMemberMadeAClientViewerLosesTheOtherClientsSubscriptions() {
        UUID other = live.accounts().createClient(owner, "Second Live Client");
        Session analyst = live.accounts().invite(owner, "analyst", null);
        LiveClient socket = connect(analyst);
        socket.subscribe(client, null);
        socket.await(type("subscribed"), 5_000);
        var changed = http.call(HttpMethod.PATCH, "/api/members/" + analyst.userId(), owner.accessToken(),
                new JsonObject().put("role", "viewer").put("clientId", other.toString()));
        assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
        live.server().live().heartbeatNow();
        JsonObject ended = socket.await(type("error"), 5_000);
        assertThat(ended.getString("clientId")).isEqualTo(client.toString());
        writePoint(owner, client, 77);
        assertThat(socket.drain(700)).noneMatch(event("observations"));
    }

    @Test
    void aPortfolioWatchesWithoutShowingUpAsLooking() {
        Session analyst = live.accounts().invite(owner, "analyst", null);
        LiveClient looking = connect(owner);
        looking.subscribe(client, null);
        looking.await(m -> event("presence").test(m), 5_000);
        LiveClient portfolio = connect(analyst);
        portfolio.send(new JsonObject().put("type", "subscribe").put("clientId", client.toString())
                .put("presence", false));
        portfolio.await(type("subscribed"), 5_000);
        writePoint(owner, client, 3);
        portfolio.await(event("observations"), 5_000);
        // the only presence news the looking dashboard gets is its own arrival
        assertThat(looking.drain(700)).filteredOn(event("presence")).isEmpty();
    }

    /**
     * Subscriptions sent together are started together (their positions read in batches): each client gets its own
     * answer — a missing or foreign one its error, the others "subscribed" — and events flow to every one of them.
     */
    @Test
    void aPortfolioOfManyClientsSubscribesAtOnceAndEachGetsItsOwnAnswer() {
        java.util.List<java.util.UUID> clients = new java.util.ArrayList<>();
        for (int i = 0; i < LiveSession.START_BATCH + 30; i++) {
            clients.add(live.accounts().createClient(owner, "Portfolio client " + i));
        }
        Session stranger = live.accounts().signUp("Stranger Portfolio Agency");
        java.util.UUID foreign = live.accounts().createClient(stranger, "Not yours");
        java.util.UUID missing = java.util.UUID.randomUUID();
        LiveClient portfolio = connect(owner);
        java.util.List<Object> asked = new java.util.ArrayList<>(clients);
        asked.add(7, foreign);
        asked.add(LiveSession.START_BATCH + 3, missing);
        for (Object id : asked) {
            portfolio.send(new JsonObject().put("type", "subscribe").put("clientId", id.toString())
                    .put("presence", false));
        }
        // answers in any order: every asked client answered once, each with its own kind of answer
        java.util.Map<String, JsonObject> answers = new java.util.HashMap<>();
        while (answers.size() < asked.size()) {
            JsonObject answer = portfolio.await(m -> "subscribed".equals(m.getString("type"))
                    || "error".equals(m.getString("type")), 10_000);
            assertThat(answers.put(answer.getString("clientId"), answer)).as("answered twice").isNull();
        }
        for (java.util.UUID id : clients) {
            assertThat(answers.get(id.toString()).getString("type")).isEqualTo("subscribed");
        }
        for (java.util.UUID refused : java.util.List.of(foreign, missing)) {
            assertThat(answers.get(refused.toString()).getString("message")).isEqualTo(ClientScope.NOT_FOUND);
        }
        java.util.UUID last = clients.get(clients.size() - 1);
        writePoint(owner, last, 5);
        writePoint(owner, clients.get(0), 6);
        // in either order (await passes over what does not match)
        java.util.Set<String> heard = new java.util.HashSet<>();
        while (heard.size() < 2) {
            JsonObject observed = portfolio.await(event("observations"), 5_000);
            heard.add(observed.getString("clientId"));
        }
        assertThat(heard).containsExactlyInAnyOrder(last.toString(), clients.get(0).toString());
    }

    @Test
    void aFloodOfMessagesClosesTheSocket() throws Exception {
        LiveClient socket = connect(owner);
        try {
            for (int i = 0; i < LiveSession.MESSAGE_BURST + 200 && socket.closeCode() == null; i++) {
                socket.send(new JsonObject().put("type", "ping"));
            }
        } catch (RuntimeException closedMeanwhile) {
            // the server closed it while we were still sending: what the test wants
        }
        long deadline = System.currentTimeMillis() + 5_000;
        while (socket.closeCode() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(socket.closeCode()).isEqualTo(LiveSession.POLICY);
    }
}
