package com.zoomfactor.backend.annotations;

import com.zoomfactor.backend.scope.ClientCheckStore;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.events.EventStore;
import com.zoomfactor.backend.observations.DailyTotalStore;
import com.zoomfactor.domain.annotations.AnnotationImpact;
import com.zoomfactor.domain.annotations.MetricImpact;
import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.series.DailyValue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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

    public static final String LIVE_KIND = com.zoomfactor.domain.live.LiveKind.ANNOTATION.wire();
    static final String NOT_FOUND = "No such annotation";
    static final int MAX_TEXT = 500;

    private static final String COLUMNS = "a.id, a.day, a.text, a.metric, a.created_by, u.name AS created_by_name,"
            + " a.created_at, a.updated_at";
    private static final String FROM = " FROM annotations a LEFT JOIN users u ON u.id = a.created_by";
    private static final String LIST = "SELECT " + COLUMNS + FROM
            + " WHERE a.agency_id = $1 AND a.client_id = $2 AND a.day BETWEEN $3 AND $4 ORDER BY a.day, a.created_at";
    private static final String ONE = "SELECT " + COLUMNS + FROM
            + " WHERE a.agency_id = $1 AND a.client_id = $2 AND a.id = $3";
    private static final String INSERT = """
            INSERT INTO annotations (agency_id, client_id, day, text, metric, created_by)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""";
    private static final String UPDATE = """
            UPDATE annotations SET day = $4, text = $5, metric = $6, updated_at = now()
             WHERE agency_id = $1 AND client_id = $2 AND id = $3""";
    private static final String DELETE = "DELETE FROM annotations WHERE agency_id = $1 AND client_id = $2 AND id = $3"
            + " RETURNING day, text";
    /** The last recorded score of a range of days (by the day it is for). */
    private static final String SCORE_IN = """
            SELECT score FROM score_snapshots
             WHERE agency_id = $1 AND client_id = $2 AND as_of BETWEEN $3 AND $4
             ORDER BY as_of DESC, computed_at DESC, id DESC LIMIT 1""";

    public record Author(UUID id, String name) {
    }

    public record Annotation(UUID id, UUID clientId, LocalDate date, String text, String metric, Author createdBy,
                             OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** The score's last value in the days before and in the days after (null when none was recorded). */
    public record ScoreImpact(Double before, Double after, Double change) {
    }

    public record Impact(Annotation annotation, int days, List<MetricImpact> metrics, ScoreImpact score) {
    }

    private final Vertx vertx;
    private final Tenancy tenancy;

    public AnnotationHandlers(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.tenancy = tenancy;
    }

    /** GET /api/clients/{id}/annotations[?from=&to=] — by day. */
    public void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        LocalDate from = QueryParams.date(ctx, "from").orElse(LocalDate.of(1900, 1, 1));
        LocalDate to = QueryParams.date(ctx, "to").orElse(LocalDate.of(2200, 12, 31));
        if (from.isAfter(to)) {
            throw ApiException.badRequest("from must not lie after to");
        }
        tenancy.inAgency(caller.agencyId(), sql -> ClientCheckStore.require(sql, caller.agencyId(), clientId)
                        .compose(exists -> between(sql, caller.agencyId(), clientId, from, to)))
                .onSuccess(annotations -> JsonResponses.send(ctx, 200, annotations))
                .onFailure(ctx::fail);
    }

    /** The client's annotations on the days from..to, by day, inside the caller's transaction. */
    public static Future<List<Annotation>> between(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate from,
                                                   LocalDate to) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId, from, to)).map(rows -> {
            List<Annotation> annotations = new ArrayList<>();
            rows.forEach(row -> annotations.add(annotation(row, clientId)));
            return annotations;
        });
    }

    /** POST /api/clients/{id}/annotations {date, text, metric?} */
    public void create(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        JsonBody body = JsonBody.of(ctx);
        LocalDate date = body.optionalDate("date").orElseThrow(() -> ApiException.badRequest("date is required"));
        String text = body.requiredText("text", MAX_TEXT);
        String metric = metric(body).orElse(null);
        UUID person = caller instanceof Caller.Person p ? p.personId() : null;
        tenancy.inAgency(caller.agencyId(), sql -> ClientCheckStore.require(sql, caller.agencyId(), clientId)
                        .compose(exists -> sql.preparedQuery(INSERT)
                                .execute(Tuple.of(caller.agencyId(), clientId, date, text, metric, person)))
                        .compose(rows -> one(sql, caller.agencyId(), clientId, rows.iterator().next().getUUID("id")))
                        .compose(created -> announce(sql, caller, created, "created",
                                "annotated " + created.date() + ": " + created.text())))
                .onSuccess(created -> JsonResponses.send(ctx, 201, created))
                .onFailure(ctx::fail);
    }

    /** GET /api/clients/{id}/annotations/{annotationId} */
    public void get(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        UUID id = PathParams.uuid(ctx, "annotationId", "annotation");
        tenancy.inAgency(caller.agencyId(), sql -> ClientCheckStore.require(sql, caller.agencyId(), clientId)
                        .compose(exists -> one(sql, caller.agencyId(), clientId, id)))
                .onSuccess(annotation -> JsonResponses.send(ctx, 200, annotation))
                .onFailure(ctx::fail);
    }

    /** PATCH /api/clients/{id}/annotations/{annotationId} {date?, text?, metric? (null clears it)} */
    public void update(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        UUID id = PathParams.uuid(ctx, "annotationId", "annotation");
        JsonBody body = JsonBody.of(ctx);
        Optional<LocalDate> date = body.optionalDate("date");
        Optional<String> text = body.optionalText("text", MAX_TEXT);
        boolean metricGiven = body.has("metric");
        Optional<String> metric = metric(body);
        tenancy.inAgency(caller.agencyId(), sql -> ClientCheckStore.require(sql, caller.agencyId(), clientId)
                        .compose(exists -> one(sql, caller.agencyId(), clientId, id))
                        .compose(current -> sql.preparedQuery(UPDATE).execute(Tuple.of(caller.agencyId(), clientId, id,
                                date.orElse(current.date()), text.orElse(current.text()),
                                metricGiven ? metric.orElse(null) : current.metric()))
                                .compose(updated -> one(sql, caller.agencyId(), clientId, id)))
                        .compose(updated -> announce(sql, caller, updated, "updated",
                                "edited the annotation of " + updated.date() + ": " + updated.text())))
                .onSuccess(updated -> JsonResponses.send(ctx, 200, updated))
                .onFailure(ctx::fail);
    }

    /** DELETE /api/clients/{id}/annotations/{annotationId} */
    public void delete(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        UUID id = PathParams.uuid(ctx, "annotationId", "annotation");
        tenancy.inAgency(caller.agencyId(), sql -> ClientCheckStore.require(sql, caller.agencyId(), clientId)
                        .compose(exists -> sql.preparedQuery(DELETE).execute(Tuple.of(caller.agencyId(), clientId, id)))
                        .compose(rows -> {
                            if (rows.rowCount() == 0) {
                                throw ApiException.notFound(NOT_FOUND);
                            }
                            Row row = rows.iterator().next();
                            return EventStore.record(sql, caller.agencyId(), clientId, LIVE_KIND, new JsonObject()
                                            .put("action", "deleted").put("id", id.toString()))
                                    .compose(seq -> ActivityStore.record(sql, caller, clientId, "annotation.deleted",
                                            "deleted the annotation of " + row.getLocalDate("day") + ": "
                                                    + row.getString("text")));
                        }))
                .onSuccess(done -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    /**
     * GET /api/clients/{id}/annotations/{annotationId}/impact[?days=14] — each relevant metric (the annotation's own,
     * else every metric with data around it) and the score, over the days after against the days before.
     */
    public void impact(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        UUID id = PathParams.uuid(ctx, "annotationId", "annotation");
        int days = QueryParams.integer(ctx, "days", AnnotationImpact.DEFAULT_DAYS, 1, AnnotationImpact.MAX_DAYS);
        UUID agencyId = caller.agencyId();
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        .compose(exists -> one(sql, agencyId, clientId, id))
                        .compose(annotation -> {
                            LocalDate day = annotation.date();
                            Future<Map<String, List<DailyValue>>> daily =
                                    DailyTotalStore.load(sql, agencyId, clientId, day.minusDays(days), day.plusDays(days - 1L));
                            Future<Double> before = score(sql, agencyId, clientId, day.minusDays(days), day.minusDays(1));
                            Future<Double> after = score(sql, agencyId, clientId, day, day.plusDays(days - 1L));
                            return Future.all(daily, before, after).map(loaded -> new Around(annotation,
                                    daily.result(), before.result(), after.result()));
                        }))
                // the trend tests are CPU work: off the event loop
                .compose(around -> vertx.executeBlocking(() -> impact(around.annotation(), days, around.daily(),
                        around.scoreBefore(), around.scoreAfter()), false))
                .onSuccess(impact -> JsonResponses.send(ctx, 200, impact))
                .onFailure(ctx::fail);
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

    private static Future<Double> score(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate from, LocalDate to) {
        return sql.preparedQuery(SCORE_IN).execute(Tuple.of(agencyId, clientId, from, to))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getDouble("score"));
    }

    private static Future<Annotation> announce(SqlConnection sql, Caller caller, Annotation annotation, String action,
                                               String summary) {
        return EventStore.record(sql, caller.agencyId(), annotation.clientId(), LIVE_KIND, new JsonObject()
                        .put("action", action).put("annotation", JsonResponses.toJsonObject(annotation)))
                .compose(seq -> ActivityStore.record(sql, caller, annotation.clientId(), "annotation." + action, summary))
                .map(annotation);
    }

    private static Future<Annotation> one(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(ONE).execute(Tuple.of(agencyId, clientId, id)).map(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound(NOT_FOUND);
            }
            return annotation(rows.iterator().next(), clientId);
        });
    }

    private static Optional<String> metric(JsonBody body) {
        return body.optionalText("metric", 100).map(key -> MetricCatalogue.find(key)
                .orElseThrow(() -> ApiException.badRequest("metric: unknown metric '" + key
                        + "'; GET /api/metrics lists them")).key());
    }

    private static Annotation annotation(Row row, UUID clientId) {
        UUID author = row.getUUID("created_by");
        return new Annotation(row.getUUID("id"), clientId, row.getLocalDate("day"), row.getString("text"),
                row.getString("metric"), author == null ? null : new Author(author, row.getString("created_by_name")),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
