package com.zoomfactor.backend.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The catch-up scan across agencies ({@code stream_backlog}): which clients a consumer is behind on, and for which
 * kinds. Events are written straight into the outbox, without a NOTIFY, so that no consumer hears of them.
 */
class StreamBacklogTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final String[] SCORE_KINDS = {"observations", "posts"};

    private static Connection admin() throws Exception {
        var db = live.server().database();
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    /** Appends an event of this kind to the client's stream, in its agency's transaction; returns its seq. */
    private static long append(UUID agency, UUID client, String kind) throws Exception {
        try (Connection sql = admin()) {
            sql.setAutoCommit(false);
            try (PreparedStatement set = sql.prepareStatement("SELECT set_config('zf.agency_id', ?, true)")) {
                set.setString(1, agency.toString());
                set.execute();
            }
            long seq;
            try (PreparedStatement next = sql.prepareStatement("INSERT INTO live_sequences AS s (agency_id, client_id, seq)"
                    + " VALUES (?, ?, 1) ON CONFLICT (agency_id, client_id) DO UPDATE SET seq = s.seq + 1 RETURNING seq")) {
                next.setObject(1, agency);
                next.setObject(2, client);
                ResultSet rows = next.executeQuery();
                rows.next();
                seq = rows.getLong(1);
            }
            try (PreparedStatement event = sql.prepareStatement("INSERT INTO live_events (agency_id, client_id, seq, kind, data)"
                    + " VALUES (?, ?, ?, ?, '{}')")) {
                event.setObject(1, agency);
                event.setObject(2, client);
                event.setLong(3, seq);
                event.setString(4, kind);
                event.execute();
            }
            sql.commit();
            return seq;
        }
    }

    private static void execute(UUID agency, String statement, Object... parameters) throws Exception {
        try (Connection sql = admin()) {
            sql.setAutoCommit(false);
            try (PreparedStatement set = sql.prepareStatement("SELECT set_config('zf.agency_id', ?, true)")) {
                set.setString(1, agency.toString());
                set.execute();
            }
            try (PreparedStatement run = sql.prepareStatement(statement)) {
                for (int i = 0; i < parameters.length; i++) {
                    run.setObject(i + 1, parameters[i]);
                }
                run.execute();
            }
            sql.commit();
        }
    }

    /** The backlog as the server's own role reads it, outside any agency: client → kinds. */
    private static Map<UUID, Set<String>> backlog(String consumer, String... kinds) throws Exception {
        Map<UUID, Set<String>> behind = new HashMap<>();
        for (Row row : live.server().pool()
                .withTransaction(sql -> sql.preparedQuery("SELECT client_id, kinds FROM stream_backlog($1, $2::text[])")
                        .execute(Tuple.of(consumer).addArrayOfString(kinds)))
                .await(10, TimeUnit.SECONDS)) {
            behind.put(row.getUUID("client_id"), new TreeSet<>(Arrays.asList(row.getArrayOfStrings("kinds"))));
        }
        return behind;
    }

    @Test
    void theBacklogListsClientsOfEveryAgencyWithAWantedEventPastThePositionAndNothingElse() throws Exception {
        Session first = live.accounts().signUp("Backlog One");
        Session second = live.accounts().signUp("Backlog Two");
        UUID quiet = live.accounts().createClient(first, "Only comments");
        UUID fed = live.accounts().createClient(second, "Fed");
        UUID done = live.accounts().createClient(first, "Done");
        UUID pruned = live.accounts().createClient(second, "Pruned");
        append(first.agencyId(), quiet, "comment");
        append(second.agencyId(), fed, "comment");
        append(second.agencyId(), fed, "observations");
        long latest = append(first.agencyId(), done, "posts");
        execute(first.agencyId(), "INSERT INTO stream_positions (consumer, agency_id, client_id, seq) VALUES ('score', ?, ?, ?)",
                first.agencyId(), done, latest);
        long afterPosition = append(second.agencyId(), pruned, "comment");
        append(second.agencyId(), pruned, "comment");
        execute(second.agencyId(), "INSERT INTO stream_positions (consumer, agency_id, client_id, seq) VALUES ('score', ?, ?, ?)",
                second.agencyId(), pruned, afterPosition - 1);
        execute(second.agencyId(), "DELETE FROM live_events WHERE client_id = ? AND seq = ?", pruned, afterPosition);

        Map<UUID, Set<String>> behind = backlog("score", SCORE_KINDS);

        assertThat(behind).as("other kinds only: nothing to do").doesNotContainKey(quiet);
        assertThat(behind.get(fed)).as("across agencies, with the kinds that came").containsExactly("observations");
        assertThat(behind).as("at its position: nothing to do").doesNotContainKey(done);
        assertThat(behind.get(pruned)).as("what came after the position was pruned: every wanted kind")
                .containsExactly("observations", "posts");
        assertThat(backlog("alerts", "observations", "score")).as("positions are per consumer")
                .containsKeys(fed).doesNotContainKeys(quiet);
    }

    @Test
    void theServersRoleStillReadsNoOutboxRowOutsideAnAgency() throws Exception {
        long seen = live.server().pool()
                .withTransaction(sql -> sql.query("SELECT (SELECT count(*) FROM live_sequences) + (SELECT count(*)"
                        + " FROM live_events) + (SELECT count(*) FROM stream_positions) AS seen").execute())
                .await(10, TimeUnit.SECONDS)
                .iterator().next().getLong("seen");
        assertThat(seen).isZero();
    }
}
