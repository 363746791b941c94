package com.zoomfactor.domain.goals;

import com.zoomfactor.domain.metrics.Aggregation;
import com.zoomfactor.domain.series.DailyValue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What a metric goal measures, day by day: the metric over the trailing {@code windowDays} days ending that day, by
 * the metric's own aggregation (visitors per 30 days, the 30-day mean bounce rate, the latest follower count).
 */
public final class GoalSeries {

    public static final int DEFAULT_WINDOW_DAYS = 30;
    public static final int MAX_WINDOW_DAYS = 90;

    private GoalSeries() {
    }

    /** One point per day from..to on which the trailing window holds at least one value. */
    public static List<GoalForecast.Point> trailing(List<DailyValue> daily, Aggregation aggregation, int windowDays,
                                                    LocalDate from, LocalDate to) {
        if (windowDays < 1 || windowDays > MAX_WINDOW_DAYS) {
            throw new IllegalArgumentException("the window must be 1 to " + MAX_WINDOW_DAYS + " days, not " + windowDays);
        }
        TreeMap<LocalDate, Double> byDate = new TreeMap<>();
        daily.forEach(v -> byDate.put(v.date(), v.value()));
        List<GoalForecast.Point> points = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            double[] window = byDate.subMap(day.minusDays(windowDays - 1L), true, day, true).values().stream()
                    .mapToDouble(Double::doubleValue).toArray();
            if (window.length > 0) {
                points.add(new GoalForecast.Point(day, aggregation.over(window)));
            }
        }
        return points;
    }
}
