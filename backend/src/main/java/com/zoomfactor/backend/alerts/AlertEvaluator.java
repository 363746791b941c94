package com.zoomfactor.backend.alerts;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.alerts.AlertRuleStore.Rule;
import com.zoomfactor.backend.alerts.AlertStore.Alert;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.events.EventStore;
import com.zoomfactor.backend.notifications.Notifier;
import com.zoomfactor.backend.outbox.Outbox;
import com.zoomfactor.backend.webhooks.WebhookEvents;
import com.zoomfactor.backend.observations.DailyTotalStore;
import com.zoomfactor.domain.alerts.AdaptiveBand;
import com.zoomfactor.domain.alerts.AlertEvaluation;
import com.zoomfactor.domain.alerts.AlertEvaluation.Breach;
import com.zoomfactor.domain.live.LiveKind;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.series.DailyValue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
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
 * a live {@code alert} event and an activity line, and on the rule's channels a notification for everyone who can see
 * the client, e-mails and webhook calls (through the outbox), all in the evaluation's transaction.
 */
public final class AlertEvaluator {

    /** Only the days this recent are evaluated: alerts are about now, and the work stays bounded. */
    static final int RECENT_DAYS = 35;
    /** Who fired an alert, in the activity feed. */
    static final String ACTOR = "Alerts";

    private record Found(Rule rule, Breach breach) {
    }

    private final Vertx vertx;
    private final Tenancy tenancy;
    private final Notifier notifier;
    private final Outbox outbox;

    public AlertEvaluator(Vertx vertx, Tenancy tenancy, Outbox outbox) {
        this.vertx = vertx;
        this.tenancy = tenancy;
        this.notifier = new Notifier(outbox);
        this.outbox = outbox;
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
        return AlertStore.lockClient(sql, clientId)
                .compose(locked -> AlertRuleStore.enabled(sql, agencyId, clientId))
                .compose(rules -> evaluate(sql, agencyId, clientId,
                        rules.stream().filter(r -> r.onScore() ? score : metrics).toList()));
    }

    /**
     * The day a new (or changed) rule starts watching: the latest day with a value of its subject, so that the
     * current state can fire at once, or today when there is none yet. Earlier days are history to it.
     */
    static Future<LocalDate> watchFrom(SqlConnection sql, UUID agencyId, UUID clientId, String subject) {
        return AlertInputStore.latestDay(sql, agencyId, clientId, subject).map(latest -> {
            LocalDate today = today();
            return latest.isEmpty() || latest.get().isAfter(today) ? today : latest.get();
        });
    }

    /** Evaluates these rules of the client inside the caller's transaction and fires what they find. */
    Future<List<Alert>> evaluate(SqlConnection sql, UUID agencyId, UUID clientId, List<Rule> rules) {
        if (rules.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        // a metric's days are the client's days: whether one has ended is a question of its time zone
        return AlertInputStore.timeZone(sql, agencyId, clientId)
                .compose(zone -> evaluate(sql, agencyId, clientId, rules, LocalDate.now(zone)));
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
                : AlertInputStore.dailyScores(sql, agencyId, clientId, from, to);
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
    private Future<Optional<Alert>> fire(SqlConnection sql, UUID agencyId, UUID clientId, Found found) {
        return AlertStore.fire(sql, agencyId, clientId, found.rule().id(), found.breach()).compose(inserted -> {
            if (inserted.isEmpty()) {
                return Future.succeededFuture(Optional.<Alert>empty());
            }
            Alert alert = inserted.get();
            Rule rule = found.rule();
            JsonObject data = JsonResponses.toJsonObject(alert);
            return EventStore.record(sql, agencyId, clientId, LiveKind.ALERT, new JsonObject()
                            .put("action", "fired").put("alert", data))
                    .compose(seq -> AlertInputStore.clientName(sql, agencyId, clientId))
                    .compose(client -> {
                        String sentence = AlertWords.sentence(alert, client);
                        return notifier.alerted(sql, agencyId, clientId, alert.id(), "Alert: " + alert.message(),
                                        new Notifier.AlertWords("Alert on " + client + ": "
                                                + sentence.substring(0, Math.min(200, sentence.length())),
                                                List.of(sentence)),
                                        rule.deliversTo("in_app"), rule.deliversTo("email"))
                                .compose(done -> rule.deliversTo("webhook")
                                        ? WebhookEvents.publish(sql, outbox, agencyId, clientId,
                                                WebhookEvents.ALERT_FIRED, alert.id().toString(), sentence,
                                                new JsonObject().put("client", new JsonObject()
                                                        .put("id", clientId.toString()).put("name", client))
                                                        .put("alert", data))
                                        : Future.<Void>succeededFuture());
                    })
                    .compose(done -> ActivityStore.recordAutomatic(sql, agencyId, clientId, ACTOR,
                            "alert.fired", "alert: " + alert.message()))
                    .map(done -> Optional.of(alert));
        });
    }
}
