package com.zoomfactor.domain.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalDistributionTest {

    /** Reference values of erfc to 16 digits (as given by C's erfc / Python's math.erfc). */
    @ParameterizedTest(name = "erfc({0}) = {1}")
    @CsvSource({
        "0,    1",
        "0.5,  0.4795001221869535",
        "1,    0.15729920705028513",
        "2,    0.004677734981047265",
        "3,    2.2090496998585438e-05",
        "3.5,  7.430983723414128e-07",
        "4,    1.541725790028002e-08",
        "5,    1.5374597944280351e-12",
        "-1,   1.8427007929497148"})
    void erfcHasSevenSignificantDigitsEvenFarInTheTail(double x, double expected) {
        assertThat(NormalDistribution.erfc(x)).isCloseTo(expected, within(Math.abs(expected) * 1.2e-7));
    }

    @Test
    void theFamiliarQuantiles() {
        assertThat(NormalDistribution.cdf(0)).isCloseTo(0.5, within(1e-9));
        assertThat(NormalDistribution.cdf(1.959963984540054)).isCloseTo(0.975, within(1e-7));
        assertThat(NormalDistribution.cdf(-1.959963984540054)).isCloseTo(0.025, within(1e-8));
        assertThat(NormalDistribution.twoSidedP(1.959963984540054)).isCloseTo(0.05, within(1e-8));
        assertThat(NormalDistribution.twoSidedP(-2.5758293035489)).isCloseTo(0.01, within(1e-9));
        // p = 1e-6 at |z| = 4.891638475699 (two-sided).
        assertThat(NormalDistribution.twoSidedP(4.891638475699)).isCloseTo(1e-6, within(1e-6 * 1.2e-7));
    }

    @Test
    void theCdfRisesFromZeroToOneSymmetrically() {
        double previous = 0;
        for (double z = -8; z <= 8; z += 0.01) {
            double p = NormalDistribution.cdf(z);
            assertThat(p).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
            assertThat(p + NormalDistribution.cdf(-z)).isCloseTo(1, within(1e-12));
            previous = p;
        }
    }
}
