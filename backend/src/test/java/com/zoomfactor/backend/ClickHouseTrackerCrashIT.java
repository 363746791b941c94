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
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the server under full tracker ingest with the page events in ClickHouse (the machine's
 * {@code clickhouse-server}, which keeps running): every event answered 202 is in ClickHouse after the restart, none
 * twice, nothing but what was sent. The coalesced INSERTs answer their batches only once ClickHouse answered, so a kill
 * between the INSERT and the 202s leaves events in doubt, never acknowledged ones missing.
 */
class ClickHouseTrackerCrashIT {

    private static final Path JAR = Path.of(System.getProperty("zf.jar", "target/zoom-factor.jar"));
    private static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";

    private final int seconds = Integer.getInteger("zf.crash.seconds", 3);
    private final int writers = Integer.getInteger("zf.crash.writers", 32);

    @Test
    void everyAcknowledgedEventIsInClickHouseAfterAKillUnderFullIngestAndNoneTwice() throws Exception {
        String database = "zf_crash_" + UUID.randomUUID().toString().substring(0, 8);
        ClickHouseUrl clickhouse = StandaloneClickHouse.shared().url(database);
        Path dataDir = TestPaths.newDirectory("crash-tracker-clickhouse-");
        Map<String, String> env = Map.of("ZF_PORT", String.valueOf(JarProcess.freePort()), "ZF_DATA_DIR",
                dataDir.toString(), "ZF_EMBEDDED_DB_PORT", String.valueOf(JarProcess.freePort()),
                "ZF_CLICKHOUSE_URL", "http://default:@" + clickhouse.host() + ":" + clickhouse.port() + "/" + database);
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
            server.kill();
            load.awaitCut();
            assertThat(load.refused).as("no event was refused").isEmpty();

            server = JarProcess.start(JAR, env);
            JarApi again = new JarApi(server.awaitReady(120));
            assertThat(post(again, key, "after-restart").statusCode()).isEqualTo(202);

            Map<String, Integer> stored = storedMarkers(database, site.getString("id"));
            long lost = acked.stream().filter(marker -> !stored.containsKey(marker)).count();
            long duplicated = stored.values().stream().filter(count -> count > 1).count();
            long unknown = stored.keySet().stream().filter(marker -> !marker.equals("after-restart")
                    && !acked.contains(marker) && !inDoubt.contains(marker)).count();
            System.out.printf("tracker crash on ClickHouse: writers %d, ingest %d s, acknowledged %d events, in doubt %d"
                            + " (%d stored), lost %d, duplicated %d%n", writers, seconds, acked.size(), inDoubt.size(),
                    inDoubt.stream().filter(stored::containsKey).count(), lost, duplicated);
            assertThat(acked).as("the kill came under ingest, after acknowledged events").hasSizeGreaterThan(writers);
            assertThat(lost).as("acknowledged events missing after the restart").isZero();
            assertThat(duplicated).as("events stored twice").isZero();
            assertThat(unknown).as("stored events nobody sent").isZero();
            assertThat(stored).containsEntry("after-restart", 1);
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

    /** How many times each marker is stored for the site in ClickHouse. */
    private static Map<String, Integer> storedMarkers(String database, String siteId) {
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
