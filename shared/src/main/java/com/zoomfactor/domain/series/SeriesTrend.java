package com.zoomfactor.domain.series;

import com.zoomfactor.domain.metrics.Aggregation;
import com.zoomfactor.domain.trend.Trend;
import com.zoomfactor.domain.trend.TrendTest;
import java.util.List;

/**
 * The trend of a series, tested on at most {@link #MAX_POINTS} values: a longer series is tested on its weekly
 * (then monthly) aggregation. Two reasons: daily values carry weekday seasonality and day-to-day correlation, which
 * make Mann–Kendall see trends in noise; and the test costs O(n²), 4 ms for two years of days against 0.1 ms for
 * their 105 weeks.
 *
 * @param trend  the verdict, slope (per step of {@code basis}) and confidence
 * @param basis  the granularity the test ran on: the series' own, or a coarser one
 */
public record SeriesTrend(Trend trend, Granularity basis) {

    public static final int MAX_POINTS = 120;

    public static SeriesTrend of(List<DailyValue> daily, List<PeriodValue> periods, Granularity granularity,
                                 Aggregation aggregation, AggregatedSeries series) {
        Granularity basis = granularity;
        AggregatedSeries tested = series;
        while (tested.points().size() > MAX_POINTS && basis != Granularity.MONTH) {
            basis = basis == Granularity.DAY ? Granularity.WEEK : Granularity.MONTH;
            tested = SeriesAggregator.aggregate(daily, periods, basis, aggregation);
        }
        double[] values = tested.points().stream().mapToDouble(BucketValue::value).toArray();
        return new SeriesTrend(TrendTest.of(values), basis);
    }
}
