package com.zoomfactor.backend.scores;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveClient;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.domain.score.ScoreEngine;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /score without asOf answers the recorded snapshot while it holds, and never a score older than the data. */
class ScoreSnapshotReadTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private Http http;
    private Session owner;
    private UUID client;
    /** Engine runs for this test's client, counted through the service's hook. */
    private final AtomicInteger engineRuns = new AtomicInteger();

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Snapshot Agency");
        client = live.accounts().createClient(owner, "Snapshot Client");
        UUID mine = client;
        ScoreService.onEngineRun(id -> {
            if (id.equals(mine)) {
                engineRuns.incrementAndGet();
            }
        });
    }

    @AfterEach
    void tearDown() {
        ScoreService.onEngineRun(null);
    }

    /** 180 days of bounce rate and visitors: {@code bounce} over the last 90 days, 0.5 before. One batch. */
    private void feed(double bounce) {
        JsonArray points = new JsonArray();
        for (int day = 0; day < 180; day++) {
            String date = TODAY.minusDays(day).toString();
            points.add(new JsonObject().put("metric", "web.bounce_rate").put("date", date)
                    .put("value", day < 90 ? bounce : 0.5));
            points.add(new JsonObject().put("metric", "web.unique_visitors").put("date", date).put("value", 400));
        }
        HttpResponse<Buffer> response = http.call(HttpMethod.POST, "/api/clients/" + client + "/observations",
                owner.accessToken(), new JsonObject().put("points", points));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    }

    private JsonObject score() {
        HttpResponse<Buffer> response = http.call(HttpMethod.GET, "/api/clients/" + client + "/score",
                owner.accessToken(), null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    private JsonArray history() {
        HttpResponse<Buffer> response = http.call(HttpMethod.GET, "/api/clients/" + client + "/score/history",
                owner.accessToken(), null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return recordedLive(response.bodyAsJsonObject().getJsonArray("points"));
    }

    /**
     * The points recorded live: the past days these tests feed are also backfilled ({@link ScoreBackfillTest}), which
     * is not what they look at.
     */
    static JsonArray recordedLive(JsonArray points) {
        JsonArray recorded = new JsonArray();
        points.stream().map(JsonObject.class::cast).filter(point -> !point.getBoolean("backfilled"))
                .forEach(recorded::add);
        return recorded;
    }

    /** Polls the history until it satisfies the condition (the recomputer works in the background). */
    private JsonArray awaitHistory(Predicate<JsonArray> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        JsonArray points = history();
        while (!condition.test(points)) {
            assertThat(System.currentTimeMillis()).as("history never became as expected: " + points)
                    .isLessThan(deadline);
            Thread.sleep(50);
            points = history();
        }
        return points;
    }

    /** The window value the explanation shows for a metric. */
    private static double metricValue(JsonObject score, String metric) {
        return score.getJsonArray("components").stream().map(JsonObject.class::cast)
                .flatMap(c -> c.getJsonArray("metrics").stream().map(JsonObject.class::cast))
                .filter(m -> m.getString("metric").equals(metric)).findFirst().orElseThrow().getDouble("value");
    }

    private void inAgency(String statement, Tuple params) {
        LiveClient.get(new Tenancy(live.server().pool()).inAgency(owner.agencyId(),
                sql -> sql.preparedQuery(statement).execute(params)));
    }

    /** Waits for the recomputer's snapshot of the batch just written, then counts from zero. */
    private JsonArray recorded(int points) throws InterruptedException {
        JsonArray history = awaitHistory(p -> p.size() == points);
        engineRuns.set(0);
        return history;
    }

    @Test
    void aReadAfterTheRecomputersSnapshotRunsNoEngine() throws Exception {
        feed(0.30);
        JsonArray history = recorded(1);

        JsonObject first = score();
        JsonObject second = score();
        assertThat(engineRuns).as("two reads of a current snapshot").hasValue(0);
        assertThat(first).isEqualTo(second);
        assertThat(first.getString("clientId")).isEqualTo(client.toString());
        assertThat(first.getString("asOf")).isEqualTo(TODAY.toString());
        assertThat(first.getJsonObject("window")).as("stored with the explanation").isEqualTo(new JsonObject()
                .put("days", 90).put("from", TODAY.minusDays(89).toString()).put("to", TODAY.toString()));
        assertThat(first.getDouble("score")).isCloseTo(history.getJsonObject(0).getDouble("score"), within(1e-9));
        assertThat(metricValue(first, "web.bounce_rate")).isCloseTo(0.30, within(1e-9));

        // the snapshot answers what the engine computes from the same data (yesterday's window is not stored)
        JsonObject computed = http.call(HttpMethod.GET, "/api/clients/" + client + "/score?asOf=" + TODAY.minusDays(1),
                owner.accessToken(), null).bodyAsJsonObject();
        assertThat(engineRuns).as("a past day is computed").hasValue(1);
        assertThat(computed.fieldNames()).isEqualTo(first.fieldNames());
    }

    @Test
    void aWriteMakesTheVeryNextReadCurrentWhateverTheRecomputerIsDoing() throws Exception {
        feed(0.30);
        recorded(1);
        double before = score().getDouble("score");

        // each write is read back at once, racing the recomputer that the same write woke
        double[] bounces = {0.20, 0.45, 0.25, 0.40};
        for (double bounce : bounces) {
            feed(bounce);
            JsonObject now = score();
            assertThat(metricValue(now, "web.bounce_rate")).as("the read after an acknowledged write sees it")
                    .isCloseTo(bounce, within(1e-9));
        }
        assertThat(score().getDouble("score")).isNotCloseTo(before, within(0.01));

        // once everything settled the latest snapshot holds, and is read without the engine
        awaitHistory(p -> p.size() >= 2 && Math.abs(p.getJsonObject(p.size() - 1).getDouble("score")
                - score().getDouble("score")) < 1e-9);
        engineRuns.set(0);
        JsonObject settled = score();
        assertThat(engineRuns).hasValue(0);
        assertThat(metricValue(settled, "web.bounce_rate")).isCloseTo(0.40, within(1e-9));
    }

    @Test
    void aReadOfStaleDataRecordsItsResultSoTheNextReadIsASnapshot() throws Exception {
        feed(0.30);
        recorded(1);
        // a write the recomputer never hears of (as if this instance crashed before it could act on it)
        inAgency("UPDATE observations SET value = 0.10 WHERE agency_id = $1 AND client_id = $2"
                + " AND metric = 'web.bounce_rate' AND period_start > $3", Tuple.of(owner.agencyId(), client,
                TODAY.minusDays(90)));

        JsonObject fresh = score();
        assertThat(engineRuns).as("stale: recomputed once").hasValue(1);
        assertThat(metricValue(fresh, "web.bounce_rate")).isCloseTo(0.10, within(1e-9));
        assertThat(history()).as("recorded as the recomputer would").hasSize(2);
        assertThat(score()).isEqualTo(fresh);
        assertThat(engineRuns).as("the next read is the snapshot").hasValue(1);
    }

    @Test
    void twentyReadersOfAStaleScoreCauseOneEngineRun() throws Exception {
        feed(0.30);
        recorded(1);
        inAgency("UPDATE observations SET value = 0.15 WHERE agency_id = $1 AND client_id = $2"
                + " AND metric = 'web.bounce_rate' AND period_start > $3", Tuple.of(owner.agencyId(), client,
                TODAY.minusDays(90)));

        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            java.util.concurrent.Callable<JsonObject> read = this::score;
            for (java.util.concurrent.Future<JsonObject> answer : readers.invokeAll(java.util.Collections.nCopies(20, read))) {
                assertThat(metricValue(answer.get(), "web.bounce_rate")).isCloseTo(0.15, within(1e-9));
            }
        } finally {
            readers.shutdownNow();
        }
        assertThat(engineRuns).as("the first reader recomputes; the others wait for its snapshot").hasValue(1);
    }

    @Test
    void aChangeOfWeightsIsReflected() throws Exception {
        feed(0.30);
        recorded(1);
        JsonObject weights = new JsonObject().put("attention", 0.6).put("loyalty", 0.1).put("reach", 0.1)
                .put("amplification", 0.05).put("conversation", 0.05).put("discoverability", 0.05).put("momentum", 0.05);
        JsonObject change = http.call(HttpMethod.PUT, "/api/clients/" + client + "/weights", owner.accessToken(),
                weights).bodyAsJsonObject();
        engineRuns.set(0);
        JsonObject after = score();
        assertThat(after.getDouble("score")).isCloseTo(change.getDouble("scoreAfter"), within(1e-9));
        assertThat(after.getJsonObject("weights").getJsonObject("byComponent").getDouble("attention")).isEqualTo(0.6);
        assertThat(engineRuns).as("the change of weights recorded its score").hasValue(0);

        // weights written without a snapshot (e.g. by another version of the server): the read sees they moved
        inAgency("UPDATE client_weights SET weights = jsonb_set(weights, '{attention}', '0.3')"
                + " WHERE agency_id = $1 AND client_id = $2", Tuple.of(owner.agencyId(), client));
        JsonObject again = score();
        assertThat(again.getJsonObject("weights").getJsonObject("byComponent").getDouble("attention")).isEqualTo(0.3);
        assertThat(engineRuns).hasValue(1);
    }

    @Test
    void aSnapshotOfAnotherMethodologyIsRecomputedAndRecordedAsSuch() throws Exception {
        feed(0.30);
        recorded(1);
        inAgency("UPDATE score_snapshots SET methodology_version = '2000-01.0' WHERE agency_id = $1 AND client_id = $2",
                Tuple.of(owner.agencyId(), client));

        JsonObject score = score();
        assertThat(engineRuns).hasValue(1);
        assertThat(score.getString("methodologyVersion")).isEqualTo(ScoreEngine.METHODOLOGY_VERSION);
        JsonArray history = history();
        assertThat(history).hasSize(2);
        assertThat(history.getJsonObject(1).getString("cause")).isEqualTo("methodology");
    }

    @Test
    void anotherAgencysClientIsNotFoundWhetherOrNotItHasASnapshot() throws Exception {
        Session stranger = live.accounts().signUp("Stranger Agency");
        assertError(http.call(HttpMethod.GET, "/api/clients/" + client + "/score", stranger.accessToken(), null), 404);
        feed(0.30);
        recorded(1);
        assertError(http.call(HttpMethod.GET, "/api/clients/" + client + "/score", stranger.accessToken(), null), 404);
        assertError(http.call(HttpMethod.GET, "/api/clients/" + UUID.randomUUID() + "/score", owner.accessToken(), null),
                404);
        assertThat(engineRuns).hasValue(0);
    }

    @Test
    void theLiveScoreEventCarriesWhatTheReadAnswers() throws Exception {
        LiveClient socket = live.dashboard(owner.accessToken());
        socket.subscribe(client, null);
        socket.await(LiveClient.type("subscribed"), 10_000);
        feed(0.30);
        JsonObject event = socket.await(LiveClient.event("score"), 15_000).getJsonObject("data");
        JsonObject read = score();
        assertThat(event.getJsonObject("explanation")).isEqualTo(read);
        assertThat(event.getDouble("score")).isCloseTo(read.getDouble("score"), within(1e-9));
        assertThat(event.getString("cause")).isEqualTo("data");
    }
}
