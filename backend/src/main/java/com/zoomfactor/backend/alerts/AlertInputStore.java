package com.zoomfactor.backend.alerts;

import com.zoomfactor.domain.series.DailyValue;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What an evaluation of alert rules reads besides the rules and the metrics' daily totals: the client's time zone,
 * its daily scores, and the latest day with a value of a rule's subject.
 */
final class AlertInputStore {

    private static final String TIME_ZONE = "SELECT time_zone FROM clients WHERE agency_id = $1 AND id = $2";
    private static final String CLIENT_NAME = "SELECT name FROM clients WHERE agency_id = $1 AND id = $2";
    /** Each day's last score. */
    private static final String SCORES = """
            SELECT DISTINCT ON (as_of) as_of, score FROM score_snapshots
             WHERE agency_id = $1 AND client_id = $2 AND as_of BETWEEN $3 AND $4
             ORDER BY as_of, computed_at DESC, id DESC""";
    /** The latest day with a value of a metric, or of the score ($3 NULL). */
    private static final String LATEST_DAY = """
            SELECT CASE WHEN $3::text IS NULL
                        THEN (SELECT max(as_of) FROM score_snapshots WHERE agency_id = $1 AND client_id = $2)
                        ELSE (SELECT max(period_start) FROM observations
                               WHERE agency_id = $1 AND client_id = $2 AND competitor_id IS NULL
                                 AND period_start = period_end AND metric = $3) END AS latest""";

    private AlertInputStore() {
    }

    /** The client's name, as messages about its alerts say it. */
    static Future<String> clientName(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(CLIENT_NAME).execute(Tuple.of(agencyId, clientId))
                .map(rows -> rows.size() == 0 ? "a client" : rows.iterator().next().getString("name"));
    }

    /** The client's time zone (it exists: the caller's transaction found it). */
    static Future<ZoneId> timeZone(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(TIME_ZONE).execute(Tuple.of(agencyId, clientId))
                .map(rows -> ZoneId.of(rows.iterator().next().getString("time_zone")));
    }

    /** Each day's last recorded score on the days from..to, oldest first. */
    static Future<List<DailyValue>> dailyScores(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate from,
                                                LocalDate to) {
        return sql.preparedQuery(SCORES).execute(Tuple.of(agencyId, clientId, from, to)).map(rows -> {
            List<DailyValue> values = new ArrayList<>();
            rows.forEach(row -> values.add(new DailyValue(row.getLocalDate("as_of"), row.getDouble("score"))));
            return values;
        });
    }

    /** The latest day with a value of the subject (a metric key, or {@code "score"}); empty when there is none. */
    static Future<Optional<LocalDate>> latestDay(SqlConnection sql, UUID agencyId, UUID clientId, String subject) {
        return sql.preparedQuery(LATEST_DAY).execute(Tuple.of(agencyId, clientId, AlertRuleStore.column(subject)))
                .map(rows -> Optional.ofNullable(rows.iterator().next().getLocalDate("latest")));
    }
}
