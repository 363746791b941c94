package com.zoomfactor.backend.notifications;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.events.EventStore;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.domain.live.LiveKind;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Each person's notifications in an agency (SQL and row mapping): written inside the transaction of what they tell of
 * (a mention in a comment, an alert fired on a client they can see), each announced live on its client's stream,
 * addressed to its person; read and marked read by their person.
 */
public final class NotificationStore {

    private static final String COLUMNS = "id, person_id, client_id, kind, comment_id, alert_id, goal_id, summary, created_at,"
            + " read_at";
    private static final String INSERT = """
            INSERT INTO notifications (agency_id, person_id, client_id, kind, comment_id, summary)
            SELECT $1, p, $2, 'mention', $3, $4 FROM unnest($5::uuid[]) AS p
            """ + "RETURNING " + COLUMNS;
    /** Everyone of the agency who can see the client: the whole team, and the client viewers of this very client. */
    private static final String INSERT_ALERT = """
            INSERT INTO notifications (agency_id, person_id, client_id, kind, alert_id, summary)
            SELECT $1, user_id, $2, 'alert', $3, $4 FROM memberships
             WHERE agency_id = $1 AND (client_id IS NULL OR client_id = $2)
            """ + "RETURNING " + COLUMNS;
    /** Everyone of the agency who can see the client, of a goal reached. */
    private static final String INSERT_GOAL = """
            INSERT INTO notifications (agency_id, person_id, client_id, kind, goal_id, summary)
            SELECT $1, user_id, $2, 'goal', $3, $4 FROM memberships
             WHERE agency_id = $1 AND (client_id IS NULL OR client_id = $2)
            """ + "RETURNING " + COLUMNS;
    /**
     * Who hears of a topic about a client, and how they chose to: these people ($4, or when NULL everyone who can see
     * the client), with their address and name.
     */
    private static final String RECIPIENTS = """
            SELECT m.user_id, u.email, u.name, delivery_of($1, m.user_id, $3) AS delivery
              FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.agency_id = $1 AND (m.client_id IS NULL OR m.client_id = $2)
               AND ($4::uuid[] IS NULL OR m.user_id = ANY($4::uuid[]))
             ORDER BY m.user_id""";
    private static final String CLIENT_NAME = "SELECT name FROM clients WHERE agency_id = $1 AND id = $2";
    private static final String LIST = "SELECT " + COLUMNS + " FROM notifications " + """
             WHERE agency_id = $1 AND person_id = $2 AND (NOT $3 OR read_at IS NULL)
             ORDER BY id DESC LIMIT $4""";
    private static final String READ_ONE = """
            UPDATE notifications SET read_at = coalesce(read_at, now())
             WHERE agency_id = $1 AND person_id = $2 AND id = $3""";
    private static final String READ_ALL = """
            UPDATE notifications SET read_at = now() WHERE agency_id = $1 AND person_id = $2 AND read_at IS NULL""";

    private NotificationStore() {
    }

    /** A person who hears of something: how to reach them, and the delivery they chose for its topic. */
    record Recipient(UUID personId, String email, String name, String delivery) {
    }

    /** Notifies the mentioned people (never the author) inside the caller's transaction, and announces each. */
    static Future<Void> mentioned(SqlConnection sql, Caller.Person author, String authorName, UUID clientId,
                                  UUID commentId, Set<UUID> mentioned, String text) {
        UUID[] people = mentioned.stream().filter(p -> !p.equals(author.personId())).toArray(UUID[]::new);
        if (people.length == 0) {
            return Future.succeededFuture();
        }
        String summary = authorName + " mentioned you: " + (text.length() > 800 ? text.substring(0, 799) + "…" : text);
        return sql.preparedQuery(INSERT).execute(Tuple.of(author.agencyId(), clientId, commentId, summary, people))
                .compose(rows -> announce(sql, author.agencyId(), clientId, rows));
    }

    /** Notifies everyone who can see the client of a fired alert, inside the caller's transaction, and announces each. */
    static Future<Void> alerted(SqlConnection sql, UUID agencyId, UUID clientId, UUID alertId, String summary) {
        String text = summary.length() > 1000 ? summary.substring(0, 999) + "…" : summary;
        return sql.preparedQuery(INSERT_ALERT).execute(Tuple.of(agencyId, clientId, alertId, text))
                .compose(rows -> announce(sql, agencyId, clientId, rows));
    }

    private static Future<Void> announce(SqlConnection sql, UUID agencyId, UUID clientId, Iterable<Row> rows) {
        Future<?> chain = Future.succeededFuture();
        for (Row row : rows) {
            Notification notification = notification(row);
            chain = chain.compose(done -> EventStore.record(sql, agencyId, clientId, LiveKind.NOTIFICATION,
                    JsonResponses.toJsonObject(notification)));
        }
        return chain.mapEmpty();
    }

    /** Notifies everyone who can see the client that a goal was reached, inside the caller's transaction. */
    static Future<Void> goalReached(SqlConnection sql, UUID agencyId, UUID clientId, UUID goalId, String summary) {
        String text = summary.length() > 1000 ? summary.substring(0, 999) + "…" : summary;
        return sql.preparedQuery(INSERT_GOAL).execute(Tuple.of(agencyId, clientId, goalId, text))
                .compose(rows -> announce(sql, agencyId, clientId, rows));
    }

    /** Who hears of {@code topic} about the client: {@code people} only, or everyone who can see it when null. */
    static Future<List<Recipient>> recipients(SqlConnection sql, UUID agencyId, UUID clientId, String topic,
                                              UUID[] people) {
        return sql.preparedQuery(RECIPIENTS).execute(Tuple.of(agencyId, clientId, topic, people)).map(rows -> {
            List<Recipient> list = new ArrayList<>();
            rows.forEach(row -> list.add(new Recipient(row.getUUID("user_id"), row.getString("email"),
                    row.getString("name"), row.getString("delivery"))));
            return list;
        });
    }

    static Future<String> clientName(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(CLIENT_NAME).execute(Tuple.of(agencyId, clientId))
                .map(rows -> rows.size() == 0 ? "a client" : rows.iterator().next().getString("name"));
    }

    /** The person's notifications in the agency (only the unread ones when asked), newest first, at most {@code limit}. */
    static Future<List<Notification>> list(SqlConnection sql, UUID agencyId, UUID personId, boolean unread, int limit) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, personId, unread, limit)).map(rows -> {
            List<Notification> list = new ArrayList<>();
            rows.forEach(row -> list.add(notification(row)));
            return list;
        });
    }

    /** Marks the person's notification read (once: the first reading counts); false when they have no such one. */
    static Future<Boolean> markRead(SqlConnection sql, UUID agencyId, UUID personId, long id) {
        return sql.preparedQuery(READ_ONE).execute(Tuple.of(agencyId, personId, id)).map(rows -> rows.rowCount() > 0);
    }

    /** Marks all the person's unread notifications read and answers how many. */
    static Future<Integer> markAllRead(SqlConnection sql, UUID agencyId, UUID personId) {
        return sql.preparedQuery(READ_ALL).execute(Tuple.of(agencyId, personId)).map(rows -> rows.rowCount());
    }

    private static Notification notification(Row row) {
        return new Notification(row.getLong("id"), row.getUUID("person_id"), row.getUUID("client_id"),
                row.getString("kind"), row.getUUID("comment_id"), row.getUUID("alert_id"), row.getUUID("goal_id"),
                row.getString("summary"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("read_at"));
    }
}
