package com.zoomfactor.backend.alerts;

import com.zoomfactor.backend.scope.Found;

import com.zoomfactor.domain.alerts.AlertDirection;
import com.zoomfactor.domain.alerts.AlertRule;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The alert_rules table: a client's rules as stored and as the API shows them. */
public final class AlertRuleStore {

    /** The Zoom Factor as a rule's subject (rather than a metric). */
    static final String SCORE = "score";
    static final String RULE_NOT_FOUND = "No such alert rule";

    private static final String RULE_COLUMNS = "id, client_id, kind, metric, direction, threshold, enabled, channels,"
            + " active_from, created_at, updated_at";
    /** Where a rule's alerts go: in the app, by e-mail (to those who chose it), to the agency's webhooks. */
    static final List<String> CHANNELS = List.of("in_app", "email", "webhook");
    private static final String COUNT = "SELECT count(*) AS rules FROM alert_rules WHERE agency_id = $1 AND client_id = $2";
    private static final String LIST = "SELECT " + RULE_COLUMNS
            + " FROM alert_rules WHERE agency_id = $1 AND client_id = $2 ORDER BY created_at, id";
    /** In one order everywhere: two instances inserting the same alerts then wait for each other rather than deadlock. */
    private static final String ENABLED_RULES = "SELECT " + RULE_COLUMNS
            + " FROM alert_rules WHERE agency_id = $1 AND client_id = $2 AND enabled ORDER BY created_at, id";
    private static final String ONE_RULE = "SELECT " + RULE_COLUMNS
            + " FROM alert_rules WHERE agency_id = $1 AND client_id = $2 AND id = $3";
    private static final String INSERT = """
            INSERT INTO alert_rules (agency_id, client_id, kind, metric, direction, threshold, enabled, active_from,
                                     created_by, channels)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id""";
    private static final String UPDATE = """
            UPDATE alert_rules SET direction = $4, threshold = $5, enabled = $6, active_from = $7, channels = $8,
                                   updated_at = now()
             WHERE agency_id = $1 AND client_id = $2 AND id = $3""";
    private static final String DELETE = "DELETE FROM alert_rules WHERE agency_id = $1 AND client_id = $2 AND id = $3";

    /** A rule; {@code metric} is a metric key or {@code "score"}. */
    record Rule(UUID id, UUID clientId, String kind, String metric, String direction, Double threshold,
                boolean enabled, List<String> channels, LocalDate activeFrom, OffsetDateTime createdAt,
                OffsetDateTime updatedAt) {

        boolean deliversTo(String channel) {
            return channels.contains(channel);
        }

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

    /** A rule to add: its subject is a metric key or {@code "score"}. */
    public record NewRule(AlertRule.Kind kind, String subject, AlertDirection direction, Double threshold,
                          boolean enabled, List<String> channels) {
    }

    private AlertRuleStore() {
    }

    /** The client's rules, oldest first. */
    static Future<List<Rule>> list(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId)).map(AlertRuleStore::rules);
    }

    /** The client's enabled rules, oldest first. */
    static Future<List<Rule>> enabled(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(ENABLED_RULES).execute(Tuple.of(agencyId, clientId)).map(AlertRuleStore::rules);
    }

    static Future<Long> count(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(COUNT).execute(Tuple.of(agencyId, clientId))
                .map(rows -> rows.iterator().next().getLong("rules"));
    }

    /** The rule; 404 when the client has no such rule. */
    static Future<Rule> one(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(ONE_RULE).execute(Tuple.of(agencyId, clientId, id)).map(rows -> Found.one(rows, RULE_NOT_FOUND, AlertRuleStore::rule));
    }

    /** Adds the rule, watching from {@code activeFrom}; {@code person} is who added it (null for an API token). */
    public static Future<UUID> create(SqlConnection sql, UUID agencyId, UUID clientId, NewRule rule,
                                      LocalDate activeFrom, UUID person) {
        return sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {agencyId, clientId, rule.kind().key(),
                        column(rule.subject()), rule.direction().key(), rule.threshold(), rule.enabled(), activeFrom,
                        person, rule.channels().toArray(String[]::new)}))
                .map(rows -> rows.iterator().next().getUUID("id"));
    }

    static Future<Void> update(SqlConnection sql, UUID agencyId, UUID clientId, UUID id, AlertDirection direction,
                               Double threshold, boolean enabled, LocalDate activeFrom, List<String> channels) {
        return sql.preparedQuery(UPDATE).execute(Tuple.from(new Object[] {agencyId, clientId, id, direction.key(),
                threshold, enabled, activeFrom, channels.toArray(String[]::new)})).mapEmpty();
    }

    /** Deletes the rule, and with it (on cascade) the alerts it fired. */
    static Future<Void> delete(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(DELETE).execute(Tuple.of(agencyId, clientId, id)).mapEmpty();
    }

    /** The metric column of a subject: NULL for the Zoom Factor. */
    static String column(String subject) {
        return subject.equals(SCORE) ? null : subject;
    }

    private static List<Rule> rules(RowSet<Row> rows) {
        List<Rule> rules = new ArrayList<>();
        rows.forEach(row -> rules.add(rule(row)));
        return rules;
    }

    private static Rule rule(Row row) {
        String metric = row.getString("metric");
        return new Rule(row.getUUID("id"), row.getUUID("client_id"), row.getString("kind"),
                metric == null ? SCORE : metric, row.getString("direction"), row.getDouble("threshold"),
                row.getBoolean("enabled"), List.of(row.getArrayOfStrings("channels")), row.getLocalDate("active_from"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
