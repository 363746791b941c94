package com.zoomfactor.backend.imports;

import com.zoomfactor.backend.observations.Point;
import com.zoomfactor.backend.observations.PointError;
import com.zoomfactor.backend.http.JsonResponses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The SQL of import jobs: a row per uploaded file, its state and progress, and what it did. */
final class ImportStore {

    /** The newest imports a list answers. */
    static final int MAX_LISTED = 50;

    private static final String COLUMNS = "id, client_id, state, dry_run, file_name, bytes, bytes_read, rows_read,"
            + " points, posts, format, format_label, read_as, header, result, errors, message, created_at, started_at,"
            + " finished_at";
    private static final String INSERT = """
            INSERT INTO imports (id, agency_id, client_id, created_by, token_id, dry_run, state, file_name, bytes, node)
            VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $8, $9)""";
    private static final String ONE = "SELECT " + COLUMNS + " FROM imports WHERE agency_id = $1 AND client_id = $2"
            + " AND id = $3";
    private static final String BY_ID = "SELECT " + COLUMNS + ", agency_id, created_by, token_id, attempts"
            + " FROM imports WHERE agency_id = $1 AND id = $2";
    private static final String LIST = "SELECT " + COLUMNS + " FROM imports WHERE agency_id = $1 AND client_id = $2"
            + " ORDER BY created_at DESC, id LIMIT " + MAX_LISTED;
    private static final String START = """
            UPDATE imports SET state = 'running', attempts = attempts + 1, started_at = now(), bytes_read = 0,
                   rows_read = 0, points = 0, posts = 0, errors = NULL, message = NULL
             WHERE agency_id = $1 AND id = $2 AND state IN ('queued', 'running')
            RETURNING attempts""";
    private static final String RECOGNISED = """
            UPDATE imports SET format = $3, format_label = $4, read_as = $5, header = $6
             WHERE agency_id = $1 AND id = $2""";
    private static final String PROGRESS = """
            UPDATE imports SET bytes_read = $3, rows_read = $4, points = $5, posts = $6
             WHERE agency_id = $1 AND id = $2 AND state = 'running'""";
    private static final String FINISH = """
            UPDATE imports SET state = $3, bytes_read = $4, rows_read = $5, points = $6, posts = $7, result = $8,
                   errors = $9, message = $10, finished_at = now()
             WHERE agency_id = $1 AND id = $2""";
    private static final String UNFINISHED = "SELECT agency_id, id FROM unfinished_imports($1)";

    /** The owner of a job, for running it under the right agency and caller. */
    record Owner(UUID agencyId, UUID clientId, UUID personId, UUID tokenId, boolean dryRun, String fileName,
                 int attempts) {
    }

    /** What a finished job did (stored as JSON with the row). */
    record Outcome(String form, List<String> metrics, LocalDate from, LocalDate to, List<Point> preview, long inserted,
                   long updated, long unchanged, long postsInserted, long postsUpdated, long errorCount) {
    }

    private ImportStore() {
    }

    static Future<Void> insert(SqlConnection sql, UUID id, UUID agencyId, UUID clientId, UUID personId, UUID tokenId,
                               boolean dryRun, String fileName, long bytes, UUID node) {
        return sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {id, agencyId, clientId, personId, tokenId,
                dryRun, fileName, bytes, node})).mapEmpty();
    }

    static Future<Optional<ImportJob>> one(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(ONE).execute(Tuple.of(agencyId, clientId, id))
                .map(rows -> rows.size() == 0 ? Optional.<ImportJob>empty() : Optional.of(job(rows.iterator().next())));
    }

    static Future<List<ImportJob>> list(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId)).map(rows -> {
            List<ImportJob> jobs = new ArrayList<>();
            rows.forEach(row -> jobs.add(job(row)));
            return jobs;
        });
    }

    static Future<Optional<Owner>> owner(SqlConnection sql, UUID agencyId, UUID id) {
        return sql.preparedQuery(BY_ID).execute(Tuple.of(agencyId, id)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new Owner(agencyId, row.getUUID("client_id"), row.getUUID("created_by"),
                    row.getUUID("token_id"), row.getBoolean("dry_run"), row.getString("file_name"),
                    row.getInteger("attempts")));
        });
    }

    /** Marks the job running (another attempt); empty when it is finished already. */
    static Future<Optional<Integer>> start(SqlConnection sql, UUID agencyId, UUID id) {
        return sql.preparedQuery(START).execute(Tuple.of(agencyId, id)).map(rows -> rows.size() == 0
                ? Optional.<Integer>empty() : Optional.of(rows.iterator().next().getInteger("attempts")));
    }

    static Future<Void> recognised(SqlConnection sql, UUID agencyId, UUID id, String format, String label,
                                   String readAs, String header) {
        return sql.preparedQuery(RECOGNISED).execute(Tuple.of(agencyId, id, format, label, readAs, header)).mapEmpty();
    }

    static Future<Void> progress(SqlConnection sql, UUID agencyId, UUID id, long bytes, long rows, long points,
                                 long posts) {
        return sql.preparedQuery(PROGRESS).execute(Tuple.of(agencyId, id, bytes, rows, points, posts)).mapEmpty();
    }

    static Future<Void> finish(SqlConnection sql, UUID agencyId, UUID id, boolean done, long bytes, long rows,
                               long points, long posts, Outcome outcome, List<PointError> errors, String message) {
        return sql.preparedQuery(FINISH).execute(Tuple.from(new Object[] {agencyId, id, done ? "done" : "failed",
                bytes, rows, points, posts, outcome == null ? null : JsonResponses.toJsonObject(outcome),
                errors == null || errors.isEmpty() ? null : new JsonArray(errors.stream()
                        .map(JsonResponses::toJsonObject).toList()), message})).mapEmpty();
    }

    /** The jobs of every agency this server (its node id) left queued or running when it stopped. */
    static Future<List<UUID[]>> unfinished(SqlClient sql, UUID node) {
        return sql.preparedQuery(UNFINISHED).execute(Tuple.of(node)).map(rows -> {
            List<UUID[]> jobs = new ArrayList<>();
            rows.forEach(row -> jobs.add(new UUID[] {row.getUUID("agency_id"), row.getUUID("id")}));
            return jobs;
        });
    }

    private static ImportJob job(Row row) {
        JsonObject result = (JsonObject) row.getValue("result");
        JsonArray errors = (JsonArray) row.getValue("errors");
        Outcome outcome = result == null ? null : JsonResponses.mapper().convertValue(result.getMap(), Outcome.class);
        List<PointError> problems = errors == null ? List.of() : errors.stream()
                .map(error -> JsonResponses.mapper().convertValue(((JsonObject) error).getMap(), PointError.class))
                .toList();
        String format = row.getString("format");
        return new ImportJob(row.getUUID("id"), row.getUUID("client_id"), row.getString("state"),
                row.getBoolean("dry_run"), row.getString("file_name"), row.getLong("bytes"), row.getLong("bytes_read"),
                row.getLong("rows_read"), row.getLong("points"), row.getLong("posts"),
                format == null ? null : new ImportJob.Format(format, row.getString("format_label")),
                row.getString("read_as"), row.getString("header"), outcome == null ? null : outcome.form(),
                outcome == null ? List.of() : outcome.metrics(), outcome == null ? null : outcome.from(),
                outcome == null ? null : outcome.to(), outcome == null ? List.of() : outcome.preview(),
                outcome == null ? 0 : outcome.inserted(), outcome == null ? 0 : outcome.updated(),
                outcome == null ? 0 : outcome.unchanged(), outcome == null ? 0 : outcome.postsInserted(),
                outcome == null ? 0 : outcome.postsUpdated(), problems,
                outcome != null ? outcome.errorCount() : problems.size(), row.getString("message"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("started_at"),
                row.getOffsetDateTime("finished_at"));
    }
}
