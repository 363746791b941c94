package com.zoomfactor.backend.notifications;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.events.EventStore;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Each person's notifications in an agency (a mention in a comment, or an alert fired on a client they can see):
 * listed newest first, marked read one by one or all at once. A new one is also announced live on its client's
 * stream, addressed to its person.
 */
public final class Notifications {

    public static final String LIVE_KIND = com.zoomfactor.domain.live.LiveKind.NOTIFICATION.wire();
    static final int MAX_LIST = 200;

    private static final String COLUMNS = "id, person_id, client_id, kind, comment_id, alert_id, summary, created_at, read_at";
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
    private static final String LIST = "SELECT " + COLUMNS + " FROM notifications " + """
             WHERE agency_id = $1 AND person_id = $2 AND (NOT $3 OR read_at IS NULL)
             ORDER BY id DESC LIMIT $4""";
    private static final String READ_ONE = """
            UPDATE notifications SET read_at = coalesce(read_at, now())
             WHERE agency_id = $1 AND person_id = $2 AND id = $3""";
    private static final String READ_ALL = """
            UPDATE notifications SET read_at = now() WHERE agency_id = $1 AND person_id = $2 AND read_at IS NULL""";

    /** {@code kind} is {@code mention} (with its {@code commentId}) or {@code alert} (with its {@code alertId}). */
    public record Notification(long id, UUID personId, UUID clientId, String kind, UUID commentId, UUID alertId,
                               String summary, OffsetDateTime createdAt, OffsetDateTime readAt) {
    }

    private final Tenancy tenancy;

    public Notifications(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /** Notifies the mentioned people (never the author) inside the caller's transaction, and announces each. */
    public static Future<Void> mentioned(SqlConnection sql, Caller.Person author, String authorName, UUID clientId,
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
    public static Future<Void> alerted(SqlConnection sql, UUID agencyId, UUID clientId, UUID alertId, String summary) {
        String text = summary.length() > 1000 ? summary.substring(0, 999) + "…" : summary;
        return sql.preparedQuery(INSERT_ALERT).execute(Tuple.of(agencyId, clientId, alertId, text))
                .compose(rows -> announce(sql, agencyId, clientId, rows));
    }

    private static Future<Void> announce(SqlConnection sql, UUID agencyId, UUID clientId, Iterable<Row> rows) {
        Future<?> chain = Future.succeededFuture();
        for (Row row : rows) {
            Notification notification = notification(row);
            chain = chain.compose(done -> EventStore.record(sql, agencyId, clientId, LIVE_KIND,
                    JsonResponses.toJsonObject(notification)));
        }
        return chain.mapEmpty();
    }

    /** GET /api/notifications[?unread=true] — the caller's, in this agency, newest first (at most 200). */
    public void list(RoutingContext ctx) {
        Caller.Person person = Caller.person(ctx);
        boolean unread = QueryParams.flag(ctx, "unread");
        tenancy.inAgency(person.agencyId(), sql -> sql.preparedQuery(LIST)
                        .execute(Tuple.of(person.agencyId(), person.personId(), unread, MAX_LIST)))
                .map(rows -> {
                    List<Notification> list = new ArrayList<>();
                    rows.forEach(row -> list.add(notification(row)));
                    return list;
                })
                .onSuccess(list -> JsonResponses.send(ctx, 200, list))
                .onFailure(ctx::fail);
    }

    /** POST /api/notifications/{notificationId}/read */
    public void markRead(RoutingContext ctx) {
        Caller.Person person = Caller.person(ctx);
        long id = PathParams.number(ctx, "notificationId", "notification");
        tenancy.inAgency(person.agencyId(), sql -> sql.preparedQuery(READ_ONE)
                        .execute(Tuple.of(person.agencyId(), person.personId(), id)))
                .onSuccess(rows -> {
                    if (rows.rowCount() == 0) {
                        ctx.fail(ApiException.notFound("No such notification"));
                    } else {
                        ctx.response().setStatusCode(204).end();
                    }
                })
                .onFailure(ctx::fail);
    }

    /** POST /api/notifications/read-all */
    public void markAllRead(RoutingContext ctx) {
        Caller.Person person = Caller.person(ctx);
        tenancy.inAgency(person.agencyId(), sql -> sql.preparedQuery(READ_ALL)
                        .execute(Tuple.of(person.agencyId(), person.personId())))
                .onSuccess(rows -> JsonResponses.send(ctx, 200, java.util.Map.of("marked", rows.rowCount())))
                .onFailure(ctx::fail);
    }

    private static Notification notification(Row row) {
        return new Notification(row.getLong("id"), row.getUUID("person_id"), row.getUUID("client_id"),
                row.getString("kind"), row.getUUID("comment_id"), row.getUUID("alert_id"), row.getString("summary"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("read_at"));
    }
}
