package com.zoomfactor.backend.observations;

import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.observations.ObservationStore.SeriesKey;
import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.series.AggregatedSeries;
import com.zoomfactor.domain.series.BucketValue;
import com.zoomfactor.domain.series.Granularity;
import com.zoomfactor.domain.series.PeriodValue;
import com.zoomfactor.domain.series.SeriesAggregator;
import com.zoomfactor.domain.series.SeriesTrend;
import com.zoomfactor.domain.trend.Trend;
import com.zoomfactor.domain.trend.Verdict;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A series as the API answers it: a metric's values at a granularity, with the trend verdict. */
public record Series(String metric, Granularity granularity, LocalDate from, LocalDate to, String dimension,
                     UUID competitorId, List<BucketValue> points, List<PeriodValue> periods, TrendView trend) {

    /** The trend verdict, and the granularity it was tested on (coarser than the series' own for long series). */
    public record TrendView(Verdict verdict, double slope, double confidence, int n, Granularity basis) {
        static TrendView of(SeriesTrend trend) {
            Trend t = trend.trend();
            return new TrendView(t.verdict(), t.slope(), t.confidence(), t.n(), trend.basis());
        }
    }

    /** The client's daily series of one metric (no dimension, not a competitor's), inside the caller's transaction. */
    public static Future<Series> daily(SqlConnection sql, UUID agencyId, UUID clientId, Metric metric,
                                       QueryParams.DateRange range) {
        SeriesKey key = new SeriesKey(agencyId, clientId, metric.key(), null, null);
        return ObservationStore.series(sql, key, range.from(), range.to(), metric.aggregation(), metric.takesDimension())
                .map(rows -> of(rows, metric, Granularity.DAY, range, null, null));
    }

    /** The series of the rows read, aggregated to the granularity. */
    static Series of(ObservationStore.SeriesRows rows, Metric metric, Granularity granularity,
                     QueryParams.DateRange range, String dimension, UUID competitorId) {
        AggregatedSeries series = SeriesAggregator.aggregate(rows.daily(), rows.periods(), granularity,
                metric.aggregation());
        SeriesTrend trend = SeriesTrend.of(rows.daily(), rows.periods(), granularity, metric.aggregation(), series);
        return new Series(metric.key(), granularity, range.from(), range.to(), dimension, competitorId, series.points(),
                series.periods(), TrendView.of(trend));
    }
}
