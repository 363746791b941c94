package com.zoomfactor.backend.annotations;

import com.zoomfactor.backend.http.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The annotations of clients' timelines (SQL and row mapping), and the scores their impact compares. */
public final class AnnotationStore {

    static final String NOT_FOUND = "No such annotation";

    private static final String COLUMNS = "a.id, a.day, a.text, a.metric, a.visibility, a.created_by, u.name AS created_by_name,"
            + " a.created_at, a.updated_at";
    private static final String FROM = " FROM annotations a LEFT JOIN users u ON u.id = a.created_by";
    private static final String LIST = "SELECT " + COLUMNS + FROM
            + " WHERE a.agency_id = $1 AND a.client_id = $2 AND a.day BETWEEN $3 AND $4 ORDER BY a.day, a.created_at";
    private static final String ONE = "SELECT " + COLUMNS + FROM
            + " WHERE a.agency_id = $1 AND a.client_id = $2 AND a.id = $3";
    private static final String INSERT = """
            INSERT INTO annotations (agency_id, client_id, day, text, metric, created_by, visibility)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""";
    private static final String UPDATE = """
            UPDATE annotations SET day = $4, text = $5, metric = $6, visibility = $7, updated_at = now()
             WHERE agency_id = $1 AND client_id = $2 AND id = $3""";
    private static final String DELETE = "DELETE FROM annotations WHERE agency_id = $1 AND client_id = $2 AND id = $3"
            + " RETURNING day, text";
    /** The last recorded score of a range of days (by the day it is for). */
    private static final String SCORE_IN = """
            SELECT score FROM score_snapshots
             WHERE agency_id = $1 AND client_id = $2 AND as_of BETWEEN $3 AND $4
             ORDER BY as_of DESC, computed_at DESC, id DESC LIMIT 1""";

    /** What a deleted annotation said, for the activity feed. */
    record Deleted(LocalDate day, String text) {
    }

    private AnnotationStore() {
    }

    /** The client's annotations on the days from..to, by day, inside the caller's transaction. */
    public static Future<List<Annotation>> between(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate from,
                                                   LocalDate to) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId, from, to)).map(rows -> {
            List<Annotation> annotations = new ArrayList<>();
            rows.forEach(row -> annotations.add(annotation(row, clientId)));
            return annotations;
        });
    }

    /** The annotation, or 404. */
    static Future<Annotation> one(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(ONE).execute(Tuple.of(agencyId, clientId, id)).map(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound(NOT_FOUND);
            }
            return annotation(rows.iterator().next(), clientId);
        });
    }

    /** Stores a new annotation and answers it as read back. */
    public static Future<Annotation> insert(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate day, String text,
                                            String metric, String visibility, UUID createdBy) {
        return sql.preparedQuery(INSERT).execute(Tuple.of(agencyId, clientId, day, text, metric, createdBy,
                        visibility))
                .compose(rows -> one(sql, agencyId, clientId, rows.iterator().next().getUUID("id")));
    }

    /** Rewrites the annotation and answers it as read back. */
    static Future<Annotation> update(SqlConnection sql, UUID agencyId, UUID clientId, UUID id, LocalDate day,
                                     String text, String metric, String visibility) {
        return sql.preparedQuery(UPDATE).execute(Tuple.of(agencyId, clientId, id, day, text, metric, visibility))
                .compose(updated -> one(sql, agencyId, clientId, id));
    }

    /** Deletes the annotation and answers what it said, or 404. */
    static Future<Deleted> delete(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(DELETE).execute(Tuple.of(agencyId, clientId, id)).map(rows -> {
            if (rows.rowCount() == 0) {
                throw ApiException.notFound(NOT_FOUND);
            }
            Row row = rows.iterator().next();
            return new Deleted(row.getLocalDate("day"), row.getString("text"));
        });
    }

    /** The client's last recorded score of the days from..to, null when none was recorded. */
    static Future<Double> score(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate from, LocalDate to) {
        return sql.preparedQuery(SCORE_IN).execute(Tuple.of(agencyId, clientId, from, to))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getDouble("score"));
    }

    private static Annotation annotation(Row row, UUID clientId) {
        UUID author = row.getUUID("created_by");
        return new Annotation(row.getUUID("id"), clientId, row.getLocalDate("day"), row.getString("text"),
                row.getString("metric"), row.getString("visibility"),
                author == null ? null : new Annotation.Author(author, row.getString("created_by_name")),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
