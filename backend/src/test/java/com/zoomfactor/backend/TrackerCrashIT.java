package com.zoomfactor.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.config.ClickHouseUrl;
import com.zoomfactor.backend.testing.JarApi;
import com.zoomfactor.backend.testing.JarProcess;
import com.zoomfactor.backend.testing.KillUnderLoad;
import com.zoomfactor.backend.testing.StandaloneClickHouse;
import com.zoomfactor.backend.testing.TestPaths;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code kill -9} of the server under full tracker ingest: writers post single events to {@code POST /api/events} as
 * fast as they are answered, each event carrying a unique marker in its props; the jar is killed while they write and
 * started again on the same data directory. Every event answered 202 must be stored, none twice, and nothing but
 * what was sent (an event without an answer may or may not be there: the browser that sent it does not know either).
 * With the events in PostgreSQL (the server alone, or the embedded database with it, killed) and in ClickHouse (the
 * machine's {@code clickhouse-server}, which keeps running: the coalesced INSERTs answer their batches only once
 * ClickHouse answered, so a kill between the INSERT and the 202s leaves events in doubt, never acknowledged ones missing).
 */
class TrackerCrashIT {

    private static final Path JAR = Path.of(System.getProperty("zf.jar", "target/zoom-factor.jar"));
    private static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";

    private final int seconds = Integer.getInteger("zf.crash.seconds", 3);
    private final int writers = Integer.getInteger("zf.crash.writers", 32);

    /** How many times each marker is stored for a site, read from the store after the restart. */
    private interface StoredMarkers {
        Map<String, Integer> of(String siteId) throws Exception;
    }

    @ParameterizedTest
    @EnumSource(KillUnderLoad.Fault.class)
    void everyAcknowledgedEventSurvivesAKillUnderFullIngestAndNoneIsStoredTwice(KillUnderLoad.Fault fault) throws Exception {
        Path dataDir = TestPaths.newDirectory("crash-tracker-");
        int dbPort = JarProcess.freePort();
        Map<String, String> env = Map.of("ZF_PORT", String.valueOf(JarProcess.freePort()), "ZF_DATA_DIR", dataDir.toString(),
                "ZF_EMBEDDED_DB_PORT", String.valueOf(dbPort));
        killUnderIngest("on PostgreSQL, " + fault, env,
                fault == KillUnderLoad.Fault.SERVER_AND_DATABASE ? dataDir : null, site -> postgresMarkers(dbPort, site));
    }

    @Test
    void everyAcknowledgedEventIsInClickHouseAfterAKillUnderFullIngestAndNoneTwice() throws Exception {
        String database = "zf_crash_" + UUID.randomUUID().toString().substring(0, 8);
        ClickHouseUrl clickhouse = StandaloneClickHouse.shared().url(database);
        Path dataDir = TestPaths.newDirectory("crash-tracker-clickhouse-");
        Map<String, String> env = Map.of("ZF_PORT", String.valueOf(JarProcess.freePort()), "ZF_DATA_DIR",
                dataDir.toString(), "ZF_EMBEDDED_DB_PORT", String.valueOf(JarProcess.freePort()),
                "ZF_CLICKHOUSE_URL", "http://default:@" + clickhouse.host() + ":" + clickhouse.port() + "/" + database);
        killUnderIngest("on ClickHouse", env, null, site -> clickHouseMarkers(database, site));
    }

    /**
     * Runs the writers against the jar started with {@code env}, kills it (and the embedded database of
     * {@code killDatabaseOf}, when given) under ingest, starts it again and checks what {@code stored} finds.
     */
    private void killUnderIngest(String label, Map<String, String> env, Path killDatabaseOf, StoredMarkers stored)
            throws Exception {
        JarProcess server = JarProcess.start(JAR, env);
        try {
            JarApi api = new JarApi(server.awaitReady(120));
            String owner = api.signUp();
            String client = api.createClient(owner, "Tracked under fire");
            JsonObject site = api.call("POST", "/api/clients/" + client + "/sites", owner,
                    new JsonObject().put("domain", "crash.example"));
            String key = site.getString("siteKey");

            KillUnderLoad<String> load = KillUnderLoad.start(writers, "tracker-writer",
                    w -> number -> "w" + w + "-" + number, marker -> post(api, key, marker));
            Queue<String> acked = load.acked;
            Queue<String> inDoubt = load.inDoubt;
            // the length of the ingest, not an assertion: the kill lands wherever the writers are then
            Thread.sleep(seconds * 1000L);
            if (killDatabaseOf != null) {
                KillUnderLoad.killDatabase(killDatabaseOf);
            }
            server.kill();
            load.awaitCut();
            assertThat(load.refused).as("no event was refused").isEmpty();

            server = JarProcess.start(JAR, env);
            JarApi again = new JarApi(server.awaitReady(120));
            // the restarted server takes events again
            assertThat(post(again, key, "after-restart").statusCode()).isEqualTo(202);

            Map<String, Integer> found = stored.of(site.getString("id"));
            long lost = acked.stream().filter(marker -> !found.containsKey(marker)).count();
            long duplicated = found.values().stream().filter(count -> count > 1).count();
            long unknown = found.keySet().stream().filter(marker -> !marker.equals("after-restart")
                    && !acked.contains(marker) && !inDoubt.contains(marker)).count();
            System.out.printf("tracker crash %s: writers %d, ingest %d s, acknowledged %d events, in doubt %d"
                            + " (%d stored), lost %d, duplicated %d%n", label, writers, seconds, acked.size(),
                    inDoubt.size(), inDoubt.stream().filter(found::containsKey).count(), lost, duplicated);
            assertThat(acked).as("the kill came under ingest, after acknowledged events").hasSizeGreaterThan(writers);
            assertThat(lost).as("acknowledged events missing after the restart").isZero();
            assertThat(duplicated).as("events stored twice").isZero();
            assertThat(unknown).as("stored events nobody sent").isZero();
            assertThat(found).containsEntry("after-restart", 1);
            assertThat(server.terminate(15)).isZero();
        } finally {
            server.close();
        }
    }

    private static HttpResponse<String> post(JarApi api, String key, String marker) throws IOException, InterruptedException {
        String body = new JsonObject().put("site", key).put("name", "pageview")
                .put("url", "https://crash.example/page/" + marker).put("props", new JsonObject().put("m", marker)).encode();
        return api.send("POST", "/api/events", null, body, Map.of("User-Agent", AGENT));
    }

    /** Each marker's count for the site in PostgreSQL, read as the embedded superuser. */
    private static Map<String, Integer> postgresMarkers(int dbPort, String siteId) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/zoomfactor", "postgres", "");
             PreparedStatement s = c.prepareStatement("SELECT props->>'m', count(*) FROM page_events"
                     + " WHERE site_id = ?::uuid GROUP BY 1")) {
            s.setString(1, siteId);
            Map<String, Integer> counts = new HashMap<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
            return counts;
        }
    }

    /** Each marker's count for the site in ClickHouse. */
    private static Map<String, Integer> clickHouseMarkers(String database, String siteId) {
        String rows = StandaloneClickHouse.shared().query("SELECT visitParamExtractString(props, 'm') AS marker, count()"
                + " FROM " + database + ".page_events WHERE site_id = toUUID('" + UUID.fromString(siteId) + "')"
                + " GROUP BY marker FORMAT TabSeparated");
        Map<String, Integer> counts = new HashMap<>();
        for (String line : rows.split("\n")) {
            if (!line.isBlank()) {
                String[] cells = line.split("\t");
                counts.put(cells[0], Integer.parseInt(cells[1]));
            }
        }
        return counts;
    }
}
