package com.zoomfactor.backend.comments;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.events.EventStore;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.notifications.Notifier;
import com.zoomfactor.backend.scope.RequestScope;
import com.zoomfactor.domain.live.LiveKind;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Comments on a client: threads pinned to the client, a metric, a metric on a day, or a fired alert (its discussion);
 * replies; @mentions of members who can see the client (each gets a notification). People write them; only the author edits or deletes one.
 */
public final class CommentHandlers {

    static final int MAX_TEXT = 2_000;
    static final int MAX_MENTIONS = 20;

    private final RequestScope scope;
    private final Notifier notifier;

    public CommentHandlers(Tenancy tenancy, Notifier notifier) {
        this.scope = new RequestScope(tenancy);
        this.notifier = notifier;
    }

    /** GET /api/clients/{id}/comments[?metric=&date=&alertId=] — threads, oldest first, each with its replies. */
    public void list(RoutingContext ctx) {
        String metric = QueryParams.text(ctx, "metric").map(CommentHandlers::knownMetric).orElse(null);
        LocalDate date = QueryParams.date(ctx, "date").orElse(null);
        UUID alertId = QueryParams.uuid(ctx, "alertId").orElse(null);
        scope.inClient(ctx, (caller, clientId, sql) -> CommentStore.threads(sql, caller.agencyId(), clientId, metric,
                date, alertId)).ok();
    }

    /**
     * GET /api/clients/{id}/comments/mentionable — the members who can see this client ({id, name}), for the
     * mention picker of anyone who may comment.
     */
    public void mentionable(RoutingContext ctx) {
        scope.inClient(ctx, (caller, clientId, sql) -> CommentStore.mentionable(sql, caller.agencyId(), clientId)).ok();
    }

    /** POST /api/clients/{id}/comments {text, metric?, date?, alertId?, parentId?, mentions?: [userId]} */
    public void create(RoutingContext ctx) {
        Caller.Person person = Caller.person(ctx);
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
        scope.inClient(ctx, (caller, clientId, sql) -> checkMentions(sql, agencyId, clientId, mentions)
                .compose(checked -> alertId.isEmpty() ? Future.succeededFuture()
                        : CommentStore.alertExists(sql, agencyId, clientId, alertId.get()).map(exists -> {
                            if (!exists) {
                                throw ApiException.badRequest("alertId: no such alert of this client");
                            }
                            return null;
                        }))
                .compose(checked -> parentId.isEmpty() ? Future.succeededFuture((UUID) null)
                        // a reply to a reply joins the thread of its parent
                        : CommentStore.one(sql, agencyId, clientId, parentId.get(), "parentId: no such comment of this client")
                                .map(parent -> parent.parentId() != null ? parent.parentId() : parent.id()))
                .compose(thread -> CommentStore.insert(sql, agencyId, clientId, thread, metric, date, text,
                        person.personId(), mentions, alertId.orElse(null)))
                .compose(created -> announce(sql, person, created, "created")
                        .compose(done -> notifier.mentioned(sql, person, authorName(created), clientId, created.id(), mentions,
                                created.text()))
                        .compose(done -> ActivityStore.record(sql, person, clientId, "comment.created",
                                (created.parentId() == null ? "commented: " : "replied: ") + created.text()))
                        .map(created)))
                .created();
    }

    /** PATCH /api/clients/{id}/comments/{commentId} {text, mentions?} — the author only. */
    public void update(RoutingContext ctx) {
        Caller.Person person = Caller.person(ctx);
        UUID id = PathParams.uuid(ctx, "commentId", "comment");
        JsonBody body = JsonBody.of(ctx);
        String text = body.requiredText("text", MAX_TEXT);
        Set<UUID> mentions = mentions(body);
        UUID agencyId = person.agencyId();
        scope.inClient(ctx, (caller, clientId, sql) -> authored(sql, person, clientId, id)
                .compose(current -> checkMentions(sql, agencyId, clientId, mentions)
                        .compose(checked -> CommentStore.update(sql, agencyId, clientId, id, text, mentions))
                        .compose(updated -> {
                            // only people newly mentioned hear of it again
                            Set<UUID> added = new LinkedHashSet<>(mentions);
                            added.removeAll(current.mentions());
                            return announce(sql, person, updated, "updated")
                                    .compose(done -> notifier.mentioned(sql, person, authorName(updated), clientId, id, added,
                                            updated.text()))
                                    .map(updated);
                        })))
                .ok();
    }

    /** DELETE /api/clients/{id}/comments/{commentId} — the author only; a thread's first comment takes its replies. */
    public void delete(RoutingContext ctx) {
        Caller.Person person = Caller.person(ctx);
        UUID id = PathParams.uuid(ctx, "commentId", "comment");
        scope.inClient(ctx, (caller, clientId, sql) -> authored(sql, person, clientId, id)
                .compose(current -> CommentStore.delete(sql, person.agencyId(), clientId, id)
                        .compose(deleted -> ActivityStore.recordChange(sql, person, clientId, LiveKind.COMMENT,
                                new JsonObject().put("action", "deleted").put("id", id.toString()), "comment.deleted",
                                "deleted a comment: " + current.text()))))
                .noContent();
    }

    private static Future<Comment> authored(SqlConnection sql, Caller.Person person, UUID clientId, UUID id) {
        return CommentStore.one(sql, person.agencyId(), clientId, id, CommentStore.NOT_FOUND).map(comment -> {
            if (comment.author() == null || !comment.author().id().equals(person.personId())) {
                throw new ApiException(403, "Only the author may change or delete a comment");
            }
            return comment;
        });
    }

    /**
     * The comment's live event alone: a new comment's activity entry follows its mentions' notifications, an edit
     * has none.
     */
    private static Future<Void> announce(SqlConnection sql, Caller caller, Comment comment, String action) {
        return EventStore.record(sql, caller.agencyId(), comment.clientId(), LiveKind.COMMENT, new JsonObject()
                .put("action", action).put("comment", JsonResponses.toJsonObject(comment))).mapEmpty();
    }

    private static Future<Void> checkMentions(SqlConnection sql, UUID agencyId, UUID clientId, Set<UUID> mentions) {
        if (mentions.isEmpty()) {
            return Future.succeededFuture();
        }
        return CommentStore.membersWhoSee(sql, agencyId, clientId, mentions).map(members -> {
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
}
