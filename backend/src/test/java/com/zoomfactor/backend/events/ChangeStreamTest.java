package com.zoomfactor.backend.events;

import static com.zoomfactor.backend.testing.LiveClient.event;
import static com.zoomfactor.backend.testing.LiveClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveClient;
import com.zoomfactor.backend.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The score recomputer (and the alert watcher) consume the one durable change stream: on any instance, once per
 * change, and catching up with what was committed while no consumer ran.
 */
class ChangeStreamTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private final List<AutoCloseable> open = new ArrayList<>();
    private Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private TestServer started(TestServer server) {
        open.add(server);
        return server;
    }

    /** 180 days of a metric in one batch: one change, enough to be scored. */
    private static void feed(Http http, Session owner, UUID client, double value) {
        JsonArray points = new JsonArray();
        for (int day = 0; day < 180; day++) {
            points.add(new JsonObject().put("metric", "web.unique_visitors")
                    .put("date", TODAY.minusDays(day).toString()).put("value", day < 90 ? value : 100));
        }
        HttpResponse<Buffer> response = http.call(HttpMethod.POST, "/api/clients/" + client + "/observations",
                owner.accessToken(), new JsonObject().put("points", points));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    }

    private static JsonArray history(Http http, Session owner, UUID client) {
        HttpResponse<Buffer> response = http.call(HttpMethod.GET, "/api/clients/" + client + "/score/history",
                owner.accessToken(), null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject().getJsonArray("points");
    }

    /** Polls the history until it has {@code size} points (the recomputation runs in the background). */
    private static JsonArray awaitHistory(Http http, Session owner, UUID client, int size) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        JsonArray points = history(http, owner, client);
        while (points.size() < size) {
            assertThat(System.currentTimeMillis()).as("the history never got " + size + " point(s): " + points)
                    .isLessThan(deadline);
            Thread.sleep(100);
            points = history(http, owner, client);
        }
        return points;
    }

    private LiveClient watching(Http http, int port, Session owner, UUID client) {
        LiveClient socket = LiveClient.connect(vertx, http, port, owner.accessToken());
        open.add(socket);
        socket.subscribe(client, null);
        socket.await(type("subscribed"), 5_000);
        return socket;
    }

    @Test
    void aWriteTakenByOneInstanceIsRecomputedByAnother() throws Exception {
        TestServer a = started(TestServer.start(ChangeStreamTest.class));
        TestServer b = started(TestServer.startOn(a.database()));
        a.stopBackgroundWork();
        Http http = new Http(vertx, a.port());
        Accounts accounts = new Accounts(http);
        Session owner = accounts.signUp("Stream Agency");
        UUID client = accounts.createClient(owner, "Stream Client");
        long bBefore = b.scoreEngineRuns();

        feed(http, owner, client, 300);

        JsonArray points = awaitHistory(http, owner, client, 1);
        assertThat(points.getJsonObject(0).getString("cause")).isEqualTo("data");
        assertThat(a.scoreEngineRuns()).as("the instance that took the write has no recomputer").isZero();
        assertThat(b.scoreEngineRuns()).as("the other instance heard the commit and recomputed").isGreaterThan(bBefore);
    }

    @Test
    void dataCommittedWhileNoConsumerRanIsScoredAfterARestartWithoutAnotherWrite() throws Exception {
        TestServer crashed = TestServer.start(ChangeStreamTest.class);
        Session owner;
        UUID client;
        try {
            // the server dies between the commit and the recomputation: its consumers are gone first
            crashed.stopBackgroundWork();
            Http http = new Http(vertx, crashed.port());
            Accounts accounts = new Accounts(http);
            owner = accounts.signUp("Crash Agency");
            client = accounts.createClient(owner, "Crash Client");
            feed(http, owner, client, 300);
            assertThat(history(http, owner, client)).as("nobody recomputed before the crash").isEmpty();
        } finally {
            crashed.close();
        }

        TestServer restarted = started(TestServer.startOn(crashed.database()));
        Http http = new Http(vertx, restarted.port());
        JsonArray points = awaitHistory(http, owner, client, 1);
        assertThat(points.getJsonObject(0).getString("cause")).isEqualTo("data");
        assertThat(restarted.scoreEngineRuns()).isPositive();
    }

    @Test
    void aChangeWhoseNotificationWasMissedIsDoneWhenTheRelayListensAgain() throws Exception {
        TestServer server = started(TestServer.start(ChangeStreamTest.class));
        Http http = new Http(vertx, server.port());
        Accounts accounts = new Accounts(http);
        Session owner = accounts.signUp("Missed Agency");
        UUID client = accounts.createClient(owner, "Missed Client");
        var db = server.database();
        try (java.sql.Connection admin = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             java.sql.Statement statement = admin.createStatement()) {
            // a committed batch and its stored event whose NOTIFY nobody heard (as when the relay was away)
            admin.setAutoCommit(false);
            statement.execute("SELECT set_config('zf.agency_id', '" + owner.agencyId() + "', true)");
            statement.execute("INSERT INTO observations (agency_id, client_id, metric, period_start, period_end, value)"
                    + " SELECT '" + owner.agencyId() + "', '" + client + "', 'web.unique_visitors', d, d,"
                    + " CASE WHEN d > current_date - 90 THEN 300 ELSE 100 END"
                    + " FROM generate_series(current_date - 179, current_date, interval '1 day') AS g(t),"
                    + " LATERAL (SELECT t::date AS d) AS day");
            statement.execute("INSERT INTO live_sequences AS s (agency_id, client_id, seq) VALUES ('" + owner.agencyId()
                    + "', '" + client + "', 1) ON CONFLICT (agency_id, client_id) DO UPDATE SET seq = s.seq + 1");
            statement.execute("INSERT INTO live_events (agency_id, client_id, seq, kind, data) SELECT agency_id,"
                    + " client_id, seq, 'observations', '{}' FROM live_sequences"
                    + " WHERE client_id = '" + client + "'");
            admin.commit();
            admin.setAutoCommit(true);
            assertThat(history(http, owner, client)).as("nobody heard of it").isEmpty();
            // what a database restart does to the relay's connection: it reconnects, listens, and catches up
            java.sql.ResultSet cut = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND query ILIKE 'LISTEN%'");
            cut.next();
            assertThat(cut.getInt(1)).as("the relay's listening connection").isEqualTo(1);
        }
        JsonArray points = awaitHistory(http, owner, client, 1);
        assertThat(points.getJsonObject(0).getString("cause")).isEqualTo("data");
    }

    @Test
    void oneBatchWatchedByTwentyDashboardsRunsTheEngineOnce() throws Exception {
        TestServer server = started(TestServer.start(ChangeStreamTest.class));
        Http http = new Http(vertx, server.port());
        Accounts accounts = new Accounts(http);
        Session owner = accounts.signUp("Watched Agency");
        UUID client = accounts.createClient(owner, "Watched Client");
        // 20 people (one socket each: a person holds at most 10)
        List<LiveClient> dashboards = new ArrayList<>();
        dashboards.add(watching(http, server.port(), owner, client));
        for (int i = 1; i < 20; i++) {
            dashboards.add(watching(http, server.port(), accounts.invite(owner, "analyst", null), client));
        }
        long before = server.scoreEngineRuns();

        feed(http, owner, client, 300);

        for (LiveClient dashboard : dashboards) {
            dashboard.await(event("score"), 20_000);
        }
        assertThat(server.scoreEngineRuns() - before).as("engine runs for one batch, 20 dashboards watching")
                .isEqualTo(1);
    }

    @Test
    void twoInstancesDoNotBothRecomputeTheSameChange() throws Exception {
        TestServer a = started(TestServer.start(ChangeStreamTest.class));
        TestServer b = started(TestServer.startOn(a.database()));
        Http http = new Http(vertx, a.port());
        Accounts accounts = new Accounts(http);
        Session owner = accounts.signUp("Twin Agency");
        UUID client = accounts.createClient(owner, "Twin Client");
        LiveClient onA = watching(http, a.port(), owner, client);
        LiveClient onB = watching(http, b.port(), owner, client);
        long before = a.scoreEngineRuns() + b.scoreEngineRuns();

        feed(http, owner, client, 300);
        long first = onA.await(event("score"), 20_000).getLong("seq");
        onB.await(m -> event("score").test(m) && m.getLong("seq") == first, 20_000);
        // a second change, and its score: whatever either instance still had queued for the first has run by then
        feed(http, owner, client, 20);
        onA.await(m -> event("score").test(m) && m.getLong("seq") > first, 20_000);

        assertThat(a.scoreEngineRuns() + b.scoreEngineRuns() - before)
                .as("engine runs on both instances for two changes, each heard by both").isEqualTo(2);
        List<JsonObject> points = history(http, owner, client).stream().map(JsonObject.class::cast).toList();
        assertThat(points.stream().filter(p -> !p.getBoolean("backfilled"))).as("recorded live").hasSize(2);
        List<String> backfilled = points.stream().filter(p -> p.getBoolean("backfilled"))
                .map(p -> p.getString("asOf")).toList();
        assertThat(backfilled).as("the fed past days, backfilled by one instance: one snapshot a day").isNotEmpty()
                .doesNotHaveDuplicates();
    }
}
