package com.zoomfactor.backend.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.config.DatabaseUrl;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveClient;
import com.zoomfactor.backend.testing.StandalonePostgres;
import com.zoomfactor.backend.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Fault suite #2: the external PostgreSQL restarts while writers ingest and a dashboard watches. Writers send batches
 * with idempotency keys and send a batch again (same key) until it is acknowledged; the database is restarted
 * ({@code pg_ctl restart -m fast}) mid-stream, then stopped for a while and started again. Afterwards: every
 * acknowledged point is stored exactly once, nothing answered a 5xx other than 503 (each with Retry-After and the JSON
 * error body), ingestion and health came back, and the dashboard's socket, open all along, got every event in order,
 * without gaps or repeats.
 */
class DatabaseRestartTest {

    static final int WRITERS = 4;
    static final int POINTS_PER_BATCH = 25;
    /** Acknowledged batches to wait for between phases: each proves ingestion is (back) under way. */
    static final int BATCHES_PER_PHASE = 8;
    /** A guard against a hang, not a measurement (figures are in docs/benchmarks.md, bench/OutageBench). */
    static final long PHASE_LIMIT_MS = 90_000;

    @Test
    void postgresqlRestartingMidStreamLosesNoAcknowledgedPointAndAnswersOnly503sMeanwhile() throws Exception {
        try (StandalonePostgres postgres = StandalonePostgres.start()) {
            DatabaseUrl database = postgres.createDatabase("zoomfactor");
            Vertx vertx = Vertx.vertx();
            try (TestServer server = TestServer.startOn(database)) {
                run(postgres, database, server, vertx);
            } finally {
                vertx.close().await(10, TimeUnit.SECONDS);
            }
        }
    }

    private void run(StandalonePostgres postgres, DatabaseUrl database, TestServer server, Vertx vertx)
            throws Exception {
        Http http = new Http(vertx, server.port());
        Accounts accounts = new Accounts(http);
        Accounts.Session owner = accounts.signUp("Outage Agency");
        List<UUID> clients = List.of(accounts.createClient(owner, "Restarted A"),
                accounts.createClient(owner, "Restarted B"));
        String token = accounts.createToken(owner, "metrics:write");

        try (LiveClient dashboard = LiveClient.connect(vertx, http, server.port(), owner.accessToken())) {
            Map<UUID, Long> subscribedAt = new HashMap<>();
            for (UUID client : clients) {
                dashboard.subscribe(client, null);
                JsonObject subscribed = dashboard.await(m -> "subscribed".equals(m.getString("type"))
                        && client.toString().equals(m.getString("clientId")), 10_000);
                subscribedAt.put(client, subscribed.getLong("seq"));
            }

            Outcomes outcomes = new Outcomes();
            AtomicBoolean finish = new AtomicBoolean();
            AtomicInteger acknowledged = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<Integer>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                UUID client = clients.get(w % clients.size());
                writers.add(pool.submit(() -> write(http, token, client, writer, finish, acknowledged, outcomes)));
            }
            try {
                waitFor("the first batches", () -> acknowledged.get() >= BATCHES_PER_PHASE);

                // 1. a fast restart while requests are in flight
                postgres.restartServer();
                int afterRestart = acknowledged.get();
                waitFor("ingestion after the restart", () -> acknowledged.get() >= afterRestart + BATCHES_PER_PHASE);

                // 2. a stop long enough to see the outage for sure, then a start
                postgres.stopServer();
                HttpResponse<Buffer> health = http.get("/api/health");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.bodyAsJsonObject().getString("db")).isEqualTo("down");
                JsonObject probeBatch = batch(WRITERS, 0);
                HttpResponse<Buffer> refused = post(http, token, clients.get(0), probeBatch, "probe");
                outcomes.check(refused);
                assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(503);
                postgres.startServer();

                waitFor("health after the start", () -> http.get("/api/health").statusCode() == 200);
                assertThat(http.get("/api/health").bodyAsJsonObject().getString("db")).isEqualTo("up");
                // the refused write, sent again with its key, is done once
                HttpResponse<Buffer> retried = post(http, token, clients.get(0), probeBatch, "probe");
                assertThat(retried.statusCode()).as(retried.bodyAsString()).isEqualTo(200);
                HttpResponse<Buffer> replayed = post(http, token, clients.get(0), probeBatch, "probe");
                assertThat(replayed.statusCode()).isEqualTo(200);
                assertThat(replayed.bodyAsJsonObject()).isEqualTo(retried.bodyAsJsonObject());
                int afterStart = acknowledged.get();
                waitFor("ingestion after the start", () -> acknowledged.get() >= afterStart + BATCHES_PER_PHASE);
            } finally {
                finish.set(true);
                pool.shutdown();
            }
            int batches = 0;
            for (Future<Integer> writer : writers) {
                batches += writer.get(PHASE_LIMIT_MS, TimeUnit.MILLISECONDS);
            }

            assertThat(outcomes.problems).as("answers that were neither 200 nor a proper 503").isEmpty();
            assertThat(outcomes.statuses.keySet()).as("statuses seen").containsOnly(200, 503);
            assertThat(outcomes.statuses.get(503).get()).as("503s seen (at least the probe's)").isPositive();

            // 0 acknowledged points lost, none stored twice
            assertThat(storedWriterPoints(database)).isEqualTo((long) batches * POINTS_PER_BATCH + POINTS_PER_BATCH);

            // the dashboard, open all along, gets the events written after the restart, in order, none twice
            for (UUID client : clients) {
                HttpResponse<Buffer> marker = post(http, token, client, batch(WRITERS + 1, clients.indexOf(client)),
                        "marker-" + client);
                assertThat(marker.statusCode()).isEqualTo(200);
            }
            Map<UUID, List<Long>> scoreSeqs = new HashMap<>();
            Map<UUID, Long> latest = new HashMap<>();
            for (UUID client : clients) {
                latest.put(client, latestSeq(database, client, scoreSeqs.computeIfAbsent(client, c -> new ArrayList<>())));
            }
            // (from the history: await would skip, and so lose, the other client's messages)
            waitFor("the dashboard to get the last events", () -> clients.stream().allMatch(client ->
                    dashboard.history().stream().anyMatch(m -> "event".equals(m.getString("type"))
                            && client.toString().equals(m.getString("clientId"))
                            && m.getLong("seq") >= latest.get(client))));
            assertThat(dashboard.isClosed()).isFalse();
            List<JsonObject> all = dashboard.history();
            for (UUID client : clients) {
                assertDeliveredInOrder(all, client, subscribedAt.get(client), latest.get(client), scoreSeqs.get(client));
            }
        }
    }

    /** One writer: batch after batch, each sent again with its key until acknowledged; returns how many it wrote. */
    private static int write(Http http, String token, UUID client, int writer, AtomicBoolean finish,
                             AtomicInteger acknowledged, Outcomes outcomes) throws InterruptedException {
        int batch = 0;
        while (!finish.get()) {
            JsonObject body = batch(writer, batch);
            String key = "writer-" + writer + "-batch-" + batch;
            while (true) {
                HttpResponse<Buffer> response;
                try {
                    response = post(http, token, client, body, key);
                } catch (RuntimeException | AssertionError e) {
                    outcomes.problems.add("no answer to " + key + ": " + e);
                    Thread.sleep(50);
                    continue;
                }
                outcomes.check(response);
                if (response.statusCode() == 200) {
                    break;
                }
                Thread.sleep(50); // shorter than Retry-After: the test wants many tries during the outage
            }
            acknowledged.incrementAndGet();
            batch++;
        }
        return batch;
    }

    /** Writer {@code writer}'s batch {@code n}: points no other batch writes (one page each). */
    static JsonObject batch(int writer, int n) {
        JsonArray points = new JsonArray();
        LocalDate day = LocalDate.of(2026, 1, 1).plusDays(n % 300);
        for (int i = 0; i < POINTS_PER_BATCH; i++) {
            points.add(new JsonObject().put("metric", "web.pageviews").put("date", day.toString())
                    .put("dimension", "/w" + writer + "/b" + n + "/p" + i).put("value", i + 1).put("source", "fault"));
        }
        return new JsonObject().put("points", points);
    }

    private static HttpResponse<Buffer> post(Http http, String token, UUID client, JsonObject body, String key) {
        return http.callWithHeaders(HttpMethod.POST, "/api/clients/" + client + "/observations", token, body,
                "Idempotency-Key", key);
    }

    /** What the writers were answered: per status, and anything that was not a 200 or a well-formed 503. */
    static final class Outcomes {
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final List<String> problems = new CopyOnWriteArrayList<>();

        void check(HttpResponse<Buffer> response) {
            int status = response.statusCode();
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            if (status == 200) {
                return;
            }
            if (status != 503) {
                problems.add(status + ": " + response.bodyAsString());
                return;
            }
            String retryAfter = response.getHeader("Retry-After");
            if (retryAfter == null || !retryAfter.matches("[1-9][0-9]?")) {
                problems.add("503 without a Retry-After of a few seconds: " + retryAfter);
            }
            try {
                JsonObject body = response.bodyAsJsonObject();
                if (body.getInteger("status") != 503 || body.getString("message", "").isBlank()) {
                    problems.add("503 with body " + body);
                }
            } catch (RuntimeException e) {
                problems.add("503 without a JSON body: " + response.bodyAsString());
            }
        }
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PHASE_LIMIT_MS;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static Connection admin(DatabaseUrl database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    private static long storedWriterPoints(DatabaseUrl database) throws SQLException {
        try (Connection sql = admin(database);
             PreparedStatement count = sql.prepareStatement(
                     "SELECT count(*) FROM observations WHERE source = 'fault' AND dimension LIKE '/w%'");
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The client's latest live seq; fills {@code scores} with the seqs of its score events. */
    private static long latestSeq(DatabaseUrl database, UUID client, List<Long> scores) throws SQLException {
        try (Connection sql = admin(database);
             PreparedStatement events = sql.prepareStatement(
                     "SELECT seq, kind FROM live_events WHERE client_id = ? ORDER BY seq")) {
            events.setObject(1, client);
            long latest = 0;
            try (ResultSet rows = events.executeQuery()) {
                while (rows.next()) {
                    latest = rows.getLong(1);
                    if ("score".equals(rows.getString(2))) {
                        scores.add(latest);
                    }
                }
            }
            return latest;
        }
    }

    /**
     * A client's events arrived in seq order, none twice, and none missing between the subscription and
     * {@code latest}: except superseded scores (a newer score replaces one still queued) and what a reset skipped.
     */
    private static void assertDeliveredInOrder(List<JsonObject> log, UUID client, long from, long latest,
                                               List<Long> scoreSeqs) {
        long last = from;
        for (JsonObject message : log) {
            if (!client.toString().equals(message.getString("clientId"))) {
                continue;
            }
            String type = message.getString("type");
            if ("reset".equals(type)) {
                last = message.getLong("seq");
            } else if ("event".equals(type)) {
                long seq = message.getLong("seq");
                assertThat(seq).as("event after %d of client %s", last, client).isGreaterThan(last);
                for (long missing = last + 1; missing < seq; missing++) {
                    assertThat(scoreSeqs).as("event %d of client %s never arrived", missing, client)
                            .contains(missing);
                }
                last = seq;
            }
        }
        assertThat(last).as("last event of client %s", client).isGreaterThanOrEqualTo(latest);
    }
}
