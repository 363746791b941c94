package com.zoomfactor.backend.alerts;

import com.zoomfactor.domain.alerts.AlertDirection;
import com.zoomfactor.domain.alerts.AlertRule;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Alert rules and fired alerts as stored and as the API shows them, and the SQL that reads them back. */
final class Alerts {

    /** The Zoom Factor as a rule's subject (rather than a metric). */
    static final String SCORE = "score";
    static final String RULE_NOT_FOUND = "No such alert rule";
    static final String ALERT_NOT_FOUND = "No such alert";

    static final String RULE_COLUMNS = "id, client_id, kind, metric, direction, threshold, enabled, active_from,"
            + " created_at, updated_at";
    static final String ALERT_COLUMNS = """
            a.id, a.client_id, a.rule_id, r.kind, r.metric, a.day, a.value, a.threshold, a.band_low, a.band_high,
            a.baseline, a.message, a.fired_at, a.acknowledged_by, u.name AS acknowledged_by_name, a.acknowledged_at,
            a.ack_note
            """;
    static final String ALERT_FROM = """
             FROM alerts a JOIN alert_rules r ON r.agency_id = a.agency_id AND r.id = a.rule_id
             LEFT JOIN users u ON u.id = a.acknowledged_by
            """;
    private static final String LOCK_CLIENT = "SELECT pg_advisory_xact_lock(hashtext('zf.alerts'), hashtext($1))";
    private static final String ONE_RULE = "SELECT " + RULE_COLUMNS
            + " FROM alert_rules WHERE agency_id = $1 AND client_id = $2 AND id = $3";

    /** A rule; {@code metric} is a metric key or {@code "score"}. */
    record Rule(UUID id, UUID clientId, String kind, String metric, String direction, Double threshold,
                boolean enabled, LocalDate activeFrom, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        boolean onScore() {
            return SCORE.equals(metric);
        }

        AlertRule domain() {
            AlertDirection d = AlertDirection.find(direction).orElseThrow();
            return "threshold".equals(kind) ? AlertRule.threshold(d, threshold) : AlertRule.adaptive(d);
        }

        /** How messages and the activity feed name what the rule watches. */
        String subject() {
            return onScore() ? "the Zoom Factor" : metric;
        }
    }

    record Acknowledgement(UUID by, String name, OffsetDateTime at, String note) {
    }

    /** A fired alert: the day and value, what it was held against (a threshold, or a band), and why in words. */
    record Alert(UUID id, UUID clientId, UUID ruleId, String kind, String metric, LocalDate day, double value,
                 Double threshold, Double bandLow, Double bandHigh, Double baseline, String message,
                 OffsetDateTime firedAt, String state, Acknowledgement acknowledgement) {
    }

    private Alerts() {
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

    static Rule rule(Row row) {
        String metric = row.getString("metric");
        return new Rule(row.getUUID("id"), row.getUUID("client_id"), row.getString("kind"),
                metric == null ? SCORE : metric, row.getString("direction"), row.getDouble("threshold"),
                row.getBoolean("enabled"), row.getLocalDate("active_from"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }

    static Alert alert(Row row) {
        OffsetDateTime acknowledgedAt = row.getOffsetDateTime("acknowledged_at");
        String metric = row.getString("metric");
        return new Alert(row.getUUID("id"), row.getUUID("client_id"), row.getUUID("rule_id"), row.getString("kind"),
                metric == null ? SCORE : metric, row.getLocalDate("day"), row.getDouble("value"),
                row.getDouble("threshold"), row.getDouble("band_low"), row.getDouble("band_high"),
                row.getDouble("baseline"), row.getString("message"), row.getOffsetDateTime("fired_at"),
                acknowledgedAt == null ? "open" : "acknowledged",
                acknowledgedAt == null ? null : new Acknowledgement(row.getUUID("acknowledged_by"),
                        row.getString("acknowledged_by_name"), acknowledgedAt, row.getString("ack_note")));
    }

    static Future<Rule> oneRule(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(ONE_RULE).execute(Tuple.of(agencyId, clientId, id)).map(rows -> {
            if (rows.size() == 0) {
                throw com.zoomfactor.backend.http.ApiException.notFound(RULE_NOT_FOUND);
            }
            return rule(rows.iterator().next());
        });
    }
}
