package com.zoomfactor.domain.alerts;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The normal band of a metric on a day, from its own recent past, and whether a value leaves it. The rule:
 * <ul>
 *   <li>baseline = the median of the {@link #WINDOW_DAYS} days before the day (not the day itself);</li>
 *   <li>spread = 1.4826 × the median absolute deviation of those days (for normal noise, its standard deviation),
 *       at least {@link #MIN_RELATIVE_SPREAD} of |baseline| so that a perfectly steady series still has a band;</li>
 *   <li>band = baseline ± {@link #K} × spread; with fewer than {@link #MIN_VALUES} values before the day, no band.</li>
 * </ul>
 * Median and MAD, not mean and standard deviation: an earlier spike then neither drags the baseline nor widens the
 * band. At K = 3.5 pure normal noise leaves the band on about 0.05 % of days (a little more with 28 noisy estimates).
 */
public final class AdaptiveBand {

    public static final int WINDOW_DAYS = 28;
    public static final int MIN_VALUES = 14;
    public static final double K = 3.5;
    public static final double MIN_RELATIVE_SPREAD = 0.01;
    /** Turns a median absolute deviation into a standard deviation for normal data. */
    static final double MAD_TO_SIGMA = 1.4826;

    /** Which side of the band counts. */
    public enum Direction { UP, DOWN, EITHER }

    public record Band(double baseline, double low, double high) {

        public boolean outside(double value, Direction direction) {
            return switch (direction) {
                case UP -> value > high;
                case DOWN -> value < low;
                case EITHER -> value > high || value < low;
            };
        }
    }

    private AdaptiveBand() {
    }

    /** The band for {@code day} from the values of the {@link #WINDOW_DAYS} days before it (dates → values). */
    public static Optional<Band> on(LocalDate day, TreeMap<LocalDate, Double> values) {
        double[] past = values.subMap(day.minusDays(WINDOW_DAYS), true, day, false).values().stream()
                .filter(Double::isFinite).mapToDouble(Double::doubleValue).toArray();
        if (past.length < MIN_VALUES) {
            return Optional.empty();
        }
        double median = median(past);
        double[] deviations = Arrays.stream(past).map(v -> Math.abs(v - median)).toArray();
        double spread = Math.max(MAD_TO_SIGMA * median(deviations), MIN_RELATIVE_SPREAD * Math.abs(median));
        if (spread == 0) {
            spread = Double.MIN_NORMAL; // all zeros: any other value is news
        }
        return Optional.of(new Band(median, median - K * spread, median + K * spread));
    }

    /** The days of {@code days} whose value leaves its band in the given direction. */
    public static List<LocalDate> breaches(TreeMap<LocalDate, Double> values, Direction direction) {
        return values.entrySet().stream()
                .filter(e -> on(e.getKey(), values).map(band -> band.outside(e.getValue(), direction)).orElse(false))
                .map(java.util.Map.Entry::getKey)
                .toList();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
