package com.zoomfactor.domain.metrics;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How several values of one metric make one value: over time (a week from its days) and across a breakdown
 * (a day's total from its pages). Adding up a follower count over a week would be nonsense; this says what to do
 * instead.
 */
public enum Aggregation {
    /** Events that add up: visits, posts, retweets. */
    SUM("sum"),
    /** Rates and averages: bounce rate, time on page, search position. */
    MEAN("mean"),
    /** Stocks measured at a moment: followers, subscribers. The latest value stands for the period. */
    LAST("last");

    private final String key;

    Aggregation(String key) {
        this.key = key;
    }

    /** The stable name used in the API and the database. */
    @JsonValue
    public String key() {
        return key;
    }

    public static Optional<Aggregation> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String wanted = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.key.equals(wanted)).findFirst();
    }

    /**
     * One value for a period from the values inside it, which must be in date order (it matters for
     * {@link #LAST}).
     *
     * @throws IllegalArgumentException when there are no values: an empty period has no value, not zero
     */
    public double over(double[] valuesInDateOrder) {
        requireSome(valuesInDateOrder);
        switch (this) {
            case SUM:
                return sum(valuesInDateOrder);
            case MEAN:
                return sum(valuesInDateOrder) / valuesInDateOrder.length;
            case LAST:
                return valuesInDateOrder[valuesInDateOrder.length - 1];
            default:
                throw new AssertionError("unhandled aggregation " + this);
        }
    }

    /**
     * A day's value from that day's breakdown (e.g. page views per page). A stock per breakdown item adds up to
     * the whole (subscribers per list make the subscribers), so {@link #LAST} sums here; rates average.
     *
     * @throws IllegalArgumentException when there are no values
     */
    public double acrossDimensions(double[] values) {
        requireSome(values);
        switch (this) {
            case SUM:
            case LAST:
                return sum(values);
            case MEAN:
                return sum(values) / values.length;
            default:
                throw new AssertionError("unhandled aggregation " + this);
        }
    }

    private static void requireSome(double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("no values to aggregate");
        }
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }
}
