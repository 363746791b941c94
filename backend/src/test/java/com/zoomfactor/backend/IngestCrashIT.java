package com.zoomfactor.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.JarApi;
import com.zoomfactor.backend.testing.JarProcess;
import com.zoomfactor.backend.testing.KillUnderLoad;
import com.zoomfactor.backend.testing.TestPaths;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fault suite #1: {@code kill -9} of the server in the middle of an ingest. Concurrent writers post batches with
 * idempotency keys; the jar is killed while they write and started again on the same data directory by itself;
 * the batches that got no answer are sent again with their keys. Every acknowledged point must be there, none
 * twice, and every retry must answer 2xx (a replay when the first attempt had committed).
 *
 * <p>The short variant runs here; {@code bench/crash.sh} runs the long one through the same code
 * ({@code -Dzf.crash.seconds}, {@code .writers}, {@code .rounds}, {@code .report}), figures in docs/benchmarks.md.
 */
class IngestCrashIT {

    private static final Path JAR = Path.of(System.getProperty("zf.jar", "target/zoom-factor.jar"));
    private static final String METRIC = "web.pageviews";
    private static final int BATCH = 200;

    private final int seconds = Integer.getInteger("zf.crash.seconds", 3);
    private final int writers = Integer.getInteger("zf.crash.writers", 4);
    private final int rounds = Integer.getInteger("zf.crash.rounds", 1);
    private final String date = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();

    /** One batch: its key and body, the same for every attempt. */
    private record Batch(String key, String body, List<String> dimensions) {
        @Override
        public String toString() {
            return key; // what a refusal names, not its 200 points
        }
    }

    @ParameterizedTest
    @EnumSource(KillUnderLoad.Fault.class)
    void everyAcknowledgedPointSurvivesAKillMidIngestAndRetriesWithTheirKeysNeverDoubleAnything(KillUnderLoad.Fault fault) throws Exception {
        Path dataDir = TestPaths.newDirectory("crash-ingest-");
        int dbPort = JarProcess.freePort();
        Map<String, String> env = Map.of("ZF_PORT", String.valueOf(JarProcess.freePort()), "ZF_DATA_DIR", dataDir.toString(),
                "ZF_EMBEDDED_DB_PORT", String.valueOf(dbPort));

        List<Batch> acknowledged = new ArrayList<>();
        List<Batch> retried = new ArrayList<>();
        JarProcess server = JarProcess.start(JAR, env);
        try {
            JarApi api = new JarApi(server.awaitReady(120));
            String owner = api.signUp();
            String client = api.createClient(owner, "Under fire");
            String token = api.call("POST", "/api/tokens", owner, new JsonObject().put("name", "ingest")
                    .put("scopes", new JsonArray().add("metrics:write"))).getString("token");
            String path = "/api/clients/" + client + "/observations";

            for (int round = 1; round <= rounds; round++) {
                String writerPrefix = "r" + round + "w";
                KillUnderLoad<Batch> load = KillUnderLoad.start(writers, "writer",
                        w -> number -> batch(writerPrefix + w, number), batch -> post(api, token, path, batch));
                Queue<Batch> acked = load.acked;
                Queue<Batch> inDoubt = load.inDoubt;
                // the length of the ingest, not an assertion: the kill lands wherever the writers are then
                Thread.sleep(seconds * 1000L);
                if (fault == KillUnderLoad.Fault.SERVER_AND_DATABASE) {
                    KillUnderLoad.killDatabase(dataDir);
                }
                server.kill();
                load.awaitCut();
                assertThat(load.refused).as("no batch was refused").isEmpty();

                long restartStarted = System.nanoTime();
                server = JarProcess.start(JAR, env);
                JarApi again = new JarApi(server.awaitReady(120));
                long restartMs = (System.nanoTime() - restartStarted) / 1_000_000;
                assertThat(again.status("/api/health")).isEqualTo(200);

                int replayed = 0;
                for (Batch batch : inDoubt) {
                    HttpResponse<String> answer = post(again, token, path, batch);
                    assertThat(answer.statusCode()).as("a retry of %s: %s", batch.key(), answer.body()).isBetween(200, 299);
                    replayed += answer.headers().firstValue("Idempotent-Replayed").filter("true"::equals).isPresent() ? 1 : 0;
                }
                // the keys of acknowledged batches were committed with their points: a retry replays the answer
                for (Batch batch : acked.stream().limit(5).toList()) {
                    HttpResponse<String> answer = post(again, token, path, batch);
                    assertThat(answer.statusCode()).isBetween(200, 299);
                    assertThat(answer.headers().firstValue("Idempotent-Replayed")).as(batch.key()).contains("true");
                }
                acknowledged.addAll(acked);
                retried.addAll(inDoubt);

                Map<String, Integer> stored = JarApi.storedDimensions(dbPort, client, METRIC);
                long lost = acknowledged.stream().flatMap(b -> b.dimensions().stream()).filter(d -> !stored.containsKey(d)).count();
                long duplicated = stored.values().stream().filter(count -> count > 1).count();
                report(String.format("crash %s round %d: writers %d, ingest %d s, acknowledged %d points (%d batches),"
                                + " in doubt %d batches (%d had committed), lost %d, duplicated %d, restart %d ms%s",
                        fault, round, writers, seconds, acked.size() * BATCH, acked.size(), inDoubt.size(), replayed, lost,
                        duplicated, restartMs, server.output().stream().anyMatch(line -> line.contains("left behind by"))
                                ? " (an orphaned PostgreSQL stopped first)" : ""));
                assertThat(lost).as("acknowledged points missing after the restart").isZero();
                assertThat(duplicated).as("points stored twice").isZero();
                assertThat(stored).as("every batch ever sent is stored once, nothing else")
                        .hasSize((acknowledged.size() + retried.size()) * BATCH);
            }
            assertThat(acknowledged).as("the kill came mid-ingest, after acknowledged batches").isNotEmpty();
            assertThat(server.terminate(15)).isZero();
        } finally {
            server.close();
        }
    }

    private static HttpResponse<String> post(JarApi api, String token, String path, Batch batch)
            throws IOException, InterruptedException {
        return api.send("POST", path, token, batch.body(), Map.of("Idempotency-Key", batch.key()));
    }

    private Batch batch(String writer, int number) {
        JsonArray points = new JsonArray();
        List<String> dimensions = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            String dimension = "/" + writer + "/b" + number + "/p" + i;
            dimensions.add(dimension);
            points.add(new JsonObject().put("metric", METRIC).put("date", date).put("value", i).put("dimension", dimension));
        }
        return new Batch("crash-" + writer + "-b" + number, new JsonObject().put("points", points).encode(), dimensions);
    }

    private static void report(String line) throws IOException {
        System.out.println(line);
        String file = System.getProperty("zf.crash.report");
        if (file != null) {
            Files.writeString(Path.of(file), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
