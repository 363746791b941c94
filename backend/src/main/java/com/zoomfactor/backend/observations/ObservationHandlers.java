package com.zoomfactor.backend.observations;

import com.zoomfactor.backend.scope.ClientCheckStore;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.db.Retry;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.events.EventStore;
import com.zoomfactor.backend.observations.ObservationStore.SeriesKey;
import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.metrics.Polarity;
import com.zoomfactor.domain.series.AggregatedSeries;
import com.zoomfactor.domain.series.BucketValue;
import com.zoomfactor.domain.series.Granularity;
import com.zoomfactor.domain.series.PeriodValue;
import com.zoomfactor.domain.series.SeriesAggregator;
import com.zoomfactor.domain.series.SeriesTrend;
import com.zoomfactor.domain.trend.Trend;
import com.zoomfactor.domain.trend.Verdict;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Observations in (batches of points) and out (series with trend verdicts, top dimensions). */
public final class ObservationHandlers {

    public static final int MAX_POINTS = 10_000;
    public static final long MAX_BODY_BYTES = 2L * 1024 * 1024;
    /** The default window of a series read: the score's 90 days. */
    static final int DEFAULT_DAYS = 90;
    static final int MAX_RANGE_DAYS = 5 * 366;

    private final Vertx vertx;
    private final Tenancy tenancy;

    public ObservationHandlers(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.tenancy = tenancy;
    }

    /** The outcome of writing validated points. */
    public record Written(int accepted, long inserted, long updated, long unchanged) {
    }

    /** POST /api/clients/{id}/observations {"points":[...]} */
    public void ingest(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        Optional<String> key = Idempotency.key(ctx.request().getHeader(Idempotency.HEADER));
        Buffer body = ctx.body().buffer();
        // hashing 2 MiB is not free: only requests that carry a key need their fingerprint
        byte[] fingerprint = key.isPresent() ? Idempotency.fingerprint("POST", ctx.request().path(), body) : null;
        vertx.executeBlocking(() -> BatchReader.read(body, MAX_POINTS, LocalDate.now(ZoneOffset.UTC)), false)
                .compose(points -> Retry.onUniqueViolation(() -> tenancy.inAgency(caller.agencyId(),
                                sql -> Idempotency.once(sql, caller.agencyId(), key, fingerprint,
                                        () -> write(sql, caller.agencyId(), clientId, points, null).map(written ->
                                                new Idempotency.Answer(200, JsonResponses.toJsonObject(written), false))))))
                .onSuccess(answer -> {
                    if (answer.replayed()) {
                        ctx.response().putHeader("Idempotent-Replayed", "true");
                    }
                    JsonResponses.send(ctx.response(), answer.status(), answer.body().toBuffer());
                })
                .onFailure(ctx::fail);
    }

    /**
     * Writes validated points for a client inside the caller's transaction: the client must exist and every
     * competitor must be one of its own; otherwise nothing is written. {@code lines} maps points to CSV lines
     * for error messages (null for JSON batches, where the index is the position).
     */
    public static Future<Written> write(SqlConnection sql, UUID agencyId, UUID clientId,
                                        List<Point> points, int[] lines) {
        return ClientCheckStore.lockForWriting(sql, agencyId, clientId).compose(locked -> {
            boolean mentionsCompetitors = points.stream().anyMatch(point -> point.competitorId() != null);
            Future<Set<UUID>> competitors = mentionsCompetitors
                    ? ObservationStore.competitorIds(sql, agencyId, clientId) : Future.succeededFuture(Set.of());
            return competitors.compose(known -> {
                List<PointError> errors = new ArrayList<>();
                for (int i = 0; i < points.size(); i++) {
                    UUID competitor = points.get(i).competitorId();
                    if (competitor != null && !known.contains(competitor)) {
                        errors.add(lines == null
                                ? PointError.atIndex(i, "competitorId", "is not a competitor of this client")
                                : PointError.atCell(lines[i], null, "competitorId", "is not a competitor of this client"));
                    }
                }
                if (!errors.isEmpty()) {
                    throw new InvalidPoints(errors, points.size());
                }
                return ObservationStore.write(sql, agencyId, clientId, points);
            }).compose(counts -> {
                long unique = points.stream().map(Point::identity).distinct().count();
                Written written = new Written(points.size(), counts.inserted(), counts.updated(),
                        unique - counts.inserted() - counts.updated());
                if (written.inserted() + written.updated() == 0) {
                    return Future.succeededFuture(written);
                }
                // dashboards hear of it when (and if) this transaction commits
                return EventStore.record(sql, agencyId, clientId, EventStore.OBSERVATIONS, new JsonObject()
                        .put("metrics", new JsonArray(List.copyOf(metricsOf(points))))
                        .put("inserted", written.inserted()).put("updated", written.updated())).map(written);
            });
        });
    }

    /** GET /api/clients/{id}/observations?metric=&from=&to=&granularity=&dimension=&competitorId= */
    public void series(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        Metric metric = metric(ctx);
        QueryParams.DateRange range = QueryParams.dateRange(ctx, DEFAULT_DAYS, MAX_RANGE_DAYS);
        Granularity granularity = QueryParams.text(ctx, "granularity").map(key -> Granularity.find(key)
                .orElseThrow(() -> ApiException.badRequest("granularity must be day, week or month"))).orElse(Granularity.DAY);
        String dimension = dimension(ctx, metric);
        UUID competitorId = QueryParams.uuid(ctx, "competitorId").orElse(null);
        SeriesKey key = new SeriesKey(caller.agencyId(), clientId, metric.key(), competitorId, dimension);
        tenancy.inAgency(caller.agencyId(), sql -> ClientCheckStore.require(sql, caller.agencyId(), clientId)
                        .compose(required -> ObservationStore.series(sql, key, range.from(), range.to(),
                                metric.aggregation(), metric.takesDimension())))
                // computed in map, not in onSuccess: a throw there escaped to the event loop and the request hung
                .map(rows -> series(rows, metric, granularity, range, dimension, competitorId))
                .onSuccess(series -> JsonResponses.send(ctx, 200, series))
                .onFailure(ctx::fail);
    }

    /** The client's daily series of one metric (no dimension, not a competitor's), inside the caller's transaction. */
    public static Future<Series> dailySeries(SqlConnection sql, UUID agencyId, UUID clientId, Metric metric,
                                             QueryParams.DateRange range) {
        SeriesKey key = new SeriesKey(agencyId, clientId, metric.key(), null, null);
        return ObservationStore.series(sql, key, range.from(), range.to(), metric.aggregation(), metric.takesDimension())
                .map(rows -> series(rows, metric, Granularity.DAY, range, null, null));
    }

    private static Series series(ObservationStore.SeriesRows rows, Metric metric, Granularity granularity,
                                 QueryParams.DateRange range, String dimension, UUID competitorId) {
        AggregatedSeries series = SeriesAggregator.aggregate(rows.daily(), rows.periods(), granularity,
                metric.aggregation());
        SeriesTrend trend = SeriesTrend.of(rows.daily(), rows.periods(), granularity, metric.aggregation(), series);
        return new Series(metric.key(), granularity, range.from(), range.to(), dimension, competitorId, series.points(),
                series.periods(), TrendView.of(trend));
    }

    /** A series as the API answers it. */
    public record Series(String metric, Granularity granularity, LocalDate from, LocalDate to, String dimension,
                         UUID competitorId, List<BucketValue> points, List<PeriodValue> periods,
                         TrendView trend) {
    }

    /** The trend verdict, and the granularity it was tested on (coarser than the series' own for long series). */
    public record TrendView(Verdict verdict, double slope, double confidence, int n, Granularity basis) {
        static TrendView of(SeriesTrend trend) {
            Trend t = trend.trend();
            return new TrendView(t.verdict(), t.slope(), t.confidence(), t.n(), trend.basis());
        }
    }

    /** GET /api/clients/{id}/dimensions?metric=&from=&to=&limit=&competitorId= — top pages, retweeters, lists, queries. */
    public void dimensions(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        Metric metric = metric(ctx);
        if (!metric.takesDimension()) {
            throw ApiException.badRequest(metric.key() + " has no breakdown");
        }
        QueryParams.DateRange range = QueryParams.dateRange(ctx, DEFAULT_DAYS, MAX_RANGE_DAYS);
        int limit = QueryParams.integer(ctx, "limit", 10, 1, 100);
        UUID competitorId = QueryParams.uuid(ctx, "competitorId").orElse(null);
        SeriesKey key = new SeriesKey(caller.agencyId(), clientId, metric.key(), competitorId, null);
        tenancy.inAgency(caller.agencyId(), sql -> ClientCheckStore.require(sql, caller.agencyId(), clientId)
                        .compose(required -> ObservationStore.topDimensions(sql, key, range.from(), range.to(),
                                metric.aggregation(), metric.polarity() == Polarity.LOWER_IS_BETTER, limit)))
                .onSuccess(top -> JsonResponses.send(ctx, 200, new TopDimensions(metric.key(),
                        metric.dimension().key(), range.from(), range.to(), top)))
                .onFailure(ctx::fail);
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

    static Set<String> metricsOf(List<Point> points) {
        Set<String> metrics = new TreeSet<>();
        points.forEach(point -> metrics.add(point.metric()));
        return metrics;
    }
}
