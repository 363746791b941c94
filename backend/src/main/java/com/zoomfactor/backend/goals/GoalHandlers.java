package com.zoomfactor.backend.goals;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.goals.GoalStore.Stored;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.metrics.SubjectValues;
import com.zoomfactor.backend.scope.RequestScope;
import com.zoomfactor.domain.goals.GoalSeries;
import com.zoomfactor.domain.live.LiveKind;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Goals: a target for a metric (over a trailing window, by the metric's own aggregation) or for the Zoom Factor, by
 * a deadline; each answered with its progress and a forecast from the current trend (docs/api.md, GoalForecast).
 */
public final class GoalHandlers {

    private final GoalForecasts forecasts;
    private final RequestScope scope;

    public GoalHandlers(Vertx vertx, Tenancy tenancy) {
        this.forecasts = new GoalForecasts(vertx);
        this.scope = new RequestScope(tenancy);
    }

    /** GET /api/clients/{id}/goals — by deadline, each with progress, forecast and status. */
    public void list(RoutingContext ctx) {
        scope.inClient(ctx, (caller, clientId, sql) -> forecasts.all(sql, caller.agencyId(), clientId)).ok();
    }

    /**
     * GET /api/goals — every goal of the agency's clients (a client viewer: of their client), each with its forecast,
     * for the portfolio.
     */
    public void portfolio(RoutingContext ctx) {
        scope.inAgency(ctx, (caller, sql) -> forecasts.portfolio(sql, caller.agencyId(), caller.onlyClient())).ok();
    }

    /** GET /api/clients/{id}/goals/{goalId} */
    public void get(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "goalId", "goal");
        scope.inClient(ctx, (caller, clientId, sql) -> read(sql, caller.agencyId(), clientId, id)).ok();
    }

    /** POST /api/clients/{id}/goals {metric? ("score" or absent: the Zoom Factor), target, deadline, windowDays?} */
    public void create(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        String metric = body.optionalText("metric", 100).filter(key -> !key.equals(Goal.SCORE)).map(key -> MetricCatalogue
                .find(key).orElseThrow(() -> ApiException.badRequest("metric: unknown metric '" + key
                        + "'; GET /api/metrics lists them, or use \"score\" for the Zoom Factor")).key()).orElse(null);
        double target = SubjectValues.required(body, "target", metric);
        LocalDate deadline = deadline(body);
        int windowDays = windowDays(body).orElse(GoalSeries.DEFAULT_WINDOW_DAYS);
        scope.inClient(ctx, (caller, clientId, sql) -> {
            UUID person = caller instanceof Caller.Person p ? p.personId() : null;
            // progress is measured from where the goal started
            return forecasts.of(sql, caller.agencyId(), clientId, List.of(new Stored(null, metric, target, deadline,
                            windowDays, null, null, null)))
                    .compose(now -> GoalStore.insert(sql, caller.agencyId(), clientId, metric, target, deadline,
                            windowDays, now.get(0).current(), person))
                    .compose(id -> read(sql, caller.agencyId(), clientId, id))
                    .compose(goal -> announce(sql, caller, clientId, goal, "created", "set a goal: " + describe(goal)));
        }).created();
    }

    /** PATCH /api/clients/{id}/goals/{goalId} {target?, deadline?, windowDays?} */
    public void update(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "goalId", "goal");
        JsonBody body = JsonBody.of(ctx);
        boolean targetGiven = body.has("target");
        boolean deadlineGiven = body.has("deadline");
        Optional<Integer> windowDays = windowDays(body);
        scope.inClient(ctx, (caller, clientId, sql) -> GoalStore.one(sql, caller.agencyId(), clientId, id)
                // the target's unit is the stored goal's subject: read it before checking the target
                .compose(current -> GoalStore.update(sql, caller.agencyId(), clientId, id,
                        targetGiven ? SubjectValues.required(body, "target", current.metric()) : current.target(),
                        deadlineGiven ? deadline(body) : current.deadline(),
                        windowDays.orElse(current.windowDays())))
                .compose(updated -> read(sql, caller.agencyId(), clientId, id))
                .compose(goal -> announce(sql, caller, clientId, goal, "updated", "changed a goal: " + describe(goal))))
                .ok();
    }

    /** DELETE /api/clients/{id}/goals/{goalId} */
    public void delete(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "goalId", "goal");
        scope.inClient(ctx, (caller, clientId, sql) -> GoalStore.delete(sql, caller.agencyId(), clientId, id)
                .compose(metric -> ActivityStore.recordChange(sql, caller, clientId, LiveKind.GOAL,
                        new JsonObject().put("action", "deleted").put("id", id.toString()), "goal.deleted",
                        "removed the goal for " + (metric == null ? "the Zoom Factor" : metric))))
                .noContent();
    }

    /** The stored goal with its forecast, or 404. */
    private Future<Goal> read(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return GoalStore.one(sql, agencyId, clientId, id)
                .compose(goal -> forecasts.of(sql, agencyId, clientId, List.of(goal)))
                .map(goals -> goals.get(0));
    }

    private static Future<Goal> announce(SqlConnection sql, Caller caller, UUID clientId, Goal goal, String action,
                                         String summary) {
        return ActivityStore.recordChange(sql, caller, clientId, LiveKind.GOAL, new JsonObject().put("action", action)
                .put("goal", JsonResponses.toJsonObject(goal)), "goal." + action, summary).map(goal);
    }

    private static String describe(Goal goal) {
        String subject = goal.metric().equals(Goal.SCORE) ? "the Zoom Factor" : goal.metric();
        return String.format(Locale.ROOT, "%s at %s by %s", subject, trim(goal.target()), goal.deadline());
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%s", value);
    }

    private static LocalDate deadline(JsonBody body) {
        LocalDate deadline = body.optionalDate("deadline").orElseThrow(() -> ApiException.badRequest("deadline is required"));
        if (deadline.isBefore(LocalDate.now(ZoneOffset.UTC))) {
            throw ApiException.badRequest("deadline must not lie in the past");
        }
        return deadline;
    }

    private static Optional<Integer> windowDays(JsonBody body) {
        Object value = body.raw("windowDays");
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Integer days) || days < 1 || days > GoalSeries.MAX_WINDOW_DAYS) {
            throw ApiException.badRequest("windowDays must be a whole number from 1 to " + GoalSeries.MAX_WINDOW_DAYS);
        }
        return Optional.of(days);
    }
}
