package com.zoomfactor.backend.scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.domain.score.ScoreEngine;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Past data completes the recorded history: one backfilled snapshot per day, as if recorded that day. */
class ScoreBackfillTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final int DAYS = 400;
    private static final LocalDate FIRST = TODAY.minusDays(DAYS);

    private Http http;
    private Session owner;
    private UUID client;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Backfill Agency");
        client = live.accounts().createClient(owner, "Backfill Client");
    }

    /** Moving values, so that the scores of neighbouring days differ. */
    private static double visitors(int daysAgo) {
        return 400 + 150 * Math.sin(daysAgo / 23.0) + daysAgo % 7;
    }

    /** The 400 past days (not today) of three metrics, in one batch; plus any extra points. */
    private static JsonArray pastDays(JsonObject... extra) {
        JsonArray points = new JsonArray();
        for (int daysAgo = 1; daysAgo <= DAYS; daysAgo++) {
            String day = TODAY.minusDays(daysAgo).toString();
            points.add(point("web.unique_visitors", day, visitors(daysAgo)));
            points.add(point("web.returning_visitors", day, visitors(daysAgo) / 5));
            points.add(point("web.bounce_rate", day, 0.3 + 0.2 * Math.cos(daysAgo / 17.0)));
        }
        for (JsonObject point : extra) {
            points.add(point);
        }
        return points;
    }

    private static JsonObject point(String metric, String day, double value) {
        return new JsonObject().put("metric", metric).put("date", day).put("value", value);
    }

    private JsonObject send(Session who, UUID to, JsonArray points) {
        HttpResponse<Buffer> response = http.call(HttpMethod.POST, "/api/clients/" + to + "/observations",
                who.accessToken(), new JsonObject().put("points", points));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    private JsonArray history(Session who, UUID of) {
        HttpResponse<Buffer> response = http.call(HttpMethod.GET, "/api/clients/" + of + "/score/history?from="
                + TODAY.minusDays(3 * 366 - 1) + "&to=" + TODAY, who.accessToken(), null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject().getJsonArray("points");
    }

    private static List<JsonObject> backfilled(JsonArray points) {
        List<JsonObject> days = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (points.getJsonObject(i).getBoolean("backfilled")) {
                days.add(points.getJsonObject(i));
            }
        }
        return days;
    }

    private static Map<String, JsonObject> byDay(List<JsonObject> points) {
        Map<String, JsonObject> byDay = new HashMap<>();
        points.forEach(point -> assertThat(byDay.put(point.getString("asOf"), point)).as("one per day").isNull());
        return byDay;
    }

    private JsonArray awaitHistory(Predicate<JsonArray> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonArray points = history(owner, client);
        while (!condition.test(points)) {
            assertThat(System.currentTimeMillis()).as("history never became as expected: " + points.size() + " points")
                    .isLessThan(deadline);
            Thread.sleep(200);
            points = history(owner, client);
        }
        return points;
    }

    private JsonObject scoreAsOf(LocalDate day) {
        HttpResponse<Buffer> response = http.call(HttpMethod.GET, "/api/clients/" + client + "/score?asOf=" + day,
                owner.accessToken(), null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    private void assertSameAsComputed(JsonObject point) {
        JsonObject computed = scoreAsOf(LocalDate.parse(point.getString("asOf")));
        assertThat(point.getDouble("score")).as("score of " + point.getString("asOf"))
                .isCloseTo(computed.getDouble("score"), within(1e-9));
        assertThat(point.getDouble("quality")).isCloseTo(computed.getDouble("quality"), within(1e-9));
        assertThat(point.getDouble("coverage")).isCloseTo(computed.getDouble("coverage"), within(1e-9));
    }

    /** A point for today: today's new live snapshot says the recomputation (and its backfill) is done. */
    private JsonObject today(double value) {
        return point("web.unique_visitors", TODAY.toString(), value);
    }

    private static int recordedLive(JsonArray points) {
        return points.size() - backfilled(points).size();
    }

    @Test
    void pastDaysAreRecordedOncePerDayAndCorrectionsRecomputeFromTheirDay() throws Exception {
        // another agency's client, with data of its own: never touched by this client's backfills
        Session other = live.accounts().signUp("Other Backfill Agency");
        UUID otherClient = live.accounts().createClient(other, "Other Client");
        JsonArray few = new JsonArray();
        for (int daysAgo = 1; daysAgo <= 20; daysAgo++) {
            few.add(point("web.unique_visitors", TODAY.minusDays(daysAgo).toString(), 100 + daysAgo));
        }
        send(other, otherClient, few);

        send(owner, client, pastDays());
        JsonArray points = awaitHistory(p -> backfilled(p).size() >= DAYS);
        List<JsonObject> days = backfilled(points);
        assertThat(days).as("one snapshot per day from the first data day to yesterday").hasSize(DAYS);
        Map<String, JsonObject> first = byDay(days);
        for (int daysAgo = 1; daysAgo <= DAYS; daysAgo++) {
            assertThat(first).containsKey(TODAY.minusDays(daysAgo).toString());
        }
        assertThat(first).doesNotContainKey(FIRST.minusDays(1).toString()).doesNotContainKey(TODAY.toString());
        for (JsonObject day : days) {
            assertThat(day.getString("cause")).isEqualTo("data");
            assertThat(day.getValue("previousScore")).isNull();
            assertThat(day.getString("methodologyVersion")).isEqualTo(ScoreEngine.METHODOLOGY_VERSION);
            LocalDate asOf = LocalDate.parse(day.getString("asOf"));
            assertThat(day.getString("computedAt")).as("placed on its own day")
                    .startsWith(asOf.toString());
        }
        // values: those GET /score?asOf= computes
        for (int daysAgo : new int[] {1, 2, 45, 89, 90, 91, 179, 180, 181, 250, 399, DAYS}) {
            assertSameAsComputed(first.get(TODAY.minusDays(daysAgo).toString()));
        }
        assertThat(points.getJsonObject(points.size() - 1).getString("asOf")).as("today: the live snapshot")
                .isEqualTo(TODAY.toString());
        assertThat(points.getJsonObject(points.size() - 1).getBoolean("backfilled")).isFalse();

        // the same batch again: nothing changed, nothing written
        JsonObject again = send(owner, client, pastDays());
        assertThat(again.getLong("unchanged")).isEqualTo(3L * DAYS);
        // the same batch with a new point today: the days are recomputed, and come out the same: no duplicates
        int liveBefore = recordedLive(points);
        send(owner, client, pastDays(today(5_000)));
        points = awaitHistory(p -> recordedLive(p) > liveBefore);
        List<JsonObject> resent = backfilled(points);
        assertThat(resent).hasSize(DAYS);
        Map<String, JsonObject> second = byDay(resent);
        first.forEach((day, point) -> assertThat(second.get(day)).as(day).isEqualTo(point));

        // a correction of an old day: recomputed from that day on, the days before it untouched
        LocalDate corrected = TODAY.minusDays(300);
        int liveThen = recordedLive(points);
        send(owner, client, new JsonArray().add(point("web.unique_visitors", corrected.toString(), 50_000))
                .add(today(9_000)));
        points = awaitHistory(p -> recordedLive(p) > liveThen);
        Map<String, JsonObject> third = byDay(backfilled(points));
        assertThat(third).hasSize(DAYS);
        second.forEach((day, point) -> {
            LocalDate asOf = LocalDate.parse(day);
            if (asOf.isBefore(corrected)) {
                assertThat(third.get(day)).as("before the correction: " + day).isEqualTo(point);
            } else if (asOf.isAfter(corrected.plusDays(2L * 90 - 1))) {
                assertThat(third.get(day).getDouble("score")).as("after its windows: " + day)
                        .isEqualTo(point.getDouble("score"));
            }
        });
        List<String> moved = second.keySet().stream()
                .filter(day -> !third.get(day).equals(second.get(day))).sorted().toList();
        assertThat(moved).as("the days whose windows hold the corrected day").isNotEmpty()
                .allMatch(day -> !LocalDate.parse(day).isBefore(corrected));
        moved.stream().limit(3).forEach(day -> assertSameAsComputed(third.get(day)));
        assertSameAsComputed(third.get(moved.get(moved.size() - 1)));

        // the other agency's client: its own 20 days, nothing of this client's
        List<JsonObject> others = backfilled(history(other, otherClient));
        assertThat(others).hasSizeLessThanOrEqualTo(20);
        others.forEach(point -> assertThat(LocalDate.parse(point.getString("asOf"))).isAfterOrEqualTo(TODAY.minusDays(20)));
    }

    @Test
    void theReadersOfTheHistorySeeThePast() throws Exception {
        send(owner, client, pastDays());
        awaitHistory(p -> backfilled(p).size() >= DAYS);
        // the portfolio's change: against the score of 30 days before, now recorded
        HttpResponse<Buffer> clients = http.call(HttpMethod.GET, "/api/clients", owner.accessToken(), null);
        assertThat(clients.statusCode()).as(clients.bodyAsString()).isEqualTo(200);
        JsonObject entry = clients.bodyAsJsonArray().stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("id").equals(client.toString())).findFirst().orElse(null);
        assertThat(entry).isNotNull();
        JsonObject score = entry.getJsonObject("score");
        // the last score recorded at least 30 days before today's (by computed_at: a backfilled day's end)
        assertThat(score.getString("changeSince")).as("compared with the score of a month before")
                .isEqualTo(TODAY.minusDays(31).toString());
        assertThat(score.getDouble("change")).isNotNull();
        assertThat(score.getJsonArray("recent").size()).as("a sparkline of daily scores").isGreaterThan(80);
    }
}
