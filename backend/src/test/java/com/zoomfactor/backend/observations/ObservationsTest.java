package com.zoomfactor.backend.observations;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.events.ChangeStream;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObservationsTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private Accounts accounts;
    private Session owner;
    private UUID client;

    @BeforeEach
    void setUp() {
        http = live.http();
        accounts = live.accounts();
        owner = accounts.signUp("Metrics Agency");
        client = accounts.createClient(owner, "Measured Client");
    }

    private static JsonObject point(String metric, String date, double value) {
        return new JsonObject().put("metric", metric).put("date", date).put("value", value);
    }

    private static JsonObject batch(JsonObject... points) {
        return new JsonObject().put("points", new JsonArray(List.of((Object[]) points)));
    }

    private HttpResponse<Buffer> post(String token, JsonObject body) {
        return http.call(HttpMethod.POST, "/api/clients/" + client + "/observations", token, body);
    }

    private JsonObject series(String query) {
        HttpResponse<Buffer> response = http.call(HttpMethod.GET, "/api/clients/" + client + "/observations?" + query,
                owner.accessToken(), null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    @Test
    void theCatalogueListsEveryPublicMetricKey() {
        JsonArray metrics = http.call(HttpMethod.GET, "/api/metrics", owner.accessToken(), null).bodyAsJsonArray();
        List<String> keys = metrics.stream().map(m -> ((JsonObject) m).getString("key")).toList();
        assertThat(keys).contains("web.bounce_rate", "web.time_on_page", "web.pages_per_visit", "web.pageviews",
                "web.unique_visitors", "web.returning_visitors", "twitter.posts", "twitter.followers",
                "twitter.list_additions", "twitter.retweets", "twitter.mentions", "twitter.replies",
                "facebook.page_visitors", "facebook.non_fan_visitor_share", "facebook.post_impressions",
                "facebook.post_comments", "facebook.post_likes", "facebook.posts", "linkedin.search_appearances",
                "linkedin.answers", "search.avg_position", "newsletter.subscribers", "leads.optins", "polls.responses");
        JsonObject bounce = metrics.stream().map(JsonObject.class::cast)
                .filter(m -> m.getString("key").equals("web.bounce_rate")).findFirst().orElseThrow();
        assertThat(bounce.getString("unit")).isEqualTo("ratio");
        assertThat(bounce.getString("polarity")).isEqualTo("lower");
        assertThat(bounce.getString("aggregation")).isEqualTo("mean");
        assertThat(bounce.getString("question")).isNotBlank();
    }

    @Test
    void aBatchIsStoredOnceAndANewValueUpdatesIt() {
        JsonObject first = batch(point("web.unique_visitors", "2026-10-01", 120), point("web.unique_visitors", "2026-10-02", 130),
                point("web.bounce_rate", "2026-10-01", 0.42));
        assertThat(post(owner.accessToken(), first).bodyAsJsonObject())
                .isEqualTo(new JsonObject().put("accepted", 3).put("inserted", 3).put("updated", 0).put("unchanged", 0));
        assertThat(post(owner.accessToken(), first).bodyAsJsonObject())
                .as("the same batch again stores nothing twice")
                .isEqualTo(new JsonObject().put("accepted", 3).put("inserted", 0).put("updated", 0).put("unchanged", 3));
        assertThat(post(owner.accessToken(), batch(point("web.unique_visitors", "2026-10-02", 135))).bodyAsJsonObject()
                .getInteger("updated")).isEqualTo(1);

        JsonObject visitors = series("metric=web.unique_visitors&from=2026-10-01&to=2026-10-02");
        assertThat(visitors.getJsonArray("points")).containsExactly(
                new JsonObject().put("date", "2026-10-01").put("value", 120.0),
                new JsonObject().put("date", "2026-10-02").put("value", 135.0));
        assertThat(visitors.getJsonObject("trend").getString("verdict")).isIn("up", "flat", "down");
    }

    @Test
    void writersRacingOnTheSameNewPointsAllSucceedAndStoreThemOnce() throws Exception {
        JsonArray points = new JsonArray();
        for (int i = 0; i < 500; i++) {
            points.add(point("web.pageviews", "2026-09-15", i).put("dimension", "/race/" + i));
        }
        JsonObject body = new JsonObject().put("points", points);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<HttpResponse<Buffer>>> racers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                racers.add(pool.submit(() -> post(owner.accessToken(), body)));
            }
            long inserted = 0;
            for (java.util.concurrent.Future<HttpResponse<Buffer>> racer : racers) {
                HttpResponse<Buffer> response = racer.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
                inserted += response.bodyAsJsonObject().getLong("inserted");
            }
            assertThat(inserted).as("each point inserted by exactly one racer").isEqualTo(500);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
        JsonObject body = batch(point("web.unique_visitors", "2026-10-05", 10));
        String path = "/api/clients/" + client + "/observations";
        HttpResponse<Buffer> first = http.callWithHeaders(HttpMethod.POST, path, owner.accessToken(), body,
                "Idempotency-Key", "import-2026-10-05");
        HttpResponse<Buffer> retry = http.callWithHeaders(HttpMethod.POST, path, owner.accessToken(), body,
                "Idempotency-Key", "import-2026-10-05");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(retry.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
        assertThat(retry.bodyAsJsonObject().getInteger("inserted")).as("the first answer, not a new one").isEqualTo(1);
        assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");

        HttpResponse<Buffer> other = http.callWithHeaders(HttpMethod.POST, path, owner.accessToken(),
                batch(point("web.unique_visitors", "2026-10-05", 11)), "Idempotency-Key", "import-2026-10-05");
        assertError(other, 422);
        assertThat(series("metric=web.unique_visitors&from=2026-10-05&to=2026-10-05").getJsonArray("points")
                .getJsonObject(0).getDouble("value")).isEqualTo(10.0);
    }

    @Test
    void aBatchWithBadPointsIsRefusedWholeAndEveryProblemIsNamed() {
        JsonObject bad = batch(
                point("web.unique_visitors", "2026-10-10", 5),
                point("web.no_such_metric", "2026-10-10", 5),
                point("web.bounce_rate", "2026-10-10", 1.5),
                point("web.unique_visitors", "2026-13-40", 5),
                point("web.unique_visitors", "2026-10-10", -3),
                point("web.unique_visitors", "2026-10-11", 1).put("dimension", "/pricing"),
                point("web.unique_visitors", "2026-10-12", 1).put("competitorId", UUID.randomUUID().toString()),
                new JsonObject().put("metric", "web.unique_visitors").put("date", "2026-10-13").put("value", "NaN"));
        HttpResponse<Buffer> response = post(owner.accessToken(), bad);
        assertError(response, 422);
        JsonArray errors = response.bodyAsJsonObject().getJsonArray("errors");
        assertThat(errors.stream().map(e -> ((JsonObject) e).getInteger("index")).distinct().toList())
                .containsExactly(1, 2, 3, 4, 5, 7);
        assertThat(errors.encode()).contains("\"field\":\"metric\"", "\"field\":\"value\"", "\"field\":\"date\"",
                "\"field\":\"dimension\"");
        assertThat(series("metric=web.unique_visitors&from=2026-10-10&to=2026-10-13").getJsonArray("points"))
                .as("nothing was written").isEmpty();

        HttpResponse<Buffer> unknownCompetitor = post(owner.accessToken(),
                batch(point("web.unique_visitors", "2026-10-12", 1).put("competitorId", UUID.randomUUID().toString())));
        assertError(unknownCompetitor, 422);
        assertThat(unknownCompetitor.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("competitorId");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}                                                              | 400",
        "{\"points\":[]}                                                 | 400",
        "{\"points\":{}}                                                 | 400",
        "{\"points\":[1]}                                                | 422",
        "{\"points\":[{\"metric\":\"web.pageviews\",\"date\":\"2026-10-01\",\"from\":\"2026-10-01\",\"to\":\"2026-10-02\",\"value\":1}]} | 422",
        "{\"points\":[{\"metric\":\"web.pageviews\",\"from\":\"2026-10-05\",\"to\":\"2026-10-01\",\"value\":1}]} | 422",
        "{\"points\":[{\"metric\":\"web.pageviews\",\"date\":\"2126-10-01\",\"value\":1}]} | 422",
        "{\"points\":[{\"metric\":\"web.pageviews\",\"date\":\"2026-10-01\",\"value\":1,\"source\":\"Google Analytics!\"}]} | 422"})
    void malformedBatchesAreRefused(String body, int status) {
        assertError(post(owner.accessToken(), new JsonObject(body)), status);
    }

    @Test
    void valuesBeyondTheirUnitsCeilingAre422NamingTheValue() {
        // one test, not one per case: the server allows 30 sign-ups per address and setUp signs up
        Object[][] cases = {{"web.unique_visitors", 1.7e308}, {"web.unique_visitors", 1e307},
                {"web.pageviews", 1_000_000_000_001.0}, {"web.time_on_page", 31_622_401.0},
                {"web.bounce_rate", 1.0000001}, {"search.avg_position", 1001.0}};
        for (Object[] c : cases) {
            String metric = (String) c[0];
            HttpResponse<Buffer> response = post(owner.accessToken(), batch(point(metric, "2026-10-01", 1),
                    point(metric, "2026-10-02", (Double) c[1])));
            assertError(response, 422);
            JsonObject error = response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
            assertThat(error.getInteger("index")).as(metric + " " + c[1]).isEqualTo(1);
            assertThat(error.getString("field")).isEqualTo("value");
        }
    }

    @Test
    void theLargestCountsOnEveryDaySumToFiniteWeeksAndMonthsWithATrend() {
        JsonArray points = new JsonArray();
        for (int day = 1; day <= 29; day++) {
            points.add(point("web.unique_visitors", String.format("2026-10-%02d", day), 1e12));
            points.add(point("web.time_on_page", String.format("2026-10-%02d", day), 31_622_400));
        }
        HttpResponse<Buffer> written = post(owner.accessToken(), new JsonObject().put("points", points));
        assertThat(written.statusCode()).as(written.bodyAsString()).isEqualTo(200);
        for (String granularity : List.of("day", "week", "month")) {
            JsonObject week = series("metric=web.unique_visitors&from=2026-10-01&to=2026-10-31&granularity=" + granularity);
            assertThat(week.getJsonArray("points")).isNotEmpty();
            week.getJsonArray("points").forEach(p -> assertThat(((JsonObject) p).getValue("value"))
                    .isInstanceOf(Number.class));
            assertThat(week.getJsonObject("trend").getString("verdict")).isNotBlank();
        }
        assertThat(series("metric=web.time_on_page&from=2026-10-01&to=2026-10-31&granularity=month")
                .getJsonArray("points").getJsonObject(0).getDouble("value")).isEqualTo(31_622_400.0);
    }

    @Test
    void aSeriesWhoseSumsOverflowFromDataStoredBeforeTheCeilingAnswersA500InsteadOfHanging() throws Exception {
        // such values can no longer get in; rows stored before the ceiling stand for any aggregation that breaks
        new Tenancy(live.server().pool()).inAgency(owner.agencyId(), sql -> sql.preparedQuery(
                        "INSERT INTO observations (agency_id, client_id, metric, period_start, period_end, value)"
                                + " SELECT $1, $2, 'web.unique_visitors', d, d, 1.7e308"
                                + " FROM generate_series(date '2026-10-01', date '2026-10-29', interval '1 day') AS d")
                        .execute(Tuple.of(owner.agencyId(), client)))
                .await(10, TimeUnit.SECONDS);
        HttpResponse<Buffer> week = http.call(HttpMethod.GET, "/api/clients/" + client
                + "/observations?metric=web.unique_visitors&from=2026-10-01&to=2026-10-31&granularity=week",
                owner.accessToken(), null);
        assertError(week, 500);
    }

    @Test
    void aPeriodWithOneEndOrANullFieldIs422NamingIt() {
        String[][] cases = {
            {"{\"metric\":\"web.pageviews\",\"from\":\"2026-10-01\",\"value\":1}", "to"},
            {"{\"metric\":\"web.pageviews\",\"to\":\"2026-10-01\",\"value\":1}", "from"},
            {"{\"metric\":\"web.pageviews\",\"from\":null,\"to\":\"2026-10-01\",\"value\":1}", "from"},
            {"{\"metric\":\"web.pageviews\",\"from\":\"2026-10-01\",\"to\":null,\"value\":1}", "to"},
            {"{\"metric\":\"web.pageviews\",\"from\":\"2026-10-01\",\"to\":\" \",\"value\":1}", "to"},
            {"{\"metric\":\"web.pageviews\",\"date\":null,\"value\":1}", "date"},
            {"{\"metric\":\"web.pageviews\",\"date\":\"2026-10-01\",\"value\":null}", "value"}};
        for (String[] c : cases) {
            HttpResponse<Buffer> response = post(owner.accessToken(),
                    new JsonObject().put("points", new JsonArray().add(new JsonObject(c[0]))));
            assertError(response, 422);
            assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
                    .as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void pointsGivenTwiceOrWithTheNulCharacterAreRefused() {
        assertError(http.send(HttpMethod.POST, "/api/clients/" + client + "/observations",
                Buffer.buffer("{\"points\":[],\"points\":[]}")), 401);
        HttpResponse<Buffer> twice = http.sendText(HttpMethod.POST, "/api/clients/" + client + "/observations",
                owner.accessToken(), "application/json", "{\"points\":[{\"metric\":\"web.pageviews\",\"date\":\"2026-10-01\","
                        + "\"value\":1}],\"points\":[{\"metric\":\"web.pageviews\",\"date\":\"2026-10-02\",\"value\":1}]}");
        assertError(twice, 400);
        HttpResponse<Buffer> nul = post(owner.accessToken(), batch(point("web.pageviews", "2026-10-01", 1)
                .put("dimension", "/page\u0000")));
        assertError(nul, 422);
        assertThat(nul.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("dimension");
    }

    @Test
    void batchesAreLimitedTo10000PointsAnd2MiB() {
        JsonArray many = new JsonArray();
        for (int i = 0; i <= ObservationHandlers.MAX_POINTS; i++) {
            many.add(point("web.unique_visitors", "2026-10-01", i));
        }
        HttpResponse<Buffer> tooMany = post(owner.accessToken(), new JsonObject().put("points", many));
        assertError(tooMany, 413);
        assertThat(tooMany.bodyAsJsonObject().getString("message")).contains("10000");

        String padding = "x".repeat((int) ObservationHandlers.MAX_BODY_BYTES);
        HttpResponse<Buffer> tooBig = post(owner.accessToken(), batch(point("web.unique_visitors", "2026-10-01", 1)
                .put("source", padding)));
        assertError(tooBig, 413);
    }

    @Test
    void aPeriodTotalIsStoredAsAPeriodAndJoinsTheMonthItLiesIn() {
        post(owner.accessToken(), batch(
                new JsonObject().put("metric", "web.pageviews").put("from", "2026-09-01").put("to", "2026-09-30").put("value", 9000),
                new JsonObject().put("metric", "web.pageviews").put("from", "2026-09-20").put("to", "2026-10-10").put("value", 5000),
                point("web.pageviews", "2026-10-03", 100)));
        JsonObject daily = series("metric=web.pageviews&from=2026-09-01&to=2026-10-31");
        assertThat(daily.getJsonArray("points")).hasSize(1);
        assertThat(daily.getJsonArray("periods")).hasSize(2);

        JsonObject monthly = series("metric=web.pageviews&from=2026-09-01&to=2026-10-31&granularity=month");
        assertThat(monthly.getJsonArray("points")).containsExactly(
                new JsonObject().put("date", "2026-09-01").put("value", 9000.0),
                new JsonObject().put("date", "2026-10-01").put("value", 100.0));
        assertThat(monthly.getJsonArray("periods")).as("the period across two months stays a period").hasSize(1);
    }

    @Test
    void weeksAndMonthsAggregateByTheMetricsOwnRule() {
        JsonArray points = new JsonArray();
        // 2026-10-05 is a Monday: two full ISO weeks of visitors (sum) and followers (last)
        for (int day = 5; day <= 18; day++) {
            String date = String.format("2026-10-%02d", day);
            points.add(point("web.unique_visitors", date, 10));
            points.add(point("twitter.followers", date, 1000 + day));
            points.add(point("web.bounce_rate", date, day <= 11 ? 0.4 : 0.6));
        }
        post(owner.accessToken(), new JsonObject().put("points", points));
        String range = "&from=2026-10-05&to=2026-10-18&granularity=week";
        assertThat(series("metric=web.unique_visitors" + range).getJsonArray("points")).containsExactly(
                new JsonObject().put("date", "2026-10-05").put("value", 70.0),
                new JsonObject().put("date", "2026-10-12").put("value", 70.0));
        assertThat(series("metric=twitter.followers" + range).getJsonArray("points")).containsExactly(
                new JsonObject().put("date", "2026-10-05").put("value", 1011.0),
                new JsonObject().put("date", "2026-10-12").put("value", 1018.0));
        JsonArray bounce = series("metric=web.bounce_rate" + range).getJsonArray("points");
        assertThat(bounce.getJsonObject(0).getDouble("value")).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(bounce.getJsonObject(1).getDouble("value")).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(series("metric=web.unique_visitors&from=2026-10-01&to=2026-10-31&granularity=month")
                .getJsonArray("points").getJsonObject(0).getDouble("value")).isEqualTo(140.0);
    }

    @Test
    void aDayWithOnlyABreakdownGetsItsSumAsTheTotalAndTopPagesAreListed() {
        post(owner.accessToken(), batch(
                point("web.pageviews", "2026-10-20", 70).put("dimension", "/pricing"),
                point("web.pageviews", "2026-10-20", 30).put("dimension", "/blog/why-you"),
                point("web.pageviews", "2026-10-21", 50).put("dimension", "/pricing"),
                point("web.pageviews", "2026-10-21", 500)));
        JsonArray totals = series("metric=web.pageviews&from=2026-10-20&to=2026-10-21").getJsonArray("points");
        assertThat(totals).containsExactly(
                new JsonObject().put("date", "2026-10-20").put("value", 100.0),
                new JsonObject().put("date", "2026-10-21").put("value", 500.0));
        assertThat(series("metric=web.pageviews&from=2026-10-20&to=2026-10-21&dimension=/pricing").getJsonArray("points"))
                .hasSize(2);

        JsonObject top = http.call(HttpMethod.GET, "/api/clients/" + client
                + "/dimensions?metric=web.pageviews&from=2026-10-01&to=2026-10-31&limit=1", owner.accessToken(), null)
                .bodyAsJsonObject();
        assertThat(top.getString("dimension")).isEqualTo("page");
        assertThat(top.getJsonArray("values")).containsExactly(new JsonObject().put("dimension", "/pricing")
                .put("value", 120.0).put("observations", 2));
    }

    @Test
    void theMetricsMeasuredAreListedWithHowManyObservationsAndTheirDaysButNotACompetitors() {
        assertThat(measured(owner.accessToken()).getJsonArray("metrics")).as("nothing yet").isEmpty();
        HttpResponse<Buffer> rival = http.call(HttpMethod.POST, "/api/clients/" + client + "/competitors",
                owner.accessToken(), new JsonObject().put("name", "Stumptown"));
        assertThat(rival.statusCode()).as(rival.bodyAsString()).isEqualTo(201);
        post(owner.accessToken(), batch(
                point("web.unique_visitors", "2026-10-02", 10), point("web.unique_visitors", "2026-10-09", 12),
                point("web.pageviews", "2026-10-05", 70).put("dimension", "/pricing"),
                point("web.pageviews", "2026-10-05", 100),
                new JsonObject().put("metric", "web.pageviews").put("from", "2026-09-01").put("to", "2026-09-30")
                        .put("value", 9000),
                point("search.avg_position", "2026-10-01", 3.2).put("dimension", "best coffee")
                        .put("competitorId", rival.bodyAsJsonObject().getString("id"))));

        assertThat(measured(owner.accessToken()).getJsonArray("metrics")).containsExactly(
                new JsonObject().put("metric", "web.pageviews").put("observations", 3).put("first", "2026-09-01")
                        .put("last", "2026-10-05"),
                new JsonObject().put("metric", "web.unique_visitors").put("observations", 2).put("first", "2026-10-02")
                        .put("last", "2026-10-09"));
        // a client viewer reads their client's; another agency's client is missing, as a random id is
        Session viewer = accounts.invite(owner, "viewer", client);
        assertThat(measured(viewer.accessToken()).getJsonArray("metrics")).hasSize(2);
        Session stranger = accounts.signUp("Curious Agency");
        HttpResponse<Buffer> foreign = http.call(HttpMethod.GET, "/api/clients/" + client + "/metrics/measured",
                stranger.accessToken(), null);
        assertError(foreign, 404);
        assertThat(foreign.bodyAsJsonObject()).isEqualTo(http.call(HttpMethod.GET, "/api/clients/" + UUID.randomUUID()
                + "/metrics/measured", stranger.accessToken(), null).bodyAsJsonObject());
    }

    private JsonObject measured(String token) {
        HttpResponse<Buffer> response = http.call(HttpMethod.GET, "/api/clients/" + client + "/metrics/measured", token,
                null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    @Test
    void aMachineWithMetricsWriteFeedsDataAndViewersCannot() {
        String machine = accounts.createToken(owner, "metrics:write");
        assertThat(post(machine, batch(point("newsletter.subscribers", "2026-10-01", 800))).statusCode()).isEqualTo(200);
        String reader = accounts.createToken(owner, "read");
        assertError(post(reader, batch(point("newsletter.subscribers", "2026-10-02", 801))), 403);
        Session viewer = accounts.invite(owner, "viewer", null);
        assertError(post(viewer.accessToken(), batch(point("newsletter.subscribers", "2026-10-02", 801))), 403);
        assertThat(http.call(HttpMethod.GET, "/api/clients/" + client + "/observations?metric=newsletter.subscribers"
                + "&from=2026-10-01&to=2026-10-02", viewer.accessToken(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void anotherAgencysClientIsMissingForWritesAndReads() {
        Session stranger = accounts.signUp("Stranger Agency");
        HttpResponse<Buffer> write = post(stranger.accessToken(), batch(point("web.unique_visitors", "2026-10-01", 1)));
        HttpResponse<Buffer> missingWrite = http.call(HttpMethod.POST, "/api/clients/" + UUID.randomUUID() + "/observations",
                stranger.accessToken(), batch(point("web.unique_visitors", "2026-10-01", 1)));
        assertError(write, 404);
        assertThat(write.bodyAsJsonObject()).isEqualTo(missingWrite.bodyAsJsonObject());
        assertError(http.call(HttpMethod.GET, "/api/clients/" + client + "/observations?metric=web.unique_visitors",
                stranger.accessToken(), null), 404);
        assertError(http.call(HttpMethod.GET, "/api/clients/" + client + "/dimensions?metric=web.pageviews",
                stranger.accessToken(), null), 404);
    }

    @Test
    void deletingAClientDeletesItsObservations() throws Exception {
        post(owner.accessToken(), batch(point("web.unique_visitors", "2026-10-01", 1), point("web.unique_visitors", "2026-10-02", 2)));
        assertThat(storedFor(client)).isEqualTo(2);
        assertThat(http.call(HttpMethod.DELETE, "/api/clients/" + client, owner.accessToken(), null).statusCode()).isEqualTo(204);
        assertThat(storedFor(client)).isZero();
        assertError(post(owner.accessToken(), batch(point("web.unique_visitors", "2026-10-03", 3))), 404);
    }

    /** Counted by the database's administrator, past row-level security. */
    private static long storedFor(UUID client) throws Exception {
        var admin = live.server().database();
        try (var connection = java.sql.DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             var count = connection.prepareStatement("SELECT count(*) FROM observations WHERE client_id = ?")) {
            count.setObject(1, client);
            try (var rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void badSeriesQueriesAre400() {
        String base = "/api/clients/" + client + "/observations?";
        for (String query : new String[] {"", "metric=nope", "metric=web.pageviews&granularity=year",
                "metric=web.pageviews&from=2026-10-10&to=2026-10-01", "metric=web.pageviews&from=yesterday",
                "metric=web.unique_visitors&dimension=/x", "metric=web.pageviews&from=2010-01-01&to=2026-01-01",
                "metric=web.pageviews&to=-999999999-01-01", "metric=web.pageviews&to=%2B999999999-12-31",
                "metric=web.pageviews&dimension=%00"}) {
            assertError(http.call(HttpMethod.GET, base + query, owner.accessToken(), null), 400);
        }
    }

    @Test
    void aCommittedBatchIsAnnouncedOnTheChangeStreamOnce() throws Exception {
        List<JsonObject> heard = new CopyOnWriteArrayList<>();
        MessageConsumer<JsonObject> consumer = live.server().vertx().eventBus()
                .consumer(ChangeStream.ADDRESS, message -> {
                    // other tests' clients get their scores recomputed meanwhile
                    if (client.toString().equals(message.body().getString("clientId"))
                            && "observations".equals(message.body().getString("kind"))) {
                        heard.add(message.body());
                    }
                });
        consumer.completion().await(5, TimeUnit.SECONDS);
        try {
            post(owner.accessToken(), batch(point("web.unique_visitors", "2026-10-25", 1), point("leads.optins", "2026-10-25", 2)));
            post(owner.accessToken(), batch(point("web.unique_visitors", "2026-10-25", 1)));
            post(owner.accessToken(), batch(point("web.nope", "2026-10-25", 1)));
            long deadline = System.currentTimeMillis() + 5_000;
            while (heard.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
            assertThat(heard).as("one event: the unchanged and the refused batches announce nothing").hasSize(1);
            assertThat(heard.get(0).getString("clientId")).isEqualTo(client.toString());
            assertThat(heard.get(0).getString("kind")).isEqualTo("observations");
        } finally {
            consumer.unregister();
        }
    }
}
