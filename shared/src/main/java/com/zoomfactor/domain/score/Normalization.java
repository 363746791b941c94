package com.zoomfactor.domain.score;

import com.zoomfactor.domain.metrics.Polarity;
import com.zoomfactor.domain.trend.Verdict;
import java.util.Collection;
import java.util.Map;

/** The normalisation rules of docs/methodology.md: each maps a raw figure to 0–100 and is monotone. */
public final class Normalization {

    /** The relative change that moves a flow or rate from 50 to 100 (or to 0): ±50 %. */
    public static final double FLOW_SCALE = 0.5;
    /** The relative change that moves a stock (followers, subscribers) from 50 to 100 (or to 0): ±20 %. */
    public static final double STOCK_SCALE = 0.2;
    /** Effective number of retweeting accounts at which breadth scores 50. */
    public static final double BREADTH_HALF = 25;

    private Normalization() {
    }

    /**
     * Rule B (baseline): 50 + 50·d/scale clamped to [0, 100], d the relative improvement over the baseline:
     * (v − b)/b, or (b − v)/b when lower is better. A zero baseline gives 100 for any improvement, 50 for none.
     */
    public static double againstBaseline(double value, double baseline, Polarity polarity, double scale) {
        return againstBaseline(improvement(value, baseline, polarity), scale);
    }

    /** Rule B from a relative improvement already worked out (reach growth credited to followers). */
    public static double againstBaseline(double improvement, double scale) {
        if (Double.isInfinite(improvement)) {
            return improvement > 0 ? 100 : 0;
        }
        return clamp(50 + 50 * improvement / scale);
    }

    /** The relative improvement over the baseline, +∞/−∞ when the baseline is 0 and the value differs. */
    public static double improvement(double value, double baseline, Polarity polarity) {
        double better = polarity == Polarity.HIGHER_IS_BETTER ? value - baseline : baseline - value;
        if (baseline == 0) {
            return better == 0 ? 0 : better > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return better / Math.abs(baseline);
    }

    /**
     * The change two measures agree on (rule P): the smaller in size when both move the same way, 0 when they move
     * opposite ways or either does not move.
     */
    public static double agreed(double a, double b) {
        if (a > 0 && b > 0) {
            return Math.min(a, b);
        }
        if (a < 0 && b < 0) {
            return Math.max(a, b);
        }
        return 0;
    }

    /** Rule C (competitors): 100 × (competitors beaten + ½ × ties) / competitors. */
    public static double againstCompetitors(double value, Collection<Double> competitors, Polarity polarity) {
        if (competitors.isEmpty()) {
            throw new IllegalArgumentException("no competitors");
        }
        double beaten = 0;
        for (double c : competitors) {
            if (c == value) {
                beaten += 0.5;
            } else if (polarity == Polarity.HIGHER_IS_BETTER ? value > c : value < c) {
                beaten += 1;
            }
        }
        return 100 * beaten / competitors.size();
    }

    /** The Herfindahl–Hirschman index Σ share² of a breakdown (0..1); NaN when the total is not positive. */
    public static double herfindahl(Map<String, Double> byAccount) {
        double total = 0;
        for (double v : byAccount.values()) {
            total += Math.max(0, v);
        }
        if (total <= 0) {
            return Double.NaN;
        }
        double hhi = 0;
        for (double v : byAccount.values()) {
            double share = Math.max(0, v) / total;
            hhi += share * share;
        }
        return hhi;
    }

    /** Rule D (breadth): 100 × N/(N + 25), N = 1/HHI the effective number of accounts. */
    public static double breadth(double effectiveAccounts) {
        return effectiveAccounts <= 0 ? 0 : 100 * effectiveAccounts / (effectiveAccounts + BREADTH_HALF);
    }

    /** Rule T (momentum): 100 when the verdict goes the good way, 0 the bad way, 50 when flat. */
    public static double trend(Verdict verdict, Polarity polarity) {
        if (verdict == Verdict.FLAT) {
            return 50;
        }
        boolean up = verdict == Verdict.UP;
        return up == (polarity == Polarity.HIGHER_IS_BETTER) ? 100 : 0;
    }

    static double clamp(double x) {
        return Math.max(0, Math.min(100, x));
    }
}
