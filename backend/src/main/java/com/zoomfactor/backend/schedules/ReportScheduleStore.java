package com.zoomfactor.backend.schedules;

import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.scope.Found;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The report schedules as stored (SQL and row mapping), the claim of due ones across agencies included. */
final class ReportScheduleStore {

    static final String NOT_FOUND = "No such report schedule";
    /** Schedules per client: a handful is plenty; more is a runaway script. */
    static final int MAX_PER_CLIENT = 20;

    private static final String COLUMNS = "id, client_id, frequency, day_of_week, day_of_month, hour, recipients, review,"
            + " next_run_at, created_at, updated_at";
    private static final String LIST = "SELECT " + COLUMNS + " FROM report_schedules WHERE agency_id = $1"
            + " AND client_id = $2 ORDER BY created_at, id";
    private static final String ONE = "SELECT " + COLUMNS + " FROM report_schedules WHERE agency_id = $1"
            + " AND client_id = $2 AND id = $3";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM report_schedules WHERE agency_id = $1 AND id = $2";
    private static final String LOCK = BY_ID + " FOR UPDATE";
    private static final String SET_RECIPIENTS = """
            UPDATE report_schedules SET recipients = $3, updated_at = now() WHERE agency_id = $1 AND id = $2""";
    private static final String DELETE_BY_ID = "DELETE FROM report_schedules WHERE agency_id = $1 AND id = $2";
    private static final String COUNT = "SELECT count(*) AS n FROM report_schedules WHERE agency_id = $1 AND client_id = $2";
    private static final String INSERT = """
            INSERT INTO report_schedules (agency_id, client_id, frequency, day_of_week, day_of_month, hour, recipients,
                                          review, next_run_at, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id""";
    private static final String UPDATE = """
            UPDATE report_schedules SET frequency = $4, day_of_week = $5, day_of_month = $6, hour = $7, recipients = $8,
                                        review = $9, next_run_at = $10, updated_at = now()
             WHERE agency_id = $1 AND client_id = $2 AND id = $3""";
    private static final String DELETE = "DELETE FROM report_schedules WHERE agency_id = $1 AND client_id = $2 AND id = $3";
    private static final String CLAIM = "SELECT agency_id, id, next_run_at FROM claim_report_schedules($1, $2, $3)";
    /** A run done: the next one, and the claim released. Only if no one changed the schedule meanwhile. */
    private static final String ADVANCE = """
            UPDATE report_schedules SET next_run_at = $4, claimed_until = NULL
             WHERE agency_id = $1 AND id = $2 AND next_run_at = $3""";
    private static final String TIME_ZONE = "SELECT time_zone FROM clients WHERE agency_id = $1 AND id = $2";

    /** A schedule claimed by this server, due at {@code dueAt}. */
    record Claimed(UUID agencyId, UUID id, Instant dueAt) {
    }

    private ReportScheduleStore() {
    }

    static Future<List<ReportSchedule>> list(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId)).map(rows -> {
            List<ReportSchedule> schedules = new ArrayList<>();
            rows.forEach(row -> schedules.add(schedule(row)));
            return schedules;
        });
    }

    /** The schedule, or 404. */
    static Future<ReportSchedule> one(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(ONE).execute(Tuple.of(agencyId, clientId, id))
                .map(rows -> Found.one(rows, NOT_FOUND, ReportScheduleStore::schedule));
    }

    /** The schedule by its id alone (the scheduler's read), or 404 when it left meanwhile. */
    static Future<ReportSchedule> byId(SqlConnection sql, UUID agencyId, UUID id) {
        return sql.preparedQuery(BY_ID).execute(Tuple.of(agencyId, id))
                .map(rows -> Found.one(rows, NOT_FOUND, ReportScheduleStore::schedule));
    }

    /** The schedule locked for a change of its recipients, or empty when it is gone. */
    static Future<Optional<ReportSchedule>> lock(SqlConnection sql, UUID agencyId, UUID id) {
        return sql.preparedQuery(LOCK).execute(Tuple.of(agencyId, id)).map(rows -> rows.size() == 0 ? Optional.empty()
                : Optional.of(schedule(rows.iterator().next())));
    }

    /** The recipients alone changed (one unsubscribed); when the schedule is due does not move. */
    static Future<Void> setRecipients(SqlConnection sql, UUID agencyId, UUID id, List<String> recipients) {
        return sql.preparedQuery(SET_RECIPIENTS).execute(Tuple.of(agencyId, id, recipients.toArray(String[]::new)))
                .mapEmpty();
    }

    /** Deletes the schedule by its id alone (its last recipient left). */
    static Future<Void> deleteById(SqlConnection sql, UUID agencyId, UUID id) {
        return sql.preparedQuery(DELETE_BY_ID).execute(Tuple.of(agencyId, id)).mapEmpty();
    }

    static Future<String> timeZone(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(TIME_ZONE).execute(Tuple.of(agencyId, clientId))
                .map(rows -> Found.one(rows, "No such client", row -> row.getString("time_zone")));
    }

    /** Stores a new schedule (400 past {@link #MAX_PER_CLIENT} for the client) and answers its id. */
    static Future<UUID> insert(SqlConnection sql, UUID agencyId, UUID clientId, Cadence cadence, List<String> recipients,
                               boolean review, Instant nextRun, UUID createdBy) {
        return sql.preparedQuery(COUNT).execute(Tuple.of(agencyId, clientId)).compose(count -> {
            if (count.iterator().next().getLong("n") >= MAX_PER_CLIENT) {
                throw ApiException.badRequest("a client has at most " + MAX_PER_CLIENT + " report schedules");
            }
            return sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {agencyId, clientId, cadence.frequency(),
                    cadence.dayOfWeek(), cadence.dayOfMonth(), cadence.hour(), recipients.toArray(String[]::new),
                    review, at(nextRun), createdBy}));
        }).map(rows -> rows.iterator().next().getUUID("id"));
    }

    static Future<Void> update(SqlConnection sql, UUID agencyId, UUID clientId, UUID id, Cadence cadence,
                               List<String> recipients, boolean review, Instant nextRun) {
        return sql.preparedQuery(UPDATE).execute(Tuple.from(new Object[] {agencyId, clientId, id, cadence.frequency(),
                cadence.dayOfWeek(), cadence.dayOfMonth(), cadence.hour(), recipients.toArray(String[]::new), review,
                at(nextRun)})).mapEmpty();
    }

    /** Deletes the schedule (its reviews with it), or 404. */
    static Future<Void> delete(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(DELETE).execute(Tuple.of(agencyId, clientId, id)).map(rows -> {
            if (rows.rowCount() == 0) {
                throw ApiException.notFound(NOT_FOUND);
            }
            return null;
        });
    }

    /** Claims up to {@code max} schedules due at {@code now} for {@code leaseMs}, across agencies. */
    static Future<List<Claimed>> claim(SqlConnection sql, Instant now, long leaseMs, int max) {
        return sql.preparedQuery(CLAIM).execute(Tuple.of(at(now), (int) leaseMs, max)).map(rows -> {
            List<Claimed> claimed = new ArrayList<>();
            rows.forEach(row -> claimed.add(new Claimed(row.getUUID("agency_id"), row.getUUID("id"),
                    row.getOffsetDateTime("next_run_at").toInstant())));
            return claimed;
        });
    }

    /** Moves a schedule run at {@code ran} on to {@code next} and releases its claim. */
    static Future<Void> advance(SqlConnection sql, UUID agencyId, UUID id, Instant ran, Instant next) {
        return sql.preparedQuery(ADVANCE).execute(Tuple.of(agencyId, id, at(ran), at(next))).mapEmpty();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static ReportSchedule schedule(Row row) {
        return new ReportSchedule(row.getUUID("id"), row.getUUID("client_id"), row.getString("frequency"),
                row.getInteger("day_of_week"), row.getInteger("day_of_month"), row.getInteger("hour"),
                List.of(row.getArrayOfStrings("recipients")), row.getBoolean("review"),
                row.getOffsetDateTime("next_run_at"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
