package com.zoomfactor.backend.alerts;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.alerts.AlertRuleStore.NewRule;
import com.zoomfactor.backend.alerts.AlertRuleStore.Rule;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.metrics.SubjectValues;
import com.zoomfactor.backend.scope.RequestScope;
import com.zoomfactor.domain.alerts.AlertDirection;
import com.zoomfactor.domain.alerts.AlertEvaluation;
import com.zoomfactor.domain.alerts.AlertRule;
import com.zoomfactor.domain.live.LiveKind;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Alert rules of a client: a threshold on a metric's or the Zoom Factor's daily value, or a metric's adaptive band.
 * A rule added, changed or enabled starts watching from the latest day with data, evaluated at once in the same
 * transaction (so the current state can fire straight away); after that the {@link AlertWatcher} evaluates it when
 * data changes.
 */
public final class AlertRuleHandlers {

    static final int MAX_RULES = 50;

    private final RequestScope scope;
    private final AlertEvaluator evaluator;

    public AlertRuleHandlers(Tenancy tenancy, AlertEvaluator evaluator) {
        this.scope = new RequestScope(tenancy);
        this.evaluator = evaluator;
    }

    /** GET /api/clients/{id}/alert-rules — oldest first. */
    public void list(RoutingContext ctx) {
        scope.inClient(ctx, (caller, clientId, sql) -> AlertRuleStore.list(sql, caller.agencyId(), clientId)).ok();
    }

    /** POST /api/clients/{id}/alert-rules {kind, metric ("score" for the Zoom Factor), direction?, threshold?, enabled?} */
    public void create(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        AlertRule.Kind kind = body.optionalText("kind", 20).map(k -> AlertRule.Kind.find(k).orElse(null))
                .orElseThrow(() -> ApiException.badRequest("kind is required: \"threshold\" or \"adaptive\""));
        String metric = body.optionalText("metric", 100).map(AlertRuleHandlers::subject)
                .orElseThrow(() -> ApiException.badRequest("metric is required: a metric key, or \"score\" for the"
                        + " Zoom Factor"));
        if (kind == AlertRule.Kind.ADAPTIVE && metric.equals(AlertRuleStore.SCORE)) {
            throw ApiException.badRequest("metric: an adaptive rule watches a metric's normal band; give the Zoom"
                    + " Factor a threshold instead");
        }
        AlertDirection direction = direction(body, kind).orElseGet(() -> {
            if (kind == AlertRule.Kind.THRESHOLD) {
                throw ApiException.badRequest("direction is required for a threshold: \"above\" or \"below\"");
            }
            return AlertDirection.EITHER;
        });
        NewRule rule = new NewRule(kind, metric, direction, threshold(body, kind, metric), enabled(body).orElse(true),
                channels(body).orElse(AlertRuleStore.CHANNELS));
        scope.inClient(ctx, (caller, clientId, sql) -> AlertStore.lockClient(sql, clientId)
                .compose(locked -> AlertRuleStore.count(sql, caller.agencyId(), clientId))
                .compose(count -> {
                    // every rule is evaluated on each change of the client's data, in one transaction
                    if (count >= MAX_RULES) {
                        throw ApiException.badRequest("a client has at most " + MAX_RULES
                                + " alert rules: delete one first");
                    }
                    return AlertEvaluator.watchFrom(sql, caller.agencyId(), clientId, metric);
                })
                .compose(from -> AlertRuleStore.create(sql, caller.agencyId(), clientId, rule, from,
                        caller instanceof Caller.Person p ? p.personId() : null))
                .compose(id -> AlertRuleStore.one(sql, caller.agencyId(), clientId, id))
                .compose(created -> announce(sql, caller, created, "created",
                        "added an alert rule: " + describe(created)))).created();
    }

    /** PATCH /api/clients/{id}/alert-rules/{ruleId} {direction?, threshold?, enabled?} — watches afresh from now. */
    public void update(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "ruleId", "alert rule");
        JsonBody body = JsonBody.of(ctx);
        if (body.has("kind") || body.has("metric")) {
            throw ApiException.badRequest("kind and metric of a rule cannot change: delete it and add another");
        }
        scope.inClient(ctx, (caller, clientId, sql) -> AlertStore.lockClient(sql, clientId)
                .compose(locked -> AlertRuleStore.one(sql, caller.agencyId(), clientId, id))
                .compose(current -> {
                    AlertRule.Kind kind = AlertRule.Kind.find(current.kind()).orElseThrow();
                    AlertDirection direction = direction(body, kind)
                            .orElse(AlertDirection.find(current.direction()).orElseThrow());
                    Double threshold = body.has("threshold") ? threshold(body, kind, current.metric())
                            : current.threshold();
                    boolean enabled = enabled(body).orElse(current.enabled());
                    List<String> channels = channels(body).orElse(current.channels());
                    // a changed line (or a resumed rule) watches afresh; anything else keeps its watch,
                    // so that saving a rule again never re-reports a breach already reported
                    boolean afresh = !direction.key().equals(current.direction())
                            || !Objects.equals(threshold, current.threshold()) || (enabled && !current.enabled());
                    Future<LocalDate> watch = afresh
                            ? AlertEvaluator.watchFrom(sql, caller.agencyId(), clientId, current.metric())
                            : Future.succeededFuture(current.activeFrom());
                    return watch.compose(from -> AlertRuleStore.update(sql, caller.agencyId(), clientId, id,
                            direction, threshold, enabled, from, channels));
                })
                .compose(updated -> AlertRuleStore.one(sql, caller.agencyId(), clientId, id))
                .compose(rule -> announce(sql, caller, rule, "updated", "changed an alert rule: " + describe(rule))))
                .ok();
    }

    /** DELETE /api/clients/{id}/alert-rules/{ruleId} — with the alerts it fired. */
    public void delete(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "ruleId", "alert rule");
        scope.inClient(ctx, (caller, clientId, sql) -> AlertStore.lockClient(sql, clientId)
                .compose(locked -> AlertRuleStore.one(sql, caller.agencyId(), clientId, id))
                .compose(rule -> AlertRuleStore.delete(sql, caller.agencyId(), clientId, id)
                        .compose(deleted -> ActivityStore.recordChange(sql, caller, clientId, LiveKind.ALERT_RULE,
                                new JsonObject().put("action", "deleted").put("id", id.toString()),
                                "alert_rule.deleted", "removed an alert rule: " + describe(rule))))).noContent();
    }

    /** Records the change, then evaluates an enabled rule at once (it may fire in this very transaction). */
    private Future<Rule> announce(SqlConnection sql, Caller caller, Rule rule, String action, String summary) {
        return ActivityStore.recordChange(sql, caller, rule.clientId(), LiveKind.ALERT_RULE, new JsonObject()
                        .put("action", action).put("rule", JsonResponses.toJsonObject(rule)), "alert_rule." + action,
                        summary)
                .compose(recorded -> rule.enabled()
                        ? evaluator.evaluate(sql, caller.agencyId(), rule.clientId(), List.of(rule))
                        : Future.succeededFuture(List.of()))
                .map(fired -> rule);
    }

    static String describe(Rule rule) {
        String what = rule.kind().equals("threshold")
                ? rule.subject() + " " + rule.direction() + " " + AlertEvaluation.number(rule.threshold())
                : rule.subject() + " leaving its normal band" + switch (rule.direction()) {
                    case "above" -> " upwards";
                    case "below" -> " downwards";
                    default -> "";
                };
        return rule.enabled() ? what : what + " (disabled)";
    }

    /** A metric key of the catalogue, or "score". */
    private static String subject(String key) {
        if (key.equals(AlertRuleStore.SCORE)) {
            return key;
        }
        return MetricCatalogue.find(key).orElseThrow(() -> ApiException.badRequest("metric: unknown metric '" + key
                + "'; GET /api/metrics lists them, or use \"score\" for the Zoom Factor")).key();
    }

    private static Optional<AlertDirection> direction(JsonBody body, AlertRule.Kind kind) {
        return body.optionalText("direction", 20).map(d -> {
            AlertDirection direction = AlertDirection.find(d).orElse(null);
            if (kind == AlertRule.Kind.THRESHOLD && direction != AlertDirection.ABOVE && direction != AlertDirection.BELOW) {
                throw ApiException.badRequest("direction of a threshold must be \"above\" or \"below\"");
            }
            if (direction == null) {
                throw ApiException.badRequest("direction must be \"above\", \"below\" or \"either\"");
            }
            return direction;
        });
    }

    private static Double threshold(JsonBody body, AlertRule.Kind kind, String metric) {
        Object value = body.raw("threshold");
        if (kind == AlertRule.Kind.ADAPTIVE) {
            if (value != null) {
                throw ApiException.badRequest("threshold: an adaptive rule has no fixed threshold (its band moves)");
            }
            return null;
        }
        return SubjectValues.required(body, "threshold", metric.equals(AlertRuleStore.SCORE) ? null : metric);
    }

    /** Where alerts go: a subset of in_app, email, webhook (empty: the alert is only listed with the client's). */
    private static Optional<List<String>> channels(JsonBody body) {
        return body.optionalStrings("channels", 3).map(given -> {
            for (String channel : given) {
                if (!AlertRuleStore.CHANNELS.contains(channel)) {
                    throw ApiException.badRequest("channels: unknown channel '" + channel + "', one of "
                            + String.join(", ", AlertRuleStore.CHANNELS));
                }
            }
            return AlertRuleStore.CHANNELS.stream().filter(given::contains).toList();
        });
    }

    private static Optional<Boolean> enabled(JsonBody body) {
        Object value = body.raw("enabled");
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean enabled)) {
            throw ApiException.badRequest("enabled must be true or false");
        }
        return Optional.of(enabled);
    }
}
