package com.zoomfactor.backend.annotations;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.observations.DailyTotalStore;
import com.zoomfactor.backend.scope.RequestScope;
import com.zoomfactor.domain.annotations.AnnotationImpact;
import com.zoomfactor.domain.annotations.MetricImpact;
import com.zoomfactor.domain.live.LiveKind;
import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.series.DailyValue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Annotations on a client's timeline: what happened on a day ("campaign launched"), optionally about one metric,
 * and its before/after impact on the metrics and the score. Every change is in the activity feed and live.
 */
public final class AnnotationHandlers {

    static final int MAX_TEXT = 500;

    /** The score's last value in the days before and in the days after (null when none was recorded). */
    public record ScoreImpact(Double before, Double after, Double change) {
    }

    public record Impact(Annotation annotation, int days, List<MetricImpact> metrics, ScoreImpact score) {
    }

    private final Vertx vertx;
    private final RequestScope scope;

    public AnnotationHandlers(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.scope = new RequestScope(tenancy);
    }

    /** GET /api/clients/{id}/annotations[?from=&to=] — by day. */
    public void list(RoutingContext ctx) {
        LocalDate from = QueryParams.date(ctx, "from").orElse(LocalDate.of(1900, 1, 1));
        LocalDate to = QueryParams.date(ctx, "to").orElse(LocalDate.of(2200, 12, 31));
        if (from.isAfter(to)) {
            throw ApiException.badRequest("from must not lie after to");
        }
        scope.inClient(ctx, (caller, clientId, sql) -> AnnotationStore.between(sql, caller.agencyId(), clientId, from,
                to)).ok();
    }

    /** POST /api/clients/{id}/annotations {date, text, metric?, visibility? (internal unless "public")} */
    public void create(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        LocalDate date = body.optionalDate("date").orElseThrow(() -> ApiException.badRequest("date is required"));
        String text = body.requiredText("text", MAX_TEXT);
        String metric = metric(body).orElse(null);
        String visibility = visibility(body).orElse(Annotation.INTERNAL);
        scope.inClient(ctx, (caller, clientId, sql) -> {
            UUID person = caller instanceof Caller.Person p ? p.personId() : null;
            return AnnotationStore.insert(sql, caller.agencyId(), clientId, date, text, metric, visibility, person)
                    .compose(created -> announce(sql, caller, created, "created",
                            "annotated " + created.date() + ": " + created.text()));
        }).created();
    }

    /** GET /api/clients/{id}/annotations/{annotationId} */
    public void get(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "annotationId", "annotation");
        scope.inClient(ctx, (caller, clientId, sql) -> AnnotationStore.one(sql, caller.agencyId(), clientId, id)).ok();
    }

    /** PATCH /api/clients/{id}/annotations/{annotationId} {date?, text?, metric? (null clears it), visibility?} */
    public void update(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "annotationId", "annotation");
        JsonBody body = JsonBody.of(ctx);
        Optional<LocalDate> date = body.optionalDate("date");
        Optional<String> text = body.optionalText("text", MAX_TEXT);
        boolean metricGiven = body.has("metric");
        Optional<String> metric = metric(body);
        Optional<String> visibility = visibility(body);
        scope.inClient(ctx, (caller, clientId, sql) -> AnnotationStore.one(sql, caller.agencyId(), clientId, id)
                .compose(current -> AnnotationStore.update(sql, caller.agencyId(), clientId, id,
                        date.orElse(current.date()), text.orElse(current.text()),
                        metricGiven ? metric.orElse(null) : current.metric(),
                        visibility.orElse(current.visibility())))
                .compose(updated -> announce(sql, caller, updated, "updated",
                        "edited the annotation of " + updated.date() + ": " + updated.text()))).ok();
    }

    /** DELETE /api/clients/{id}/annotations/{annotationId} */
    public void delete(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "annotationId", "annotation");
        scope.inClient(ctx, (caller, clientId, sql) -> AnnotationStore.delete(sql, caller.agencyId(), clientId, id)
                .compose(deleted -> ActivityStore.recordChange(sql, caller, clientId, LiveKind.ANNOTATION,
                        new JsonObject().put("action", "deleted").put("id", id.toString()), "annotation.deleted",
                        "deleted the annotation of " + deleted.day() + ": " + deleted.text()))).noContent();
    }

    /**
     * GET /api/clients/{id}/annotations/{annotationId}/impact[?days=14] — each relevant metric (the annotation's own,
     * else every metric with data around it) and the score, over the days after against the days before.
     */
    public void impact(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "annotationId", "annotation");
        int days = QueryParams.integer(ctx, "days", AnnotationImpact.DEFAULT_DAYS, 1, AnnotationImpact.MAX_DAYS);
        scope.inClient(ctx, (caller, clientId, sql) -> {
            UUID agencyId = caller.agencyId();
            return AnnotationStore.one(sql, agencyId, clientId, id).compose(annotation -> {
                LocalDate day = annotation.date();
                Future<Map<String, List<DailyValue>>> daily =
                        DailyTotalStore.load(sql, agencyId, clientId, day.minusDays(days), day.plusDays(days - 1L));
                Future<Double> before = AnnotationStore.score(sql, agencyId, clientId, day.minusDays(days),
                        day.minusDays(1));
                Future<Double> after = AnnotationStore.score(sql, agencyId, clientId, day, day.plusDays(days - 1L));
                return Future.all(daily, before, after).map(all -> new Around(annotation, daily.result(),
                        before.result(), after.result()));
            });
        })
                // the trend tests are CPU work: off the event loop (and after the transaction, which they do not need)
                .then(around -> vertx.executeBlocking(() -> impact(around.annotation(), days, around.daily(),
                        around.scoreBefore(), around.scoreAfter()), false))
                .ok();
    }

    /** What the impact is computed from: the days around the annotation and the score on either side. */
    private record Around(Annotation annotation, Map<String, List<DailyValue>> daily, Double scoreBefore,
                          Double scoreAfter) {
    }

    private static Impact impact(Annotation annotation, int days,
                                 Map<String, List<DailyValue>> daily,
                                 Double before, Double after) {
        List<MetricImpact> metrics = new ArrayList<>();
        daily.forEach((key, values) -> {
            if (annotation.metric() == null || annotation.metric().equals(key)) {
                Metric metric = MetricCatalogue.find(key).orElseThrow();
                AnnotationImpact.of(metric, values, annotation.date(), days).ifPresent(metrics::add);
            }
        });
        // the clearest movers first
        metrics.sort(Comparator.comparingDouble(MetricImpact::confidence).reversed()
                .thenComparing(MetricImpact::metric));
        ScoreImpact score = new ScoreImpact(before, after, before == null || after == null ? null : after - before);
        return new Impact(annotation, days, metrics, score);
    }

    private static Future<Annotation> announce(SqlConnection sql, Caller caller, Annotation annotation, String action,
                                               String summary) {
        return ActivityStore.recordChange(sql, caller, annotation.clientId(), LiveKind.ANNOTATION, new JsonObject()
                        .put("action", action).put("annotation", JsonResponses.toJsonObject(annotation)),
                "annotation." + action, summary).map(annotation);
    }

    private static Optional<String> visibility(JsonBody body) {
        return body.optionalText("visibility", 20).map(value -> {
            if (!Annotation.INTERNAL.equals(value) && !Annotation.PUBLIC.equals(value)) {
                throw ApiException.badRequest("visibility must be internal or public");
            }
            return value;
        });
    }

    private static Optional<String> metric(JsonBody body) {
        return body.optionalText("metric", 100).map(key -> MetricCatalogue.find(key)
                .orElseThrow(() -> ApiException.badRequest("metric: unknown metric '" + key
                        + "'; GET /api/metrics lists them")).key());
    }
}
