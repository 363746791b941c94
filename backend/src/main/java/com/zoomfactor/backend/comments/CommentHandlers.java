package com.zoomfactor.backend.comments;

import com.zoomfactor.backend.scope.ClientCheckStore;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.events.EventStore;
import com.zoomfactor.backend.notifications.Notifications;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Comments on a client: threads pinned to the client, a metric, a metric on a day, or a fired alert (its discussion);
 * replies; @mentions of members who can see the client (each gets a notification). People write them; only the author edits or deletes one.
 */
public final class CommentHandlers {

    public static final String LIVE_KIND = com.zoomfactor.domain.live.LiveKind.COMMENT.wire();
    static final String NOT_FOUND = "No such comment";
    static final int MAX_TEXT = 2_000;
    static final int MAX_MENTIONS = 20;

    private static final String COLUMNS = "c.id, c.parent_id, c.metric, c.day, c.alert_id, c.text, c.author_id, u.name AS author_name,"
            + " c.mentions, c.created_at, c.updated_at";
    private static final String FROM = " FROM comments c LEFT JOIN users u ON u.id = c.author_id";
    private static final String LIST = "SELECT " + COLUMNS + FROM + " " + """
             WHERE c.agency_id = $1 AND c.client_id = $2
               AND ($3::text IS NULL OR c.metric = $3 OR c.parent_id IS NOT NULL)
               AND ($4::date IS NULL OR c.day = $4 OR c.parent_id IS NOT NULL)
               AND ($5::uuid IS NULL OR c.alert_id = $5 OR c.parent_id IS NOT NULL)
             ORDER BY c.created_at, c.id""";
    private static final String ONE = "SELECT " + COLUMNS + FROM + " WHERE c.agency_id = $1 AND c.client_id = $2 AND c.id = $3";
    private static final String INSERT = """
            INSERT INTO comments (agency_id, client_id, parent_id, metric, day, text, author_id, mentions, alert_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id""";
    private static final String ALERT_EXISTS = "SELECT 1 FROM alerts WHERE agency_id = $1 AND client_id = $2 AND id = $3";
    private static final String UPDATE = """
            UPDATE comments SET text = $4, mentions = $5, updated_at = now()
             WHERE agency_id = $1 AND client_id = $2 AND id = $3""";
    private static final String DELETE = "DELETE FROM comments WHERE agency_id = $1 AND client_id = $2 AND id = $3";
    /** Members who can see the client: the whole team, and the client viewers of this very client. */
    private static final String MEMBERS_WHO_SEE = """
            SELECT user_id FROM memberships
             WHERE agency_id = $1 AND user_id = ANY($2) AND (client_id IS NULL OR client_id = $3)""";

    /** Whom a comment on this client may mention: names only (the member list with e-mails is the managers'). */
    private static final String MENTIONABLE = """
            SELECT u.id, u.name FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.agency_id = $1 AND (m.client_id IS NULL OR m.client_id = $2)
             ORDER BY lower(u.name), u.id""";

    public record Author(UUID id, String name) {
    }

    /** A comment; a thread's first comment carries its replies, oldest first. */
    public record Comment(UUID id, UUID clientId, UUID parentId, String metric, LocalDate date, UUID alertId, String text,
                          Author author, List<UUID> mentions, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                          List<Comment> replies) {
    }

    private final Tenancy tenancy;

    public CommentHandlers(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /** GET /api/clients/{id}/comments[?metric=&date=&alertId=] — threads, oldest first, each with its replies. */
    public void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        String metric = QueryParams.text(ctx, "metric").map(CommentHandlers::knownMetric).orElse(null);
        LocalDate date = QueryParams.date(ctx, "date").orElse(null);
        UUID alertId = QueryParams.uuid(ctx, "alertId").orElse(null);
        tenancy.inAgency(caller.agencyId(), sql -> ClientCheckStore.require(sql, caller.agencyId(), clientId)
                        .compose(exists -> sql.preparedQuery(LIST)
                                .execute(Tuple.of(caller.agencyId(), clientId, metric, date, alertId))))
                .map(rows -> {
                    Map<UUID, Comment> threads = new LinkedHashMap<>();
                    List<Comment> replies = new ArrayList<>();
                    for (Row row : rows) {
                        Comment comment = comment(row, clientId, new ArrayList<>());
                        if (comment.parentId() == null) {
                            threads.put(comment.id(), comment);
                        } else {
                            replies.add(comment);
                        }
                    }
                    // replies of threads that did not match the filter are left out with their thread
                    replies.forEach(reply -> Optional.ofNullable(threads.get(reply.parentId()))
                            .ifPresent(thread -> thread.replies().add(reply)));
                    return List.copyOf(threads.values());
                })
                .onSuccess(threads -> JsonResponses.send(ctx, 200, threads))
                .onFailure(ctx::fail);
    }

    /**
     * GET /api/clients/{id}/comments/mentionable — the members who can see this client ({id, name}), for the
     * mention picker of anyone who may comment.
     */
    public void mentionable(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        tenancy.inAgency(caller.agencyId(), sql -> ClientCheckStore.require(sql, caller.agencyId(), clientId)
                        .compose(exists -> sql.preparedQuery(MENTIONABLE).execute(Tuple.of(caller.agencyId(), clientId))))
                .map(rows -> {
                    List<Author> people = new ArrayList<>();
                    rows.forEach(row -> people.add(new Author(row.getUUID("id"), row.getString("name"))));
                    return people;
                })
                .onSuccess(people -> JsonResponses.send(ctx, 200, people))
                .onFailure(ctx::fail);
    }

    /** POST /api/clients/{id}/comments {text, metric?, date?, alertId?, parentId?, mentions?: [userId]} */
    public void create(RoutingContext ctx) {
        Caller.Person person = Caller.person(ctx);
        UUID clientId = ClientScope.visibleId(ctx, person);
        JsonBody body = JsonBody.of(ctx);
        String text = body.requiredText("text", MAX_TEXT);
        Optional<UUID> parentId = body.optionalUuid("parentId");
        String metric = body.optionalText("metric", 100).map(CommentHandlers::knownMetric).orElse(null);
        LocalDate date = body.optionalDate("date").orElse(null);
        if (date != null && metric == null) {
            throw ApiException.badRequest("date pins a comment to a metric on a day: give the metric too");
        }
        Optional<UUID> alertId = body.optionalUuid("alertId");
        if (parentId.isPresent() && (metric != null || date != null || alertId.isPresent())) {
            throw ApiException.badRequest("a reply belongs to its thread: give no metric, date or alertId");
        }
        if (alertId.isPresent() && metric != null) {
            throw ApiException.badRequest("alertId pins a thread to an alert: give no metric or date");
        }
        Set<UUID> mentions = mentions(body);
        UUID agencyId = person.agencyId();
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        .compose(exists -> checkMentions(sql, agencyId, clientId, mentions))
                        .compose(checked -> alertId.isEmpty() ? Future.succeededFuture() : sql.preparedQuery(ALERT_EXISTS)
                                .execute(Tuple.of(agencyId, clientId, alertId.get())).map(rows -> {
                                    if (rows.size() == 0) {
                                        throw ApiException.badRequest("alertId: no such alert of this client");
                                    }
                                    return null;
                                }))
                        .compose(checked -> parentId.isEmpty() ? Future.succeededFuture((UUID) null)
                                // a reply to a reply joins the thread of its parent
                                : one(sql, agencyId, clientId, parentId.get(), "parentId: no such comment of this client")
                                        .map(parent -> parent.parentId() != null ? parent.parentId() : parent.id()))
                        .compose(thread -> sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {agencyId, clientId,
                                thread, metric, date, text, person.personId(), mentions.toArray(UUID[]::new),
                                alertId.orElse(null)})))
                        .compose(rows -> one(sql, agencyId, clientId, rows.iterator().next().getUUID("id"), NOT_FOUND))
                        .compose(created -> announce(sql, person, created, "created")
                                .compose(done -> Notifications.mentioned(sql, person, authorName(created), clientId, created.id(), mentions,
                                        created.text()))
                                .compose(done -> ActivityStore.record(sql, person, clientId, "comment.created",
                                        (created.parentId() == null ? "commented: " : "replied: ") + created.text()))
                                .map(created)))
                .onSuccess(created -> JsonResponses.send(ctx, 201, created))
                .onFailure(ctx::fail);
    }

    /** PATCH /api/clients/{id}/comments/{commentId} {text, mentions?} — the author only. */
    public void update(RoutingContext ctx) {
        Caller.Person person = Caller.person(ctx);
        UUID clientId = ClientScope.visibleId(ctx, person);
        UUID id = PathParams.uuid(ctx, "commentId", "comment");
        JsonBody body = JsonBody.of(ctx);
        String text = body.requiredText("text", MAX_TEXT);
        Set<UUID> mentions = mentions(body);
        UUID agencyId = person.agencyId();
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        .compose(exists -> authored(sql, person, clientId, id))
                        .compose(current -> checkMentions(sql, agencyId, clientId, mentions).compose(checked ->
                                sql.preparedQuery(UPDATE).execute(Tuple.of(agencyId, clientId, id, text,
                                        mentions.toArray(UUID[]::new))))
                                .compose(updated -> one(sql, agencyId, clientId, id, NOT_FOUND))
                                .compose(updated -> {
                                    // only people newly mentioned hear of it again
                                    Set<UUID> added = new LinkedHashSet<>(mentions);
                                    added.removeAll(current.mentions());
                                    return announce(sql, person, updated, "updated")
                                            .compose(done -> Notifications.mentioned(sql, person, authorName(updated), clientId, id, added,
                                                    updated.text()))
                                            .map(updated);
                                })))
                .onSuccess(updated -> JsonResponses.send(ctx, 200, updated))
                .onFailure(ctx::fail);
    }

    /** DELETE /api/clients/{id}/comments/{commentId} — the author only; a thread's first comment takes its replies. */
    public void delete(RoutingContext ctx) {
        Caller.Person person = Caller.person(ctx);
        UUID clientId = ClientScope.visibleId(ctx, person);
        UUID id = PathParams.uuid(ctx, "commentId", "comment");
        UUID agencyId = person.agencyId();
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        .compose(exists -> authored(sql, person, clientId, id))
                        .compose(current -> sql.preparedQuery(DELETE).execute(Tuple.of(agencyId, clientId, id))
                                .compose(deleted -> EventStore.record(sql, agencyId, clientId, LIVE_KIND, new JsonObject()
                                        .put("action", "deleted").put("id", id.toString())))
                                .compose(seq -> ActivityStore.record(sql, person, clientId, "comment.deleted",
                                        "deleted a comment: " + current.text()))))
                .onSuccess(done -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private static Future<Comment> authored(SqlConnection sql, Caller.Person person, UUID clientId, UUID id) {
        return one(sql, person.agencyId(), clientId, id, NOT_FOUND).map(comment -> {
            if (comment.author() == null || !comment.author().id().equals(person.personId())) {
                throw new ApiException(403, "Only the author may change or delete a comment");
            }
            return comment;
        });
    }

    private static Future<Void> announce(SqlConnection sql, Caller caller, Comment comment, String action) {
        return EventStore.record(sql, caller.agencyId(), comment.clientId(), LIVE_KIND, new JsonObject()
                .put("action", action).put("comment", JsonResponses.toJsonObject(comment))).mapEmpty();
    }

    private static Future<Void> checkMentions(SqlConnection sql, UUID agencyId, UUID clientId, Set<UUID> mentions) {
        if (mentions.isEmpty()) {
            return Future.succeededFuture();
        }
        return sql.preparedQuery(MEMBERS_WHO_SEE)
                .execute(Tuple.of(agencyId, mentions.toArray(UUID[]::new), clientId)).map(rows -> {
                    Set<UUID> members = new LinkedHashSet<>();
                    rows.forEach(row -> members.add(row.getUUID("user_id")));
                    for (UUID mentioned : mentions) {
                        if (!members.contains(mentioned)) {
                            throw ApiException.badRequest("mentions: " + mentioned
                                    + " is not a member of this agency who can see this client");
                        }
                    }
                    return null;
                });
    }

    private static Set<UUID> mentions(JsonBody body) {
        return body.optionalUuids("mentions", MAX_MENTIONS);
    }

    private static String authorName(Comment comment) {
        return comment.author() == null ? "Someone" : comment.author().name();
    }

    private static String knownMetric(String key) {
        return MetricCatalogue.find(key).orElseThrow(() -> ApiException.badRequest("metric: unknown metric '" + key
                + "'; GET /api/metrics lists them")).key();
    }

    private static Future<Comment> one(SqlConnection sql, UUID agencyId, UUID clientId, UUID id, String notFound) {
        return sql.preparedQuery(ONE).execute(Tuple.of(agencyId, clientId, id)).map(rows -> {
            if (rows.size() == 0) {
                throw notFound.equals(NOT_FOUND) ? ApiException.notFound(notFound) : ApiException.badRequest(notFound);
            }
            return comment(rows.iterator().next(), clientId, List.of());
        });
    }

    private static Comment comment(Row row, UUID clientId, List<Comment> replies) {
        UUID author = row.getUUID("author_id");
        return new Comment(row.getUUID("id"), clientId, row.getUUID("parent_id"), row.getString("metric"),
                row.getLocalDate("day"), row.getUUID("alert_id"), row.getString("text"),
                author == null ? null : new Author(author, row.getString("author_name")),
                List.of(row.getArrayOfUUIDs("mentions")), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"), replies);
    }
}
