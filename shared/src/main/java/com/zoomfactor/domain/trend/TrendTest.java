package com.zoomfactor.domain.trend;

import java.util.Arrays;
import java.util.Objects;

/**
 * Decides whether a series goes up, down or stays flat with a Mann–Kendall test, and how fast with the Theil–Sen
 * slope. Both look only at the order of values, not their size, so they need no assumption of normal noise and a
 * single spike cannot make a trend.
 *
 * <p>Mann–Kendall: S = Σ<sub>i&lt;j</sub> sign(x<sub>j</sub> − x<sub>i</sub>). With no trend S is near normal with
 * mean 0 and variance [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18, the sum running over groups of t equal values (ties).
 * Z = (S − 1)/σ when S &gt; 0, (S + 1)/σ when S &lt; 0, 0 otherwise (continuity correction); p = P(|N(0,1)| ≥ |Z|).
 *
 * <p>Costs O(n²) time and, for the slope, O(n²) memory: about 9 MB and a few milliseconds for 1,500 values.
 */
public final class TrendTest {

    /**
     * The largest p-value at which a series is called up or down rather than flat. Stricter than the habitual 0.05
     * on purpose: the product promises that a flat series is called flat at least 95% of the time, and a
     * false "up" costs more trust than a late one; at 0.03 pure noise raises a false alarm about 3% of the time.
     */
    public static final double SIGNIFICANCE = 0.03;

    /** Below this many values the normal approximation cannot reach significance: n = 4 gives at best p ≈ 0.09. */
    static final int MIN_VALUES_FOR_A_VERDICT = 4;

    private TrendTest() {
    }

    /**
     * The trend of values taken at equal steps (days, weeks…), oldest first. Fewer than four values give FLAT with
     * confidence 0 (and the slope when there are at least two).
     *
     * @throws IllegalArgumentException when a value is NaN or infinite
     */
    public static Trend of(double[] valuesInOrder) {
        requireFinite(valuesInOrder);
        int n = valuesInOrder.length;
        double slope = n >= 2 ? theilSenSlope(valuesInOrder) : 0;
        if (n < MIN_VALUES_FOR_A_VERDICT) {
            return new Trend(Verdict.FLAT, slope, 0, n);
        }
        long s = mannKendallS(valuesInOrder);
        double p = NormalDistribution.twoSidedP(z(s, varianceOfS(valuesInOrder)));
        return new Trend(verdict(s, p), slope, 1 - p, n);
    }

    /**
     * Only the verdict of {@link #of}, always the same one, without the Theil–Sen slope (its n²/2 slopes are most of
     * the cost): for callers that score many series and need the direction alone.
     *
     * @throws IllegalArgumentException when a value is NaN or infinite
     */
    public static Verdict verdict(double[] valuesInOrder) {
        requireFinite(valuesInOrder);
        if (valuesInOrder.length < MIN_VALUES_FOR_A_VERDICT) {
            return Verdict.FLAT;
        }
        long s = mannKendallS(valuesInOrder);
        return verdict(s, NormalDistribution.twoSidedP(z(s, varianceOfS(valuesInOrder))));
    }

    private static Verdict verdict(long s, double p) {
        return p >= SIGNIFICANCE || s == 0 ? Verdict.FLAT : s > 0 ? Verdict.UP : Verdict.DOWN;
    }

    private static void requireFinite(double[] valuesInOrder) {
        Objects.requireNonNull(valuesInOrder, "valuesInOrder");
        for (int i = 0; i < valuesInOrder.length; i++) {
            if (!Double.isFinite(valuesInOrder[i])) {
                throw new IllegalArgumentException(
                        "value " + i + " is " + valuesInOrder[i] + "; a trend needs finite numbers");
            }
        }
    }

    /** Mann–Kendall S: pairs going up minus pairs going down. */
    static long mannKendallS(double[] x) {
        long s = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double xi = x[i];
            int up = 0;
            int down = 0;
            // Two counts without a nested branch: noise makes "higher or lower" unpredictable for the CPU.
            for (int j = i + 1; j < x.length; j++) {
                up += x[j] > xi ? 1 : 0;
                down += x[j] < xi ? 1 : 0;
            }
            s += up - down;
        }
        return s;
    }

    /** Variance of S when there is no trend, less what the ties take away. */
    static double varianceOfS(double[] x) {
        long n = x.length;
        double variance = n * (n - 1) * (2 * n + 5);
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int groupStart = 0;
        for (int i = 1; i <= sorted.length; i++) {
            if (i == sorted.length || sorted[i] != sorted[groupStart]) {
                long t = i - groupStart;
                variance -= t * (t - 1) * (2 * t + 5);
                groupStart = i;
            }
        }
        return variance / 18;
    }

    /** The continuity-corrected standard score of S; 0 when there is no variation at all. */
    static double z(long s, double varianceOfS) {
        if (s == 0 || varianceOfS <= 0) {
            return 0;
        }
        double sd = Math.sqrt(varianceOfS);
        return s > 0 ? (s - 1) / sd : (s + 1) / sd;
    }

    /** Theil–Sen slope: the median of (x<sub>j</sub> − x<sub>i</sub>)/(j − i) over all pairs i &lt; j. */
    static double theilSenSlope(double[] x) {
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("a slope needs at least two values");
        }
        long pairs = (long) n * (n - 1) / 2;
        if (pairs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many values for a trend: " + n);
        }
        double[] slopes = new double[(int) pairs];
        int k = 0;
        for (int i = 0; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                slopes[k++] = (x[j] - x[i]) / (j - i);
            }
        }
        return median(slopes);
    }

    /**
     * The median, found by selection rather than sorting (expected linear time). For an even count, the upper
     * middle value is the smallest of what selection leaves above the lower one, so no second pass is needed.
     * Reorders {@code values}.
     */
    static double median(double[] values) {
        int m = values.length;
        if (m == 0) {
            throw new IllegalArgumentException("no values");
        }
        int upper = m / 2;
        if (m % 2 == 1) {
            return select(values, upper);
        }
        double lowerMiddle = select(values, upper - 1);
        double upperMiddle = values[upper];
        for (int i = upper + 1; i < m; i++) {
            upperMiddle = Math.min(upperMiddle, values[i]);
        }
        return (lowerMiddle + upperMiddle) / 2;
    }

    /**
     * Puts the k-th smallest value (from 0) at index k, everything smaller before it and everything larger after,
     * and returns it. Quickselect with a median-of-three pivot and three-way partitioning, so that the many equal
     * slopes of a series with ties cost nothing; after too many rounds (an unlucky input) it sorts what is left.
     */
    private static double select(double[] a, int k) {
        int low = 0;
        int high = a.length - 1;
        int roundsLeft = 4 * (64 - Long.numberOfLeadingZeros(a.length)) + 16;
        while (low < high) {
            if (roundsLeft-- == 0) {
                Arrays.sort(a, low, high + 1);
                return a[k];
            }
            double pivot = medianOfThree(a[low], a[low + (high - low) / 2], a[high]);
            // Invariant: a[low..lt) < pivot, a[lt..i) == pivot, a(gt..high] > pivot.
            int lt = low;
            int gt = high;
            int i = low;
            while (i <= gt) {
                if (a[i] < pivot) {
                    swap(a, lt++, i++);
                } else if (a[i] > pivot) {
                    swap(a, i, gt--);
                } else {
                    i++;
                }
            }
            if (k < lt) {
                high = lt - 1;
            } else if (k > gt) {
                low = gt + 1;
            } else {
                return pivot;
            }
        }
        return a[k];
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static void swap(double[] a, int i, int j) {
        double kept = a[i];
        a[i] = a[j];
        a[j] = kept;
    }
}
