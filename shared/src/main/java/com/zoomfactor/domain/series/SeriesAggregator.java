package com.zoomfactor.domain.series;

import com.zoomfactor.domain.metrics.Aggregation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rolls a metric's daily values (and the period values that fit) into days, weeks or months, using the metric's
 * own {@link Aggregation} so that followers are not added up and bounce rates are not summed.
 */
public final class SeriesAggregator {

    /**
     * Within a bucket, values are reduced in date order. A period value counts as dated at its last day; on the same
     * date, a longer period comes before a shorter one and any period before the daily value, so that {@link
     * Aggregation#LAST} picks the most specific measurement.
     */
    private static final Comparator<Dated> IN_DATE_ORDER = Comparator
            .comparing(Dated::to)
            .thenComparing(Dated::from)
            .thenComparing(Dated::isDaily);

    private SeriesAggregator() {
    }

    /**
     * @param daily       at most one value per date, in any order
     * @param periods     in any order; a period lying wholly inside one bucket joins it as one more value, others are
     *                    returned unchanged (at {@link Granularity#DAY}, only one-day periods join)
     * @throws IllegalArgumentException when two daily values share a date
     */
    public static AggregatedSeries aggregate(List<DailyValue> daily, List<PeriodValue> periods,
            Granularity granularity, Aggregation aggregation) {
        Objects.requireNonNull(daily, "daily");
        Objects.requireNonNull(periods, "periods");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(aggregation, "aggregation");

        Map<LocalDate, List<Dated>> buckets = new TreeMap<>();
        Set<LocalDate> seen = new HashSet<>();
        for (DailyValue day : daily) {
            if (!seen.add(day.date())) {
                throw new IllegalArgumentException("more than one daily value for " + day.date());
            }
            buckets.computeIfAbsent(granularity.bucketStart(day.date()), start -> new ArrayList<>())
                    .add(new Dated(day.date(), day.date(), true, day.value()));
        }

        List<PeriodValue> straddling = new ArrayList<>();
        for (PeriodValue period : periods) {
            LocalDate start = granularity.bucketStart(period.from());
            if (start.equals(granularity.bucketStart(period.to()))) {
                buckets.computeIfAbsent(start, s -> new ArrayList<>())
                        .add(new Dated(period.from(), period.to(), false, period.value()));
            } else {
                straddling.add(period);
            }
        }
        straddling.sort(Comparator.comparing(PeriodValue::from).thenComparing(PeriodValue::to));

        List<BucketValue> points = new ArrayList<>(buckets.size());
        for (Map.Entry<LocalDate, List<Dated>> bucket : buckets.entrySet()) {
            List<Dated> values = bucket.getValue();
            values.sort(IN_DATE_ORDER);
            double[] inOrder = values.stream().mapToDouble(Dated::value).toArray();
            points.add(new BucketValue(bucket.getKey(), aggregation.over(inOrder)));
        }
        return new AggregatedSeries(points, straddling);
    }

    /** A daily or period value on its way into a bucket. */
    private record Dated(LocalDate from, LocalDate to, boolean isDaily, double value) {
    }
}
