package com.zoomfactor.backend.comments;

import com.zoomfactor.backend.comments.Comment.Author;
import com.zoomfactor.backend.http.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The comments on clients (SQL and row mapping), and who of the agency may be mentioned in them. */
public final class CommentStore {

    static final String NOT_FOUND = "No such comment";

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

    private CommentStore() {
    }

    /** The client's threads matching the filters (each null for any), oldest first, each with its replies. */
    static Future<List<Comment>> threads(SqlConnection sql, UUID agencyId, UUID clientId, String metric,
                                         LocalDate date, UUID alertId) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId, metric, date, alertId)).map(rows -> {
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
        });
    }

    /** The members who can see the client, by name. */
    static Future<List<Author>> mentionable(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(MENTIONABLE).execute(Tuple.of(agencyId, clientId)).map(rows -> {
            List<Author> people = new ArrayList<>();
            rows.forEach(row -> people.add(new Author(row.getUUID("id"), row.getString("name"))));
            return people;
        });
    }

    /** Of these people, the members of the agency who can see the client. */
    static Future<Set<UUID>> membersWhoSee(SqlConnection sql, UUID agencyId, UUID clientId, Set<UUID> people) {
        return sql.preparedQuery(MEMBERS_WHO_SEE).execute(Tuple.of(agencyId, people.toArray(UUID[]::new), clientId))
                .map(rows -> {
                    Set<UUID> members = new LinkedHashSet<>();
                    rows.forEach(row -> members.add(row.getUUID("user_id")));
                    return members;
                });
    }

    /** Whether the client has this alert. */
    static Future<Boolean> alertExists(SqlConnection sql, UUID agencyId, UUID clientId, UUID alertId) {
        return sql.preparedQuery(ALERT_EXISTS).execute(Tuple.of(agencyId, clientId, alertId))
                .map(rows -> rows.size() > 0);
    }

    /**
     * The comment, without its replies; when there is none, 404 with {@link #NOT_FOUND}, or 400 with
     * {@code notFound} when another message is given (the comment was named in the body).
     */
    static Future<Comment> one(SqlConnection sql, UUID agencyId, UUID clientId, UUID id, String notFound) {
        return sql.preparedQuery(ONE).execute(Tuple.of(agencyId, clientId, id)).map(rows -> {
            if (rows.size() == 0) {
                throw notFound.equals(NOT_FOUND) ? ApiException.notFound(notFound) : ApiException.badRequest(notFound);
            }
            return comment(rows.iterator().next(), clientId, List.of());
        });
    }

    /** Stores a new comment ({@code thread}: the thread it replies to, or null) and answers it as read back. */
    public static Future<Comment> insert(SqlConnection sql, UUID agencyId, UUID clientId, UUID thread, String metric,
                                         LocalDate date, String text, UUID authorId, Set<UUID> mentions, UUID alertId) {
        return sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {agencyId, clientId, thread, metric, date,
                        text, authorId, mentions.toArray(UUID[]::new), alertId}))
                .compose(rows -> one(sql, agencyId, clientId, rows.iterator().next().getUUID("id"), NOT_FOUND));
    }

    /** Rewrites the comment's text and mentions and answers it as read back. */
    static Future<Comment> update(SqlConnection sql, UUID agencyId, UUID clientId, UUID id, String text,
                                  Set<UUID> mentions) {
        return sql.preparedQuery(UPDATE).execute(Tuple.of(agencyId, clientId, id, text, mentions.toArray(UUID[]::new)))
                .compose(updated -> one(sql, agencyId, clientId, id, NOT_FOUND));
    }

    static Future<Void> delete(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(DELETE).execute(Tuple.of(agencyId, clientId, id)).mapEmpty();
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
