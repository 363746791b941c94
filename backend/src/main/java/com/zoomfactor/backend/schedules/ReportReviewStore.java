package com.zoomfactor.backend.schedules;

import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.scope.Found;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The review queue of scheduled reports as stored (SQL and row mapping). */
final class ReportReviewStore {

    static final String NOT_FOUND = "No such report review";
    /** The queue answers the latest this many. */
    static final int MAX_LISTED = 200;

    private static final String COLUMNS = "id, client_id, schedule_id, period_from, period_to, summary, state,"
            + " created_at, decided_at";
    private static final String LIST = "SELECT " + COLUMNS + " FROM report_reviews WHERE agency_id = $1"
            + " AND ($2::uuid IS NULL OR client_id = $2) AND ($3::text IS NULL OR state = $3)"
            + " ORDER BY created_at DESC, id LIMIT $4";
    private static final String INSERT = """
            INSERT INTO report_reviews (agency_id, client_id, schedule_id, period_from, period_to, summary, pdf)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING""";
    /**
     * Decides a pending review, once (a second approve or skip finds nothing pending), and drops its PDF, answering
     * the PDF as it was: an approval sends it, and a decided review keeps no file.
     */
    private static final String DECIDE = """
            UPDATE report_reviews r SET state = $4, summary = coalesce($5, r.summary), decided_at = now(),
                                        decided_by = $6, pdf = ''::bytea
              FROM (SELECT id, pdf FROM report_reviews
                     WHERE agency_id = $1 AND client_id = $2 AND id = $3 AND state = 'pending' FOR UPDATE) old
             WHERE r.id = old.id AND r.state = 'pending'
            RETURNING r.id, r.client_id, r.schedule_id, r.period_from, r.period_to, r.summary, r.state, r.created_at,
                      r.decided_at, old.pdf""";
    private static final String STATE = "SELECT state FROM report_reviews WHERE agency_id = $1 AND client_id = $2 AND id = $3";

    /** A review decided, with the PDF it keeps. */
    record Decided(ReportReview review, byte[] pdf) {
    }

    private ReportReviewStore() {
    }

    /** The latest reviews of one client, or of every client of the agency when {@code clientId} is null. */
    static Future<List<ReportReview>> list(SqlConnection sql, UUID agencyId, UUID clientId, String state) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId, state, MAX_LISTED)).map(rows -> {
            List<ReportReview> reviews = new ArrayList<>();
            rows.forEach(row -> reviews.add(review(row)));
            return reviews;
        });
    }

    /** Queues a report for review, unless this schedule's period already is. */
    static Future<Void> insert(SqlConnection sql, UUID agencyId, UUID clientId, UUID scheduleId, LocalDate from,
                               LocalDate to, String summary, byte[] pdf) {
        return sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {agencyId, clientId, scheduleId, from, to,
                summary, Buffer.buffer(pdf)})).mapEmpty();
    }

    /** Approves or skips a pending review: 404 when there is none, 409 when it was decided already. */
    static Future<Decided> decide(SqlConnection sql, UUID agencyId, UUID clientId, UUID id, String state,
                                  String summary, UUID personId) {
        return sql.preparedQuery(DECIDE).execute(Tuple.of(agencyId, clientId, id, state, summary, personId))
                .compose(rows -> {
                    if (rows.size() > 0) {
                        Row row = rows.iterator().next();
                        return Future.succeededFuture(new Decided(review(row), row.getBuffer("pdf").getBytes()));
                    }
                    return sql.preparedQuery(STATE).execute(Tuple.of(agencyId, clientId, id)).map(found -> {
                        String was = Found.one(found, NOT_FOUND, r -> r.getString("state"));
                        throw ApiException.conflict("this report was " + was + " already");
                    });
                });
    }

    private static ReportReview review(Row row) {
        return new ReportReview(row.getUUID("id"), row.getUUID("client_id"), row.getUUID("schedule_id"),
                row.getLocalDate("period_from"), row.getLocalDate("period_to"), row.getString("summary"),
                row.getString("state"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("decided_at"));
    }
}
