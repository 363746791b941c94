package com.zoomfactor.backend.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.StandaloneClickHouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tracker end to end with its page events in ClickHouse: the machine's {@code clickhouse-server} (Debian's 18.16
 * here) run by {@link StandaloneClickHouse}, one database per class. Skipped without ClickHouse, failed under CI.
 */
class ClickHouseTrackingTest extends TrackingContract {

    private static final String DATABASE = "zf_test_" + ProcessHandle.current().pid() + "_"
            + UUID.randomUUID().toString().substring(0, 8);

    @RegisterExtension
    static final LiveServer live = new LiveServer(config -> config.withClickHouse(
            StandaloneClickHouse.shared().url(DATABASE)));

    @Override
    LiveServer live() {
        return live;
    }

    @Override
    long storedEvents(String siteId, String path) {
        return Long.parseLong(StandaloneClickHouse.shared().query("SELECT count() FROM " + DATABASE
                + ".page_events WHERE site_id = toUUID('" + UUID.fromString(siteId) + "') AND path = '"
                + path.replace("\\", "\\\\").replace("'", "\\'") + "'").strip());
    }

    @Override
    void copyTheEvent(String siteId, int copies) {
        StandaloneClickHouse.shared().query("INSERT INTO " + DATABASE + ".page_events (agency_id, client_id, site_id,"
                + " at_ms, visitor, name, path, browser, os, device, width) SELECT agency_id, client_id, site_id,"
                + " at_ms + (number + 1) * 1000, visitor, name, path, browser, os, device, width FROM " + DATABASE
                + ".page_events ARRAY JOIN range(" + copies + ") AS number WHERE site_id = toUUID('"
                + UUID.fromString(siteId) + "')");
    }

    @Override
    long storedTextContaining(String siteId, List<String> probes) {
        long found = 0;
        for (String probe : probes) {
            found += Long.parseLong(StandaloneClickHouse.shared().query("SELECT count() FROM " + DATABASE
                    + ".page_events WHERE site_id = toUUID('" + UUID.fromString(siteId) + "') AND position(concat(name,"
                    + " ' ', path, ' ', referrer_host, ' ', referrer_path, ' ', utm_source, ' ', utm_medium, ' ',"
                    + " utm_campaign, ' ', browser, ' ', os, ' ', device, ' ', props), '"
                    + probe.replace("\\", "\\\\").replace("'", "\\'") + "') > 0").strip());
        }
        return found;
    }

    @Test
    void textWithTabsNewlinesBackslashesAndQuotesIsStoredAsSent() throws Exception {
        UUID id = UUID.randomUUID();
        String path = "/a\tb\nc\\d'e\"f\r\u00e9\u4e2d";
        String props = "{\"q\":\"x\\ty\\\\z\"}";
        live.server().tracking().store().append(List.of(new PageEvent(id, id, id, java.time.Instant.now(), 7,
                "pageview", path, null, null, null, null, null, "Firefox", "Linux", "Laptop", null, null, null, props)),
                List.of()).await(30, java.util.concurrent.TimeUnit.SECONDS);
        String stored = StandaloneClickHouse.shared().query("SELECT hex(path), hex(props), referrer_host, width FROM "
                + DATABASE + ".page_events WHERE site_id = toUUID('" + id + "') FORMAT TabSeparated").strip();
        assertThat(stored).isEqualTo(hex(path) + "\t" + hex(props) + "\t\t0");
    }

    private static String hex(String text) {
        return java.util.HexFormat.of().withUpperCase().formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void eventsAreInClickHouseNotPostgres() throws Exception {
        try (Connection admin = admin(); Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM page_events")) {
            rows.next();
            assertThat(rows.getLong(1)).isZero();
        }
        assertThat(StandaloneClickHouse.shared().query("SELECT engine, partition_key, sorting_key FROM system.tables"
                + " WHERE database = '" + DATABASE + "' AND name = 'page_events'"))
                .startsWith("MergeTree\t").contains("toYYYYMM(time)").contains("site_id, time");
    }
}
