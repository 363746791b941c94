package com.zoomfactor.domain.trend;

/**
 * The standard normal distribution, written out here because the domain module takes no maths library.
 *
 * <p>{@link #erfc} is the Chebyshev fit of Press, Teukolsky, Vetterling and Flannery, <i>Numerical Recipes</i>
 * (2nd ed., §6.2, {@code erfcc}): erfc(z) ≈ t·exp(−z² + P(t)) with t = 1/(1 + z/2) and P a polynomial of degree 9.
 * Its <em>relative</em> error is below 1.2·10⁻⁷ for every z, so tail probabilities (p-values) keep seven significant
 * digits however small they are, unlike fits with a bound on the absolute error.
 */
public final class NormalDistribution {

    private NormalDistribution() {
    }

    /** P(Z ≤ z) for a standard normal Z. */
    public static double cdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** P(|Z| ≥ |z|): the p-value of a two-sided test whose statistic is {@code z}. */
    public static double twoSidedP(double z) {
        return erfc(Math.abs(z) / Math.sqrt(2));
    }

    /** The complementary error function, 1 − erf(x), with relative error below 1.2·10⁻⁷. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double polynomial = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
        // The fit overshoots erfc(0) = 1 by 3·10⁻⁸, and erfc of a non-negative number is at most 1.
        double tail = Math.min(1, t * Math.exp(-z * z + polynomial));
        return x >= 0 ? tail : 2 - tail;
    }
}
