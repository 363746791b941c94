package com.zoomfactor.domain.series;

import java.util.List;

/**
 * A series ready to show: one point per bucket that has data (a bucket with none is absent, not zero), and the
 * period values that straddle buckets and so cannot be put in any one of them honestly.
 *
 * @param points  ordered by date
 * @param periods ordered by start
 */
public record AggregatedSeries(List<BucketValue> points, List<PeriodValue> periods) {

    public AggregatedSeries {
        points = List.copyOf(points);
        periods = List.copyOf(periods);
    }
}
