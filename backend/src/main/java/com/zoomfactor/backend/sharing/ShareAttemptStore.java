package com.zoomfactor.backend.sharing;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** The password guesses at a share link within the throttle window (share_link_attempts), counted in the database. */
final class ShareAttemptStore {

    private static final String FORGET_OLD_ATTEMPTS = """
            DELETE FROM share_link_attempts WHERE agency_id = $1 AND link_id = $2
               AND at <= now() - make_interval(secs => $3)""";
    /** The attempt that has to leave the window before the next guess: the MAX-th newest one, if there are that many. */
    private static final String BLOCKING_ATTEMPT = """
            SELECT extract(epoch FROM at + make_interval(secs => $3) - now()) AS wait FROM share_link_attempts
             WHERE agency_id = $1 AND link_id = $2 ORDER BY at DESC, id DESC OFFSET $4 LIMIT 1""";
    private static final String RECORD_ATTEMPT = "INSERT INTO share_link_attempts (agency_id, link_id) VALUES ($1, $2)"
            + " RETURNING id";
    private static final String FORGET_ATTEMPT = "DELETE FROM share_link_attempts WHERE agency_id = $1 AND id = $2";

    private ShareAttemptStore() {
    }

    /** Forgets the link's attempts that have left the window of {@code windowSeconds}. */
    static Future<Void> forgetOlderThan(SqlConnection sql, UUID agencyId, UUID linkId, int windowSeconds) {
        return sql.preparedQuery(FORGET_OLD_ATTEMPTS).execute(Tuple.of(agencyId, linkId, windowSeconds)).mapEmpty();
    }

    /**
     * The seconds until the link's {@code max}-th newest attempt leaves the window, when it has that many; empty when
     * it has fewer and may take another guess.
     */
    static Future<Optional<Double>> wait(SqlConnection sql, UUID agencyId, UUID linkId, int windowSeconds, int max) {
        return sql.preparedQuery(BLOCKING_ATTEMPT).execute(Tuple.of(agencyId, linkId, windowSeconds, max - 1))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(((Number) rows.iterator().next().getValue("wait")).doubleValue()));
    }

    /** Records an attempt and answers its id. */
    static Future<Long> record(SqlConnection sql, UUID agencyId, UUID linkId) {
        return sql.preparedQuery(RECORD_ATTEMPT).execute(Tuple.of(agencyId, linkId))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Takes an attempt back. */
    static Future<Void> forget(SqlConnection sql, UUID agencyId, long attemptId) {
        return sql.preparedQuery(FORGET_ATTEMPT).execute(Tuple.of(agencyId, attemptId)).mapEmpty();
    }
}
