package com.zoomfactor.backend.scores;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.domain.score.ScoreEngine;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScoreHistoryTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private Http http;
    private Session owner;
    private UUID client;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("History Agency");
        client = live.accounts().createClient(owner, "History Client");
    }

    /** 180 days of a metric: {@code window} over the last 90 days, {@code baseline} before. */
    private record Series(String metric, double window, double baseline) {
    }

    /** One batch, so one change event. */
    private void feed(Series... series) {
        JsonArray points = new JsonArray();
        for (Series s : series) {
            for (int day = 0; day < 180; day++) {
                points.add(new JsonObject().put("metric", s.metric()).put("date", TODAY.minusDays(day).toString())
                        .put("value", day < 90 ? s.window() : s.baseline()));
            }
        }
        HttpResponse<Buffer> response = http.call(HttpMethod.POST, "/api/clients/" + client + "/observations",
                owner.accessToken(), new JsonObject().put("points", points));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    }

    private JsonArray history(String query) {
        HttpResponse<Buffer> response = http.call(HttpMethod.GET, "/api/clients/" + client + "/score/history" + query,
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

    /** The backfilled score of a past day (the fed days before today are recorded as if scored each day). */
    private double backfilledScore(LocalDate day) {
        JsonArray points = http.call(HttpMethod.GET, "/api/clients/" + client + "/score/history?from=" + day + "&to="
                + day, owner.accessToken(), null).bodyAsJsonObject().getJsonArray("points");
        assertThat(points).hasSize(1);
        assertThat(points.getJsonObject(0).getBoolean("backfilled")).isTrue();
        return points.getJsonObject(0).getDouble("score");
    }

    /** Polls the history until it satisfies the condition (the recomputation runs in the background). */
    private JsonArray awaitHistory(Predicate<JsonArray> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        JsonArray points = history("");
        while (!condition.test(points)) {
            assertThat(System.currentTimeMillis()).as("history never became " + condition + ": " + points)
                    .isLessThan(deadline);
            Thread.sleep(100);
            points = history("");
        }
        return points;
    }

    private static JsonObject last(JsonArray points) {
        return points.getJsonObject(points.size() - 1);
    }

    private JsonObject portfolioEntry() {
        return http.call(HttpMethod.GET, "/api/clients", owner.accessToken(), null).bodyAsJsonArray().stream()
                .map(JsonObject.class::cast).filter(c -> c.getString("id").equals(client.toString()))
                .findFirst().orElseThrow();
    }

    private double currentScore() {
        return http.call(HttpMethod.GET, "/api/clients/" + client + "/score", owner.accessToken(), null)
                .bodyAsJsonObject().getDouble("score");
    }

    /** Runs SQL inside the owner's agency, as the server would: under row-level security. */
    private void inAgency(String statement) throws Exception {
        new Tenancy(live.server().pool()).inAgency(owner.agencyId(), sql -> sql.preparedQuery(statement)
                .execute(Tuple.of(owner.agencyId(), client))).await(10, TimeUnit.SECONDS);
    }

    @Test
    void aBurstOfDataChangesIsRecordedAsOneScoreOnceItSettles() throws Exception {
        feed(new Series("web.bounce_rate", 0.38, 0.52));
        feed(new Series("web.unique_visitors", 500, 400));
        feed(new Series("web.returning_visitors", 90, 60));

        JsonArray points = awaitHistory(p -> !p.isEmpty());
        Thread.sleep(ScoreRecomputer.QUIET_MS * 3);
        points = history("");
        // without the wait for quiet each batch would record a score of its own
        assertThat(points).as("three batches within a moment: recomputed once (twice on a slow machine)")
                .hasSizeLessThan(3);
        int settled = points.size();
        JsonObject point = last(points);
        assertThat(point.getString("cause")).isEqualTo("data");
        assertThat(point.getValue("previousScore")).isNull();
        assertThat(point.getString("asOf")).isEqualTo(TODAY.toString());
        assertThat(point.getString("methodologyVersion")).isEqualTo(ScoreEngine.METHODOLOGY_VERSION);
        assertThat(point.getJsonObject("weights").getDouble("amplification")).isEqualTo(0.20);
        assertThat(point.getDouble("score")).as("the recorded score is the score of the stored data")
                .isCloseTo(currentScore(), within(0.01));
        assertThat(point.getDouble("coverage")).isGreaterThan(0);

        // the portfolio shows it; the fed past days are backfilled, so the change is against a month before
        JsonObject score = portfolioEntry().getJsonObject("score");
        assertThat(score.getDouble("value")).isCloseTo(point.getDouble("score"), within(1e-9));
        assertThat(score.getDouble("coverage")).isCloseTo(point.getDouble("coverage"), within(1e-9));
        assertThat(score.getString("changeSince")).isEqualTo(TODAY.minusDays(31).toString());
        assertThat(score.getDouble("change")).isCloseTo(point.getDouble("score") - backfilledScore(TODAY.minusDays(31)),
                within(1e-9));

        // better data: a second point, and the portfolio's change is the difference
        OffsetDateTime fedAt = OffsetDateTime.now().minusSeconds(1);
        feed(new Series("web.bounce_rate", 0.20, 0.52));
        points = awaitHistory(p -> p.size() == settled + 1);
        double first = points.getJsonObject(0).getDouble("score");
        double second = last(points).getDouble("score");
        assertThat(second).as("a lower bounce rate raises attention").isGreaterThan(first);
        score = portfolioEntry().getJsonObject("score");
        assertThat(score.getDouble("change")).isCloseTo(second - backfilledScore(TODAY.minusDays(31)), within(1e-9));
        assertThat(score.getString("changeSince")).isEqualTo(TODAY.minusDays(31).toString());
        List<Object> recent = score.getJsonArray("recent").getList();
        assertThat(recent).as("one point a day for the sparkline: the day's last").hasSizeGreaterThan(88);
        assertThat(recent.get(recent.size() - 1)).isEqualTo(second);
        List<Object> recentDays = score.getJsonArray("recentDays").getList();
        assertThat(recentDays).as("the day of each sparkline point").hasSameSizeAs(recent)
                .endsWith(TODAY.toString()).doesNotHaveDuplicates();
        assertThat(recentDays.get(0).toString()).isGreaterThan(TODAY.minusDays(91).toString());
        // the change over each period the portfolio offers: against the day a full period before (backfilled)
        JsonArray changes = score.getJsonArray("changes");
        assertThat(changes).hasSize(3);
        int[] periods = {7, 30, 90};
        for (int i = 0; i < periods.length; i++) {
            JsonObject change = changes.getJsonObject(i);
            LocalDate since = TODAY.minusDays(periods[i] + 1L);
            assertThat(change.getInteger("days")).isEqualTo(periods[i]);
            assertThat(change.getString("since")).as("over %d days", periods[i]).isEqualTo(since.toString());
            assertThat(change.getDouble("change")).isCloseTo(second - backfilledScore(since), within(1e-9));
        }
        assertThat(changes.getJsonObject(1).getDouble("change")).as("the 30-day change is the change")
                .isEqualTo(score.getDouble("change"));
        // last data: when the data last changed (the last feed), not the scored day
        OffsetDateTime dataChangedAt = OffsetDateTime.parse(score.getString("dataChangedAt"));
        assertThat(dataChangedAt).isBetween(fedAt, OffsetDateTime.now());
        JsonObject one = http.call(HttpMethod.GET, "/api/clients/" + client, owner.accessToken(), null).bodyAsJsonObject();
        assertThat(one.getJsonObject("score").getDouble("value")).isCloseTo(second, within(1e-9));
    }

    @Test
    void aChangeOfWeightsIsItsOwnPointWithTheOldAndNewScore() throws Exception {
        feed(new Series("web.bounce_rate", 0.30, 0.60), new Series("web.returning_visitors", 100, 100));
        awaitHistory(p -> p.size() == 1);

        JsonObject weights = new JsonObject().put("attention", 0.60).put("loyalty", 0.15).put("reach", 0.10)
                .put("amplification", 0.20).put("conversation", 0.15).put("discoverability", 0.10)
                .put("momentum", 0.15);
        JsonObject change = http.call(HttpMethod.PUT, "/api/clients/" + client + "/weights", owner.accessToken(),
                weights).bodyAsJsonObject();
        JsonArray points = history("");
        assertThat(points).hasSize(2);
        JsonObject point = last(points);
        assertThat(point.getString("cause")).isEqualTo("weights");
        assertThat(point.getDouble("previousScore")).isCloseTo(change.getDouble("scoreBefore"), within(1e-9));
        assertThat(point.getDouble("score")).isCloseTo(change.getDouble("scoreAfter"), within(1e-9));
        assertThat(point.getJsonObject("weights").getDouble("attention")).isEqualTo(0.60);

        // the same weights again change nothing, and the recomputer does not echo the change as data
        http.call(HttpMethod.PUT, "/api/clients/" + client + "/weights", owner.accessToken(), weights);
        Thread.sleep(ScoreRecomputer.QUIET_MS * 3);
        assertThat(history("")).hasSize(2);
    }

    @Test
    void aNewMethodologyOrANewDayIsPickedUpWhenThePortfolioIsRead() throws Exception {
        feed(new Series("web.bounce_rate", 0.30, 0.60));
        double recorded = last(awaitHistory(p -> p.size() == 1)).getDouble("score");

        // as if the latest score came from an earlier version of the formula
        inAgency("UPDATE score_snapshots SET methodology_version = 'old', score = score - 7"
                + " WHERE agency_id = $1 AND client_id = $2");
        portfolioEntry();
        JsonObject methodology = last(awaitHistory(p -> p.size() == 2));
        assertThat(methodology.getString("cause")).isEqualTo("methodology");
        assertThat(methodology.getDouble("previousScore")).isCloseTo(recorded - 7, within(1e-9));
        assertThat(methodology.getString("methodologyVersion")).isEqualTo(ScoreEngine.METHODOLOGY_VERSION);

        // as if the latest score was computed yesterday: the window has moved since
        inAgency("UPDATE score_snapshots SET as_of = as_of - 1 WHERE agency_id = $1 AND client_id = $2");
        portfolioEntry();
        JsonObject nextDay = last(awaitHistory(p -> p.size() == 3));
        assertThat(nextDay.getString("cause")).isEqualTo("data");
        assertThat(nextDay.getString("asOf")).isEqualTo(TODAY.toString());

        // data from before scores were recorded: scored when first seen
        inAgency("DELETE FROM score_snapshots WHERE agency_id = $1 AND client_id = $2");
        portfolioEntry();
        assertThat(last(awaitHistory(p -> p.size() == 1)).getDouble("score")).isCloseTo(recorded, within(0.01));
    }

    @Test
    void aClientWithoutDataHasNoScoreRatherThanZero() throws Exception {
        assertThat(portfolioEntry().getValue("score")).isNull();
        feed(new Series("twitter.mentions", 3, 3)); // data, but nothing the components use
        Thread.sleep(ScoreRecomputer.QUIET_MS * 4);
        assertThat(history("")).isEmpty();
        assertThat(portfolioEntry().getValue("score")).isNull();
    }

    @Test
    void theHistoryRangeIsCheckedAndOtherAgenciesSeeNothing() throws Exception {
        feed(new Series("web.bounce_rate", 0.30, 0.60));
        awaitHistory(p -> p.size() == 1);
        String path = "/api/clients/" + client + "/score/history";
        assertThat(history("?from=" + TODAY + "&to=" + TODAY)).hasSize(1);
        assertThat(history("?from=" + TODAY.minusDays(30) + "&to=" + TODAY.minusDays(1))).isEmpty();
        assertError(http.call(HttpMethod.GET, path + "?from=" + TODAY + "&to=" + TODAY.minusDays(1), owner.accessToken(),
                null), 400);
        assertError(http.call(HttpMethod.GET, path + "?from=yesterday", owner.accessToken(), null), 400);
        assertError(http.call(HttpMethod.GET, path + "?from=" + TODAY.minusYears(4), owner.accessToken(), null), 400);

        Session viewer = live.accounts().invite(owner, "viewer", null);
        assertThat(http.call(HttpMethod.GET, path, viewer.accessToken(), null).statusCode()).isEqualTo(200);
        UUID other = live.accounts().createClient(owner, "Other Client");
        Session otherViewer = live.accounts().invite(owner, "viewer", other);
        assertError(http.call(HttpMethod.GET, path, otherViewer.accessToken(), null), 404);
        List<Object> seenByOtherViewer = http.call(HttpMethod.GET, "/api/clients", otherViewer.accessToken(), null)
                .bodyAsJsonArray().getList();
        assertThat(seenByOtherViewer).hasSize(1);

        Session stranger = live.accounts().signUp("Stranger History");
        assertError(http.call(HttpMethod.GET, path, stranger.accessToken(), null), 404);
        assertThat(http.call(HttpMethod.GET, "/api/clients", stranger.accessToken(), null).bodyAsJsonArray()).isEmpty();
    }
}
