package com.zoomfactor.backend.alerts;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.alerts.Alerts.Alert;
import com.zoomfactor.backend.alerts.Alerts.Rule;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.events.EventStore;
import com.zoomfactor.backend.notifications.NotificationStore;
import com.zoomfactor.backend.observations.DailyTotalStore;
import com.zoomfactor.domain.alerts.AdaptiveBand;
import com.zoomfactor.domain.alerts.AlertEvaluation;
import com.zoomfactor.domain.alerts.AlertEvaluation.Breach;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.series.DailyValue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Evaluates a client's alert rules over its recent days ({@link #RECENT_DAYS}) and fires the breaches found: each
 * one an alert (at most one per rule and day: a second evaluation, here or on another instance, inserts nothing),
 * a notification for everyone who can see the client, a live {@code alert} event and an activity line, all in the
 * evaluation's transaction.
 */
public final class AlertEvaluator {

    public static final String LIVE_KIND = com.zoomfactor.domain.live.LiveKind.ALERT.wire();
    /** Only the days this recent are evaluated: alerts are about now, and the work stays bounded. */
    static final int RECENT_DAYS = 35;
    /** Who fired an alert, in the activity feed. */
    static final String ACTOR = "Alerts";

    /** In one order everywhere: two instances inserting the same alerts then wait for each other rather than deadlock. */
    private static final String ENABLED_RULES = "SELECT " + Alerts.RULE_COLUMNS
            + " FROM alert_rules WHERE agency_id = $1 AND client_id = $2 AND enabled ORDER BY created_at, id";
    /** Each day's last score. */
    private static final String TIME_ZONE = "SELECT time_zone FROM clients WHERE agency_id = $1 AND id = $2";
    private static final String SCORES = """
            SELECT DISTINCT ON (as_of) as_of, score FROM score_snapshots
             WHERE agency_id = $1 AND client_id = $2 AND as_of BETWEEN $3 AND $4
             ORDER BY as_of, computed_at DESC, id DESC""";
    private static final String INSERT = """
            INSERT INTO alerts (agency_id, client_id, rule_id, day, value, threshold, band_low, band_high, baseline,
                                message)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (rule_id, day) DO NOTHING RETURNING id""";
    private static final String ONE_ALERT = "SELECT " + Alerts.ALERT_COLUMNS + Alerts.ALERT_FROM
            + " WHERE a.agency_id = $1 AND a.id = $2";
    /** The latest day with a value of a metric, or of the score ($3 NULL). */
    private static final String LATEST_DAY = """
            SELECT CASE WHEN $3::text IS NULL
                        THEN (SELECT max(as_of) FROM score_snapshots WHERE agency_id = $1 AND client_id = $2)
                        ELSE (SELECT max(period_start) FROM observations
                               WHERE agency_id = $1 AND client_id = $2 AND competitor_id IS NULL
                                 AND period_start = period_end AND metric = $3) END AS latest""";

    private record Found(Rule rule, Breach breach) {
    }

    private final Vertx vertx;
    private final Tenancy tenancy;

    public AlertEvaluator(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.tenancy = tenancy;
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Evaluates the client's enabled metric rules, score rules, or both, in one transaction; the alerts fired. */
    public Future<List<Alert>> evaluateClient(UUID agencyId, UUID clientId, boolean metrics,
                                              boolean score) {
        return tenancy.inAgency(agencyId, sql -> evaluateClientIn(sql, agencyId, clientId, metrics, score));
    }

    /** {@link #evaluateClient} inside the caller's transaction (the alert watcher's, which advances its position). */
    public Future<List<Alert>> evaluateClientIn(SqlConnection sql, UUID agencyId, UUID clientId, boolean metrics,
                                                boolean score) {
        return Alerts.lockClient(sql, clientId)
                .compose(locked -> sql.preparedQuery(ENABLED_RULES).execute(Tuple.of(agencyId, clientId)))
                .compose(rows -> {
                    List<Rule> rules = new ArrayList<>();
                    rows.forEach(row -> rules.add(Alerts.rule(row)));
                    return evaluate(sql, agencyId, clientId,
                            rules.stream().filter(r -> r.onScore() ? score : metrics).toList());
                });
    }

    /**
     * The day a new (or changed) rule starts watching: the latest day with a value of its subject, so that the
     * current state can fire at once, or today when there is none yet. Earlier days are history to it.
     */
    static Future<LocalDate> watchFrom(SqlConnection sql, UUID agencyId, UUID clientId,
                                       String metricOrNull) {
        return sql.preparedQuery(LATEST_DAY).execute(Tuple.of(agencyId, clientId, metricOrNull)).map(rows -> {
            LocalDate latest = rows.iterator().next().getLocalDate("latest");
            LocalDate today = today();
            return latest == null || latest.isAfter(today) ? today : latest;
        });
    }

    /** Evaluates these rules of the client inside the caller's transaction and fires what they find. */
    Future<List<Alert>> evaluate(SqlConnection sql, UUID agencyId, UUID clientId, List<Rule> rules) {
        if (rules.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return sql.preparedQuery(TIME_ZONE).execute(Tuple.of(agencyId, clientId)).compose(zone -> {
            // a metric's days are the client's days: whether one has ended is a question of its time zone
            LocalDate localToday = LocalDate.now(ZoneId.of(zone.iterator().next().getString("time_zone")));
            return evaluate(sql, agencyId, clientId, rules, localToday);
        });
    }

    private Future<List<Alert>> evaluate(SqlConnection sql, UUID agencyId, UUID clientId, List<Rule> rules,
                                         LocalDate localToday) {
        LocalDate today = today();
        // data dated today in a time zone ahead of UTC is still today's
        LocalDate to = today.plusDays(1);
        LocalDate recent = today.minusDays(RECENT_DAYS - 1L);
        LocalDate earliest = rules.stream().map(r -> r.activeFrom().isAfter(recent) ? r.activeFrom() : recent)
                .min(LocalDate::compareTo).orElseThrow();
        // the band of the earliest day needs the days before it, and a crossing the day before that
        LocalDate from = earliest.minusDays(AdaptiveBand.WINDOW_DAYS + 1L);
        boolean anyMetric = rules.stream().anyMatch(r -> !r.onScore());
        boolean anyScore = rules.stream().anyMatch(Rule::onScore);
        Future<Map<String, List<DailyValue>>> daily = anyMetric
                ? DailyTotalStore.load(sql, agencyId, clientId, from, to) : Future.succeededFuture(Map.of());
        Future<List<DailyValue>> scores = !anyScore ? Future.succeededFuture(List.of())
                : sql.preparedQuery(SCORES).execute(Tuple.of(agencyId, clientId, from, to)).map(rows -> {
                    List<DailyValue> values = new ArrayList<>();
                    rows.forEach(row -> values.add(new DailyValue(row.getLocalDate("as_of"), row.getDouble("score"))));
                    return values;
                });
        return Future.all(daily, scores).compose(loaded -> vertx.executeBlocking(() -> {
            List<Found> found = new ArrayList<>();
            for (Rule rule : rules) {
                TreeMap<LocalDate, Double> series = new TreeMap<>();
                (rule.onScore() ? scores.result() : daily.result().getOrDefault(rule.metric(), List.of()))
                        .forEach(v -> series.put(v.date(), v.value()));
                // the score is judged as recorded; a metric's day once it can no longer undo a breach
                LocalDate last = rule.onScore() ? to : AlertEvaluation.lastJudgedDay(rule.domain(),
                        MetricCatalogue.find(rule.metric()).orElseThrow().aggregation(), localToday);
                for (Breach breach : AlertEvaluation.evaluate(rule.domain(), series, rule.subject(), rule.activeFrom(), last)) {
                    if (!breach.day().isBefore(recent)) {
                        found.add(new Found(rule, breach));
                    }
                }
            }
            return found;
        }, false)).compose(found -> {
            List<Alert> fired = new ArrayList<>();
            Future<?> chain = Future.succeededFuture();
            for (Found f : found) {
                chain = chain.compose(done -> fire(sql, agencyId, clientId, f)).map(alert -> {
                    alert.ifPresent(fired::add);
                    return null;
                });
            }
            return chain.map(done -> fired);
        });
    }

    /** Inserts the alert unless this rule already fired on that day; then notifies, announces and logs it. */
    private Future<Optional<Alert>> fire(SqlConnection sql, UUID agencyId, UUID clientId,
                                                   Found found) {
        Breach b = found.breach();
        return sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {agencyId, clientId, found.rule().id(),
                        b.day(), b.value(), b.threshold(), b.low(), b.high(), b.baseline(), b.message()}))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(Optional.<Alert>empty());
                    }
                    return sql.preparedQuery(ONE_ALERT).execute(Tuple.of(agencyId, rows.iterator().next().getUUID("id")))
                            .map(read -> Alerts.alert(read.iterator().next()))
                            .compose(alert -> EventStore.record(sql, agencyId, clientId, LIVE_KIND, new JsonObject()
                                            .put("action", "fired").put("alert", JsonResponses.toJsonObject(alert)))
                                    .compose(seq -> NotificationStore.alerted(sql, agencyId, clientId, alert.id(),
                                            "Alert: " + alert.message()))
                                    .compose(done -> ActivityStore.recordAutomatic(sql, agencyId, clientId, ACTOR,
                                            "alert.fired", "alert: " + alert.message()))
                                    .map(done -> Optional.of(alert)));
                });
    }
}
