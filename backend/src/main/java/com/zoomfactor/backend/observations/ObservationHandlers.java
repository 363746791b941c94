package com.zoomfactor.backend.observations;

import com.zoomfactor.backend.db.Retry;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.observations.ObservationStore.SeriesKey;
import com.zoomfactor.backend.scope.RequestScope;
import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.metrics.Polarity;
import com.zoomfactor.domain.series.Granularity;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Observations in (batches of points) and out (series with trend verdicts, top dimensions, the metrics measured). */
public final class ObservationHandlers {

    public static final int MAX_POINTS = 10_000;
    public static final long MAX_BODY_BYTES = 2L * 1024 * 1024;
    /** The default window of a series read: the score's 90 days. */
    static final int DEFAULT_DAYS = 90;
    static final int MAX_RANGE_DAYS = 5 * 366;

    private final Vertx vertx;
    private final RequestScope scope;

    public ObservationHandlers(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.scope = new RequestScope(tenancy);
    }

    /** POST /api/clients/{id}/observations {"points":[...]} */
    public void ingest(RoutingContext ctx) {
        Optional<String> key = Idempotency.key(ctx.request().getHeader(Idempotency.HEADER));
        Buffer body = ctx.body().buffer();
        // hashing 2 MiB is not free: only requests that carry a key need their fingerprint
        byte[] fingerprint = key.isPresent() ? Idempotency.fingerprint("POST", ctx.request().path(), body) : null;
        vertx.executeBlocking(() -> BatchReader.read(body, MAX_POINTS, LocalDate.now(ZoneOffset.UTC)), false)
                .compose(points -> Retry.onUniqueViolation(() -> scope.inClientForWriting(ctx, (caller, clientId, sql) ->
                        Idempotency.once(sql, caller.agencyId(), key, fingerprint,
                                () -> PointWriter.write(sql, caller.agencyId(), clientId, points, null).map(written ->
                                        new Idempotency.Answer(200, JsonResponses.toJsonObject(written), false))))
                        .result()))
                .onSuccess(answer -> {
                    if (answer.replayed()) {
                        ctx.response().putHeader("Idempotent-Replayed", "true");
                    }
                    JsonResponses.send(ctx.response(), answer.status(), answer.body().toBuffer());
                })
                .onFailure(ctx::fail);
    }

    /** GET /api/clients/{id}/observations?metric=&from=&to=&granularity=&dimension=&competitorId= */
    public void series(RoutingContext ctx) {
        Metric metric = metric(ctx);
        QueryParams.DateRange range = QueryParams.dateRange(ctx, DEFAULT_DAYS, MAX_RANGE_DAYS);
        Granularity granularity = QueryParams.text(ctx, "granularity").map(key -> Granularity.find(key)
                .orElseThrow(() -> ApiException.badRequest("granularity must be day, week or month"))).orElse(Granularity.DAY);
        String dimension = dimension(ctx, metric);
        UUID competitorId = QueryParams.uuid(ctx, "competitorId").orElse(null);
        scope.inClient(ctx, (caller, clientId, sql) -> ObservationStore.series(sql,
                        new SeriesKey(caller.agencyId(), clientId, metric.key(), competitorId, dimension),
                        range.from(), range.to(), metric.aggregation(), metric.takesDimension())
                // computed in map, not in onSuccess: a throw there escaped to the event loop and the request hung
                .map(rows -> Series.of(rows, metric, granularity, range, dimension, competitorId))).ok();
    }

    /** GET /api/clients/{id}/dimensions?metric=&from=&to=&limit=&competitorId= — top pages, retweeters, lists, queries. */
    public void dimensions(RoutingContext ctx) {
        Metric metric = metric(ctx);
        if (!metric.takesDimension()) {
            throw ApiException.badRequest(metric.key() + " has no breakdown");
        }
        QueryParams.DateRange range = QueryParams.dateRange(ctx, DEFAULT_DAYS, MAX_RANGE_DAYS);
        int limit = QueryParams.integer(ctx, "limit", 10, 1, 100);
        UUID competitorId = QueryParams.uuid(ctx, "competitorId").orElse(null);
        scope.inClient(ctx, (caller, clientId, sql) -> ObservationStore.topDimensions(sql,
                        new SeriesKey(caller.agencyId(), clientId, metric.key(), competitorId, null),
                        range.from(), range.to(), metric.aggregation(), metric.polarity() == Polarity.LOWER_IS_BETTER, limit)
                .map(top -> new TopDimensions(metric.key(), metric.dimension().key(), range.from(), range.to(), top))).ok();
    }

    /**
     * GET /api/clients/{id}/metrics/measured — the catalogue metrics the client has observations of, with how many and
     * their first and last day: one query, where the client page would otherwise read every metric's series to learn
     * which ones have data.
     */
    public void measured(RoutingContext ctx) {
        scope.inClient(ctx, (caller, clientId, sql) -> ObservationStore.measured(sql, caller.agencyId(), clientId)
                .map(all -> new MeasuredMetrics(all.stream()
                        // a key the catalogue no longer has would name no chart
                        .filter(measured -> MetricCatalogue.find(measured.metric()).isPresent()).toList()))).ok();
    }

    public record MeasuredMetrics(List<ObservationStore.MeasuredMetric> metrics) {
    }

    public record TopDimensions(String metric, String dimension, LocalDate from, LocalDate to,
                                List<ObservationStore.DimensionValue> values) {
    }

    private static Metric metric(RoutingContext ctx) {
        String key = QueryParams.requiredText(ctx, "metric");
        return MetricCatalogue.find(key)
                .orElseThrow(() -> ApiException.badRequest("unknown metric '" + key + "' (see GET /api/metrics)"));
    }

    private static String dimension(RoutingContext ctx, Metric metric) {
        Optional<String> dimension = QueryParams.text(ctx, "dimension");
        if (dimension.isPresent() && !metric.takesDimension()) {
            throw ApiException.badRequest(metric.key() + " takes no dimension");
        }
        return dimension.orElse(null);
    }
}
