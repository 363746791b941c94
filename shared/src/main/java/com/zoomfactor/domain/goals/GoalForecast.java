package com.zoomfactor.domain.goals;

import com.zoomfactor.domain.metrics.Polarity;
import com.zoomfactor.domain.trend.TrendTest;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * A goal's progress and forecast from the trend of its recent values: the Theil–Sen slope of the product's trend
 * test (robust to a few wild days) over the last {@link #TREND_DAYS} days, carried forward to the deadline.
 *
 * <ul>
 *   <li>progress = (current − start) ÷ (target − start), clipped to 0..1 (1 when the target is met);</li>
 *   <li>projected = current + slope × days to the deadline;</li>
 *   <li>status: {@code reached} when current meets the target; {@code missed} past the deadline; else
 *       {@code on_track} when the projection meets the target, {@code at_risk} when it closes at least half of the
 *       remaining gap, {@code off_track} otherwise; {@code unknown} with fewer than {@link #MIN_VALUES} values.</li>
 * </ul>
 * "Meets" follows the polarity: at or above a target for higher-is-better, at or below for lower-is-better.
 */
public final class GoalForecast {

    /** How many recent days the trend is read from. */
    public static final int TREND_DAYS = 28;
    /** Fewer recent values than this give {@code unknown}. */
    public static final int MIN_VALUES = 7;

    /** One day's value of what the goal measures. */
    public record Point(LocalDate date, double value) {
        public Point {
            Objects.requireNonNull(date, "date");
        }
    }

    /**
     * @param current   the latest value (null without data)
     * @param projected the value expected at the deadline at the current trend (null when unknown)
     * @param slope     change per day of the trend (null when unknown)
     */
    public record Forecast(Double current, Double progress, Double projected, Double slope, GoalStatus status) {
    }

    private GoalForecast() {
    }

    /**
     * @param points    the goal's daily values up to {@code today}, in any order, one per day at most
     * @param start     the value when the goal was set (null: the oldest recent value stands in)
     */
    public static Forecast of(List<Point> points, Polarity polarity, double target, Double start, LocalDate deadline,
                              LocalDate today) {
        List<Point> recent = points.stream()
                .filter(p -> !p.date().isAfter(today) && p.date().isAfter(today.minusDays(TREND_DAYS)))
                .filter(p -> Double.isFinite(p.value()))
                .sorted(java.util.Comparator.comparing(Point::date))
                .toList();
        Double current = points.stream().filter(p -> !p.date().isAfter(today))
                .max(java.util.Comparator.comparing(Point::date)).map(Point::value).orElse(null);
        if (current == null) {
            return new Forecast(null, null, null, null, GoalStatus.UNKNOWN);
        }
        double from = start != null ? start : recent.isEmpty() ? current : recent.get(0).value();
        Double progress = progress(from, current, target, polarity);
        if (meets(current, target, polarity)) {
            return new Forecast(current, 1.0, current, null, GoalStatus.REACHED);
        }
        if (today.isAfter(deadline)) {
            return new Forecast(current, progress, null, null, GoalStatus.MISSED);
        }
        if (recent.size() < MIN_VALUES) {
            return new Forecast(current, progress, null, null, GoalStatus.UNKNOWN);
        }
        // the slope per step of values one day apart; missing days are rare enough to ignore here
        double perDay = slopePerDay(recent);
        long daysLeft = ChronoUnit.DAYS.between(today, deadline);
        double projected = current + perDay * daysLeft;
        double gap = toward(target - current, polarity);
        double gain = toward(projected - current, polarity);
        GoalStatus status = gain >= gap ? GoalStatus.ON_TRACK : gain >= gap / 2 ? GoalStatus.AT_RISK
                : GoalStatus.OFF_TRACK;
        return new Forecast(current, progress, projected, perDay, status);
    }

    /** Theil–Sen over the recent values, scaled from per-step to per-day by the span they cover. */
    private static double slopePerDay(List<Point> recent) {
        double[] values = recent.stream().mapToDouble(Point::value).toArray();
        double perStep = TrendTest.of(values).slope();
        long span = ChronoUnit.DAYS.between(recent.get(0).date(), recent.get(recent.size() - 1).date());
        return span == 0 ? 0 : perStep * (recent.size() - 1) / span;
    }

    static boolean meets(double value, double target, Polarity polarity) {
        return polarity == Polarity.HIGHER_IS_BETTER ? value >= target : value <= target;
    }

    /** A difference counted positive in the good direction. */
    private static double toward(double difference, Polarity polarity) {
        return polarity == Polarity.HIGHER_IS_BETTER ? difference : -difference;
    }

    /**
     * How near the current value is to the target, as a share of it (what a reader means by "at 86 %"): current ÷
     * target when higher is better, target ÷ current when lower is better; capped at 1 (the target met), null when
     * either is missing or the ratio has no meaning (a zero or negative side). Unlike progress, it does not depend on
     * where the goal started.
     */
    public static Double attainment(Double current, double target, Polarity polarity) {
        if (current == null || !Double.isFinite(current) || current < 0 || target <= 0) {
            return null;
        }
        if (meets(current, target, polarity)) {
            return 1.0;
        }
        double share = polarity == Polarity.HIGHER_IS_BETTER ? current / target : target / current;
        return Math.max(0, Math.min(1, share));
    }

    private static Double progress(double start, double current, double target, Polarity polarity) {
        double whole = toward(target - start, polarity);
        if (whole <= 0) {
            return meets(current, target, polarity) ? 1.0 : 0.0;
        }
        return Math.max(0, Math.min(1, toward(current - start, polarity) / whole));
    }
}
