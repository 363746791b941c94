package com.zoomfactor.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.JarApi;
import com.zoomfactor.backend.testing.JarProcess;
import com.zoomfactor.backend.testing.TestPaths;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The jar after a crash (SIGKILL: no shutdown hook, the database not stopped): started again on the same data
 * directory it comes up by itself with its data, whether the dead server's PostgreSQL was stopped by its watchdog
 * or left behind as an orphan; and a second jar on a directory a live one holds is refused at once.
 */
class CrashRecoveryIT {

    private static final Path JAR = Path.of(System.getProperty("zf.jar", "target/zoom-factor.jar"));
    /** Bounds for things that take milliseconds: a broken mechanism fails the test instead of hanging it. */
    private static final long READY_SECONDS = 120;
    private static final java.time.Duration GONE_WITHIN = java.time.Duration.ofSeconds(60);

    @Test
    void afterSigkillTheWatchdogStopsTheDatabaseAndTheJarComesBackOnTheSameData() throws Exception {
        Path dataDir = TestPaths.newDirectory("crash-watchdog-");
        Map<String, String> env = env(dataDir);
        String token;
        String client;
        long postmaster;
        try (JarProcess first = JarProcess.start(JAR, env)) {
            JarApi api = new JarApi(first.awaitReady(READY_SECONDS));
            token = api.signUp();
            client = api.createClient(token, "Before the crash");
            postPoints(api, token, client, "/before");
            postmaster = postmasterPid(dataDir);
            first.kill();
        }
        assertThat(awaitGone(postmaster)).as("the dead server's PostgreSQL stops by itself (its watchdog)").isTrue();

        try (JarProcess second = JarProcess.start(JAR, env)) {
            JarApi api = new JarApi(second.awaitReady(READY_SECONDS));
            assertThat(api.status("/api/health")).isEqualTo(200);
            assertThat(points(api, token, client, "/before")).as("the data written before the crash").isEqualTo(3);
            assertThat(second.output()).noneMatch(line -> line.contains("left behind by a Zoom Factor that died"));
            assertThat(second.terminate(15)).isZero();
        }
    }

    @Test
    void anOrphanedDatabaseIsStoppedCleanlyAtTheNextStartAndNeverAnUnrelatedProcess() throws Exception {
        Path dataDir = TestPaths.newDirectory("crash-orphan-");
        Map<String, String> env = env(dataDir);
        String token;
        String client;
        long postmaster;
        try (JarProcess first = JarProcess.start(JAR, env)) {
            JarApi api = new JarApi(first.awaitReady(READY_SECONDS));
            token = api.signUp();
            client = api.createClient(token, "Orphaned");
            postPoints(api, token, client, "/orphan");
            postmaster = postmasterPid(dataDir);
            // without its watchdog the database outlives the JVM: the orphan that the next start must deal with
            Optional<ProcessHandle> watchdog = first.children().stream()
                    .filter(child -> child.info().arguments().map(List::of).orElse(List.of()).contains("zoom-factor-watchdog"))
                    .findFirst();
            assertThat(watchdog).as("the JVM runs the database's watchdog as its child").isPresent();
            watchdog.get().destroyForcibly();
            assertThat(watchdog.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
            first.kill();
        }
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("an orphan").contains(true);

        try (JarProcess second = JarProcess.start(JAR, env)) {
            JarApi api = new JarApi(second.awaitReady(READY_SECONDS));
            assertThat(second.output()).anyMatch(line -> line.contains("WARN") && line.contains("pid " + postmaster)
                    && line.contains("left behind by a Zoom Factor that died"));
            assertThat(awaitGone(postmaster)).as("the orphan was stopped").isTrue();
            assertThat(api.status("/api/health")).isEqualTo(200);
            assertThat(points(api, token, client, "/orphan")).isEqualTo(3);
            assertThat(second.terminate(15)).isZero();
        }
    }

    @Test
    void aSecondJarOnADataDirectoryHeldByALiveOneIsRefusedAtOnceNamingItAndThePid() throws Exception {
        Path dataDir = TestPaths.newDirectory("crash-held-");
        try (JarProcess first = JarProcess.start(JAR, env(dataDir))) {
            JarApi api = new JarApi(first.awaitReady(READY_SECONDS));
            try (JarProcess second = JarProcess.start(JAR, env(dataDir))) {
                // the old way waited 60 s for a PostgreSQL that could not start before giving up
                assertThat(second.awaitExit(30)).isEqualTo(1);
                assertThat(String.join("\n", second.output()))
                        .contains("The data directory " + dataDir + " is in use by another Zoom Factor (pid " + first.pid() + ")")
                        .doesNotContain("\tat ");
            }
            assertThat(api.status("/api/health")).as("the holder serves on").isEqualTo(200);
            assertThat(first.terminate(15)).isZero();
        }
    }

    private static Map<String, String> env(Path dataDir) throws Exception {
        return Map.of("ZF_PORT", String.valueOf(JarProcess.freePort()), "ZF_DATA_DIR", dataDir.toString());
    }

    private static void postPoints(JarApi api, String token, String client, String prefix) throws Exception {
        JsonArray points = new JsonArray();
        for (int i = 0; i < 3; i++) {
            points.add(new JsonObject().put("metric", "web.pageviews").put("date", yesterday())
                    .put("value", 10 + i).put("dimension", prefix + "/" + i));
        }
        JsonObject written = api.call("POST", "/api/clients/" + client + "/observations", token,
                new JsonObject().put("points", points));
        assertThat(written.getLong("inserted")).isEqualTo(3);
    }

    /** How many of the points written by {@link #postPoints} the API reads back. */
    private static int points(JarApi api, String token, String client, String prefix) throws Exception {
        int found = 0;
        for (int i = 0; i < 3; i++) {
            JsonObject series = api.call("GET", "/api/clients/" + client + "/observations?metric=web.pageviews&from="
                    + yesterday() + "&to=" + yesterday() + "&dimension=" + prefix + "/" + i, token, null);
            double expected = 10 + i;
            found += series.getJsonArray("points").stream()
                    .anyMatch(point -> ((JsonObject) point).getDouble("value") == expected) ? 1 : 0;
        }
        return found;
    }

    private static String yesterday() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    }

    private static long postmasterPid(Path dataDir) throws Exception {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("pgdata").resolve("postmaster.pid")).get(0).trim());
    }

    /** Gone, or a zombie nobody reaps (then it serves nothing either). */
    private static boolean awaitGone(long pid) throws Exception {
        long deadline = System.nanoTime() + GONE_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!running(pid)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static boolean running(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            char state = text.charAt(text.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (java.io.IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }
}
