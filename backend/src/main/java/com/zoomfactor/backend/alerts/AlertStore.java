package com.zoomfactor.backend.alerts;

import com.zoomfactor.backend.scope.Found;

import com.zoomfactor.domain.alerts.AlertEvaluation.Breach;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The alerts table: fired alerts as stored and as the API shows them (with their rule's kind and subject), and the
 * lock that serialises the writers of a client's alerts.
 */
final class AlertStore {

    static final String ALERT_NOT_FOUND = "No such alert";

    private static final String ALERT_COLUMNS = """
            a.id, a.client_id, a.rule_id, r.kind, r.metric, a.day, a.value, a.threshold, a.band_low, a.band_high,
            a.baseline, a.message, a.fired_at, a.acknowledged_by, u.name AS acknowledged_by_name, a.acknowledged_at,
            a.ack_note
            """;
    private static final String ALERT_FROM = """
             FROM alerts a JOIN alert_rules r ON r.agency_id = a.agency_id AND r.id = a.rule_id
             LEFT JOIN users u ON u.id = a.acknowledged_by
            """;
    private static final String LOCK_CLIENT = "SELECT pg_advisory_xact_lock(hashtext('zf.alerts'), hashtext($1))";
    private static final String LIST = "SELECT " + ALERT_COLUMNS + ALERT_FROM + """
             WHERE a.agency_id = $1 AND a.client_id = $2
               AND ($3::text IS NULL OR ($3 = 'open') = (a.acknowledged_at IS NULL))
             ORDER BY a.fired_at DESC, a.day DESC, a.id LIMIT $4""";
    private static final String ONE = "SELECT " + ALERT_COLUMNS + ALERT_FROM
            + " WHERE a.agency_id = $1 AND a.client_id = $2 AND a.id = $3";
    private static final String BY_ID = "SELECT " + ALERT_COLUMNS + ALERT_FROM
            + " WHERE a.agency_id = $1 AND a.id = $2";
    private static final String ACKNOWLEDGE = """
            UPDATE alerts SET acknowledged_by = $4, acknowledged_at = now(), ack_note = $5
             WHERE agency_id = $1 AND client_id = $2 AND id = $3 AND acknowledged_at IS NULL""";
    private static final String INSERT = """
            INSERT INTO alerts (agency_id, client_id, rule_id, day, value, threshold, band_low, band_high, baseline,
                                message)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (rule_id, day) DO NOTHING RETURNING id""";

    record Acknowledgement(UUID by, String name, OffsetDateTime at, String note) {
    }

    /** A fired alert: the day and value, what it was held against (a threshold, or a band), and why in words. */
    record Alert(UUID id, UUID clientId, UUID ruleId, String kind, String metric, LocalDate day, double value,
                 Double threshold, Double bandLow, Double bandHigh, Double baseline, String message,
                 OffsetDateTime firedAt, String state, Acknowledgement acknowledgement) {
    }

    private AlertStore() {
    }

    /**
     * Serialises the transactions that write a client's alerts (evaluation, acknowledgement, rule changes). They take
     * alert rows and the client's live sequence in different orders (an evaluation inserts several alerts with an
     * event after each, an acknowledgement updates its alert before its event), so two of them at once could
     * deadlock; taken first, this lock makes them wait for each other instead.
     */
    static Future<Void> lockClient(SqlConnection sql, UUID clientId) {
        return sql.preparedQuery(LOCK_CLIENT).execute(Tuple.of(clientId.toString())).mapEmpty();
    }

    /** The client's alerts newest first, open or acknowledged ({@code state}; both when null), at most {@code limit}. */
    static Future<List<Alert>> list(SqlConnection sql, UUID agencyId, UUID clientId, String state, int limit) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId, state, limit)).map(rows -> {
            List<Alert> alerts = new ArrayList<>();
            rows.forEach(row -> alerts.add(alert(row)));
            return alerts;
        });
    }

    /** The client's alert; 404 when it has no such alert. */
    static Future<Alert> one(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(ONE).execute(Tuple.of(agencyId, clientId, id)).map(rows -> Found.one(rows, ALERT_NOT_FOUND, AlertStore::alert));
    }

    /** Acknowledges the alert unless it already is; false when it was (or is gone). */
    static Future<Boolean> acknowledge(SqlConnection sql, UUID agencyId, UUID clientId, UUID id, UUID person,
                                       String note) {
        return sql.preparedQuery(ACKNOWLEDGE).execute(Tuple.of(agencyId, clientId, id, person, note))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Inserts the alert of a breach unless this rule already fired on that day (then empty). */
    static Future<Optional<Alert>> fire(SqlConnection sql, UUID agencyId, UUID clientId, UUID ruleId, Breach b) {
        return sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {agencyId, clientId, ruleId,
                        b.day(), b.value(), b.threshold(), b.low(), b.high(), b.baseline(), b.message()}))
                .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Optional.<Alert>empty())
                        : sql.preparedQuery(BY_ID).execute(Tuple.of(agencyId, rows.iterator().next().getUUID("id")))
                                .map(read -> Optional.of(alert(read.iterator().next()))));
    }

    private static Alert alert(Row row) {
        OffsetDateTime acknowledgedAt = row.getOffsetDateTime("acknowledged_at");
        String metric = row.getString("metric");
        return new Alert(row.getUUID("id"), row.getUUID("client_id"), row.getUUID("rule_id"), row.getString("kind"),
                metric == null ? AlertRuleStore.SCORE : metric, row.getLocalDate("day"), row.getDouble("value"),
                row.getDouble("threshold"), row.getDouble("band_low"), row.getDouble("band_high"),
                row.getDouble("baseline"), row.getString("message"), row.getOffsetDateTime("fired_at"),
                acknowledgedAt == null ? "open" : "acknowledged",
                acknowledgedAt == null ? null : new Acknowledgement(row.getUUID("acknowledged_by"),
                        row.getString("acknowledged_by_name"), acknowledgedAt, row.getString("ack_note")));
    }
}
