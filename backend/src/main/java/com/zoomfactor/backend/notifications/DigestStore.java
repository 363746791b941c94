package com.zoomfactor.backend.notifications;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The digests table and what a digest covers (SQL and row mapping): who is due one (across agencies, ids only), the
 * claim of a person's digest for a day (once, however many servers try), and the notifications it lists.
 */
final class DigestStore {

    private static final String CANDIDATES = "SELECT agency_id, person_id FROM digest_candidates($1, $2)";
    private static final String PREVIOUS = """
            SELECT max(covered_until) AS since FROM digests WHERE agency_id = $1 AND person_id = $2""";
    private static final String CLAIM = """
            INSERT INTO digests (agency_id, person_id, day, covered_until) VALUES ($1, $2, $3, $4)
            ON CONFLICT DO NOTHING RETURNING day""";
    private static final String PERSON = "SELECT email, name FROM users WHERE id = $1";
    private static final String COVERED = """
            SELECT n.kind, n.summary, n.client_id, c.name AS client_name, n.created_at
              FROM notifications n JOIN clients c ON c.agency_id = n.agency_id AND c.id = n.client_id
             WHERE n.agency_id = $1 AND n.person_id = $2 AND n.created_at > $3 AND n.created_at <= $4
               AND delivery_of($1, $2, n.kind) = 'digest'
             ORDER BY c.name, n.created_at, n.id LIMIT $5""";

    record Due(UUID agencyId, UUID personId) {
    }

    record Line(String kind, String summary, UUID clientId, String clientName, OffsetDateTime at) {
    }

    record Person(String email, String name) {
    }

    private DigestStore() {
    }

    static Future<List<Due>> due(SqlConnection sql, LocalDate day, OffsetDateTime cutoff) {
        return sql.preparedQuery(CANDIDATES).execute(Tuple.of(day, cutoff)).map(rows -> {
            List<Due> due = new ArrayList<>();
            rows.forEach(row -> due.add(new Due(row.getUUID("agency_id"), row.getUUID("person_id"))));
            return due;
        });
    }

    /** The end of the person's last digest, if any. */
    static Future<Optional<OffsetDateTime>> previous(SqlConnection sql, UUID agencyId, UUID personId) {
        return sql.preparedQuery(PREVIOUS).execute(Tuple.of(agencyId, personId))
                .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime("since")));
    }

    /** Claims the person's digest of {@code day}; false when it was already (here or by another server). */
    static Future<Boolean> claim(SqlConnection sql, UUID agencyId, UUID personId, LocalDate day, OffsetDateTime until) {
        return sql.preparedQuery(CLAIM).execute(Tuple.of(agencyId, personId, day, until)).map(rows -> rows.size() > 0);
    }

    static Future<Optional<Person>> person(SqlConnection sql, UUID personId) {
        return sql.preparedQuery(PERSON).execute(Tuple.of(personId)).map(rows -> rows.size() == 0 ? Optional.empty()
                : Optional.of(new Person(rows.iterator().next().getString("email"),
                        rows.iterator().next().getString("name"))));
    }

    /** The notifications a digest lists: of its person's digest topics, in (since, until], by client, at most limit. */
    static Future<List<Line>> covered(SqlConnection sql, UUID agencyId, UUID personId, OffsetDateTime since,
                                      OffsetDateTime until, int limit) {
        return sql.preparedQuery(COVERED).execute(Tuple.of(agencyId, personId, since, until, limit)).map(rows -> {
            List<Line> lines = new ArrayList<>();
            rows.forEach(row -> lines.add(new Line(row.getString("kind"), row.getString("summary"),
                    row.getUUID("client_id"), row.getString("client_name"), row.getOffsetDateTime("created_at"))));
            return lines;
        });
    }
}
