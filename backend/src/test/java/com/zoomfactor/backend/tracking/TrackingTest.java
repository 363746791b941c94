package com.zoomfactor.backend.tracking;

import com.zoomfactor.backend.testing.LiveServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tracker end to end with its page events in PostgreSQL (the default store). */
class TrackingTest extends TrackingContract {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    @Override
    LiveServer live() {
        return live;
    }

    @Override
    long storedEvents(String siteId, String path) throws Exception {
        return count("SELECT count(*) FROM page_events WHERE site_id = ? AND path = ?", siteId, path);
    }

    @Override
    void copyTheEvent(String siteId, int copies) throws Exception {
        try (Connection admin = admin(); PreparedStatement statement = admin.prepareStatement("INSERT INTO page_events"
                + " (agency_id, client_id, site_id, at, visitor, name, path, browser, os, device, width)"
                + " SELECT agency_id, client_id, site_id, at + n * interval '1 second', visitor, name, path, browser, os,"
                + " device, width FROM page_events, generate_series(1, ?) AS n WHERE site_id = ?")) {
            statement.setInt(1, copies);
            statement.setObject(2, UUID.fromString(siteId));
            statement.executeUpdate();
        }
    }

    @Override
    long storedTextContaining(String siteId, List<String> probes) throws Exception {
        long found = 0;
        for (String probe : probes) {
            found += count("SELECT count(*) FROM page_events WHERE site_id = ? AND strpos(concat_ws(' ', name, path,"
                    + " referrer_host, referrer_path, utm_source, utm_medium, utm_campaign, browser, os, device,"
                    + " props::text), ?) > 0", siteId, probe);
        }
        return found;
    }

    private long count(String query, String siteId, String text) throws Exception {
        try (Connection admin = admin(); PreparedStatement statement = admin.prepareStatement(query)) {
            statement.setObject(1, UUID.fromString(siteId));
            statement.setString(2, text);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
