package com.zoomfactor.domain.annotations;

import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.Polarity;
import com.zoomfactor.domain.series.DailyValue;
import com.zoomfactor.domain.trend.Trend;
import com.zoomfactor.domain.trend.TrendTest;
import com.zoomfactor.domain.trend.Verdict;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The before/after impact of an annotation ("campaign launched") on a metric: the metric's own aggregation over the
 * days after against the days before, and whether the series moved significantly across the annotation by the same
 * trend test as every verdict of the product (so "it moved" means the same thing everywhere).
 */
public final class AnnotationImpact {

    public static final int DEFAULT_DAYS = 14;
    public static final int MAX_DAYS = 90;
    /** Fewer values on either side say nothing. */
    static final int MIN_VALUES_EACH_SIDE = 2;

    private AnnotationImpact() {
    }

    /**
     * @param daily the metric's daily values, one per date at most, in any order; those outside the two periods are
     *              ignored
     * @return empty when either period has fewer than {@link #MIN_VALUES_EACH_SIDE} values
     */
    public static Optional<MetricImpact> of(Metric metric, List<DailyValue> daily, LocalDate annotated, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + ", not " + days);
        }
        LocalDate firstBefore = annotated.minusDays(days);
        LocalDate lastAfter = annotated.plusDays(days - 1L);
        List<DailyValue> window = daily.stream()
                .filter(v -> !v.date().isBefore(firstBefore) && !v.date().isAfter(lastAfter))
                .sorted(java.util.Comparator.comparing(DailyValue::date))
                .toList();
        double[] before = window.stream().filter(v -> v.date().isBefore(annotated)).mapToDouble(DailyValue::value)
                .toArray();
        double[] after = window.stream().filter(v -> !v.date().isBefore(annotated)).mapToDouble(DailyValue::value)
                .toArray();
        if (before.length < MIN_VALUES_EACH_SIDE || after.length < MIN_VALUES_EACH_SIDE) {
            return Optional.empty();
        }
        double b = metric.aggregation().over(before);
        double a = metric.aggregation().over(after);
        Trend trend = TrendTest.of(window.stream().mapToDouble(DailyValue::value).toArray());
        boolean goodWay = metric.polarity() == Polarity.HIGHER_IS_BETTER ? a > b : a < b;
        boolean moved = trend.verdict() != Verdict.FLAT
                && (trend.verdict() == Verdict.UP) == (a > b);
        return Optional.of(new MetricImpact(metric.key(), b, a, a - b, b == 0 ? null : (a - b) / Math.abs(b),
                trend.verdict(), trend.confidence(), goodWay && moved, before.length, after.length));
    }
}
