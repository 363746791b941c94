package com.zoomfactor.backend.alerts;

import com.zoomfactor.backend.scope.ClientCheckStore;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.alerts.Alerts.Rule;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.events.EventStore;
import com.zoomfactor.backend.metrics.SubjectValues;
import com.zoomfactor.domain.alerts.AlertDirection;
import com.zoomfactor.domain.alerts.AlertEvaluation;
import com.zoomfactor.domain.alerts.AlertRule;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
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

    public static final String LIVE_KIND = com.zoomfactor.domain.live.LiveKind.ALERT_RULE.wire();

    static final int MAX_RULES = 50;
    private static final String COUNT = "SELECT count(*) AS rules FROM alert_rules WHERE agency_id = $1 AND client_id = $2";
    private static final String LIST = "SELECT " + Alerts.RULE_COLUMNS
            + " FROM alert_rules WHERE agency_id = $1 AND client_id = $2 ORDER BY created_at, id";
    private static final String INSERT = """
            INSERT INTO alert_rules (agency_id, client_id, kind, metric, direction, threshold, enabled, active_from,
                                     created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id""";
    private static final String UPDATE = """
            UPDATE alert_rules SET direction = $4, threshold = $5, enabled = $6, active_from = $7, updated_at = now()
             WHERE agency_id = $1 AND client_id = $2 AND id = $3""";
    private static final String DELETE = "DELETE FROM alert_rules WHERE agency_id = $1 AND client_id = $2 AND id = $3";

    private final Tenancy tenancy;
    private final AlertEvaluator evaluator;

    public AlertRuleHandlers(Tenancy tenancy, AlertEvaluator evaluator) {
        this.tenancy = tenancy;
        this.evaluator = evaluator;
    }

    /** GET /api/clients/{id}/alert-rules — oldest first. */
    public void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        UUID agencyId = caller.agencyId();
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        .compose(exists -> sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId))))
                .map(rows -> {
                    List<Rule> rules = new ArrayList<>();
                    rows.forEach(row -> rules.add(Alerts.rule(row)));
                    return rules;
                })
                .onSuccess(rules -> JsonResponses.send(ctx, 200, rules))
                .onFailure(ctx::fail);
    }

    /** POST /api/clients/{id}/alert-rules {kind, metric ("score" for the Zoom Factor), direction?, threshold?, enabled?} */
    public void create(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        JsonBody body = JsonBody.of(ctx);
        AlertRule.Kind kind = body.optionalText("kind", 20).map(k -> AlertRule.Kind.find(k).orElse(null))
                .orElseThrow(() -> ApiException.badRequest("kind is required: \"threshold\" or \"adaptive\""));
        String metric = body.optionalText("metric", 100).map(AlertRuleHandlers::subject)
                .orElseThrow(() -> ApiException.badRequest("metric is required: a metric key, or \"score\" for the"
                        + " Zoom Factor"));
        if (kind == AlertRule.Kind.ADAPTIVE && metric.equals(Alerts.SCORE)) {
            throw ApiException.badRequest("metric: an adaptive rule watches a metric's normal band; give the Zoom"
                    + " Factor a threshold instead");
        }
        AlertDirection direction = direction(body, kind).orElseGet(() -> {
            if (kind == AlertRule.Kind.THRESHOLD) {
                throw ApiException.badRequest("direction is required for a threshold: \"above\" or \"below\"");
            }
            return AlertDirection.EITHER;
        });
        Double threshold = threshold(body, kind, metric);
        boolean enabled = enabled(body).orElse(true);
        UUID person = caller instanceof Caller.Person p ? p.personId() : null;
        UUID agencyId = caller.agencyId();
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        .compose(exists -> Alerts.lockClient(sql, clientId))
                        .compose(locked -> sql.preparedQuery(COUNT).execute(Tuple.of(agencyId, clientId)))
                        .compose(count -> {
                            // every rule is evaluated on each change of the client's data, in one transaction
                            if (count.iterator().next().getLong("rules") >= MAX_RULES) {
                                throw ApiException.badRequest("a client has at most " + MAX_RULES
                                        + " alert rules: delete one first");
                            }
                            return AlertEvaluator.watchFrom(sql, agencyId, clientId, column(metric));
                        })
                        .compose(from -> sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {agencyId, clientId,
                                kind.key(), column(metric), direction.key(), threshold, enabled, from, person})))
                        .compose(rows -> Alerts.oneRule(sql, agencyId, clientId, rows.iterator().next().getUUID("id")))
                        .compose(rule -> announce(sql, caller, rule, "created", "added an alert rule: " + describe(rule))))
                .onSuccess(rule -> JsonResponses.send(ctx, 201, rule))
                .onFailure(ctx::fail);
    }

    /** PATCH /api/clients/{id}/alert-rules/{ruleId} {direction?, threshold?, enabled?} — watches afresh from now. */
    public void update(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        UUID id = PathParams.uuid(ctx, "ruleId", "alert rule");
        JsonBody body = JsonBody.of(ctx);
        if (body.has("kind") || body.has("metric")) {
            throw ApiException.badRequest("kind and metric of a rule cannot change: delete it and add another");
        }
        UUID agencyId = caller.agencyId();
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        .compose(exists -> Alerts.lockClient(sql, clientId))
                        .compose(locked -> Alerts.oneRule(sql, agencyId, clientId, id))
                        .compose(current -> {
                            AlertRule.Kind kind = AlertRule.Kind.find(current.kind()).orElseThrow();
                            AlertDirection direction = direction(body, kind)
                                    .orElse(AlertDirection.find(current.direction()).orElseThrow());
                            Double threshold = body.has("threshold") ? threshold(body, kind, current.metric())
                                    : current.threshold();
                            boolean enabled = enabled(body).orElse(current.enabled());
                            // a changed line (or a resumed rule) watches afresh; anything else keeps its watch,
                            // so that saving a rule again never re-reports a breach already reported
                            boolean afresh = !direction.key().equals(current.direction())
                                    || !Objects.equals(threshold, current.threshold()) || (enabled && !current.enabled());
                            Future<LocalDate> watch = afresh
                                    ? AlertEvaluator.watchFrom(sql, agencyId, clientId, column(current.metric()))
                                    : Future.succeededFuture(current.activeFrom());
                            return watch
                                    .compose(from -> sql.preparedQuery(UPDATE).execute(Tuple.of(agencyId, clientId, id,
                                            direction.key(), threshold, enabled, from)));
                        })
                        .compose(updated -> Alerts.oneRule(sql, agencyId, clientId, id))
                        .compose(rule -> announce(sql, caller, rule, "updated", "changed an alert rule: " + describe(rule))))
                .onSuccess(rule -> JsonResponses.send(ctx, 200, rule))
                .onFailure(ctx::fail);
    }

    /** DELETE /api/clients/{id}/alert-rules/{ruleId} — with the alerts it fired. */
    public void delete(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        UUID id = PathParams.uuid(ctx, "ruleId", "alert rule");
        UUID agencyId = caller.agencyId();
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        .compose(exists -> Alerts.lockClient(sql, clientId))
                        .compose(locked -> Alerts.oneRule(sql, agencyId, clientId, id))
                        .compose(rule -> sql.preparedQuery(DELETE).execute(Tuple.of(agencyId, clientId, id))
                                .compose(deleted -> EventStore.record(sql, agencyId, clientId, LIVE_KIND, new JsonObject()
                                        .put("action", "deleted").put("id", id.toString())))
                                .compose(seq -> ActivityStore.record(sql, caller, clientId, "alert_rule.deleted",
                                        "removed an alert rule: " + describe(rule)))))
                .onSuccess(done -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    /** Records the change, then evaluates an enabled rule at once (it may fire in this very transaction). */
    private Future<Rule> announce(SqlConnection sql, Caller caller, Rule rule, String action, String summary) {
        return EventStore.record(sql, caller.agencyId(), rule.clientId(), LIVE_KIND, new JsonObject()
                        .put("action", action).put("rule", JsonResponses.toJsonObject(rule)))
                .compose(seq -> ActivityStore.record(sql, caller, rule.clientId(), "alert_rule." + action, summary))
                .compose(entry -> rule.enabled()
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
        if (key.equals(Alerts.SCORE)) {
            return key;
        }
        return MetricCatalogue.find(key).orElseThrow(() -> ApiException.badRequest("metric: unknown metric '" + key
                + "'; GET /api/metrics lists them, or use \"score\" for the Zoom Factor")).key();
    }

    /** The metric column: NULL for the Zoom Factor. */
    private static String column(String subject) {
        return subject.equals(Alerts.SCORE) ? null : subject;
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
        return SubjectValues.required(body, "threshold", metric.equals(Alerts.SCORE) ? null : metric);
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
