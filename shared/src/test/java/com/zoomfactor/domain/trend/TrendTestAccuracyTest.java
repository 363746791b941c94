package com.zoomfactor.domain.trend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What the verdicts are worth: how often pure noise is called a trend (false alarms), and how often a real trend is
 * found (power).
 *
 * <p>The product promises "flat at least 95% of the time" on flat noise. {@link TrendTest#SIGNIFICANCE} = 0.03 makes
 * the long-run false-alarm rate about 3%, so over 1,000 series the flat share (standard error ≈ 0.5 points) stays
 * above 95% with a margin of about four standard errors, whatever the seed. A second, larger run pins the long-run
 * rate near its nominal value from both sides, so a test that never says anything fails too.
 */
class TrendTestAccuracyTest {

    private static final int N = 90;

    @Test
    void pureNoiseIsCalledFlatAtLeast95PercentOfTheTime() {
        int series = 1_000;
        double flatRate = flatRate(new Random(20_260_101L), series);

        assertThat(flatRate)
                .as("share of %d pure-noise series of %d values called FLAT: %.3f (false alarms %.3f)",
                        series, N, flatRate, 1 - flatRate)
                .isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void theLongRunFalseAlarmRateIsTheNominalSignificance() {
        int series = 20_000;
        double falseAlarms = 1 - flatRate(new Random(20_260_103L), series);

        // standard error here ≈ 0.12 points; 2%..4% is more than eight of them either side of 3%
        assertThat(falseAlarms)
                .as("false-alarm rate over %d pure-noise series of %d values: %.4f", series, N, falseAlarms)
                .isBetween(TrendTest.SIGNIFICANCE - 0.01, TrendTest.SIGNIFICANCE + 0.01);
    }

    @Test
    void aTrendOfATwentiethOfTheNoisePerStepIsCalledUpAtLeast90PercentOfTheTime() {
        Random random = new Random(20_260_102L);
        int series = 200;
        int up = 0;
        for (int s = 0; s < series; s++) {
            double[] x = new double[N];
            for (int i = 0; i < N; i++) {
                x[i] = 0.05 * i + random.nextGaussian();
            }
            if (TrendTest.of(x).verdict() == Verdict.UP) {
                up++;
            }
        }

        double upRate = (double) up / series;
        assertThat(upRate)
                .as("share of %d series of %d values with a trend of 0.05 sigma per step called UP: %.3f",
                        series, N, upRate)
                .isGreaterThanOrEqualTo(0.90);
    }

    private static double flatRate(Random random, int series) {
        int flat = 0;
        for (int s = 0; s < series; s++) {
            double[] x = new double[N];
            for (int i = 0; i < N; i++) {
                x[i] = random.nextGaussian();
            }
            if (TrendTest.of(x).verdict() == Verdict.FLAT) {
                flat++;
            }
        }
        return (double) flat / series;
    }
}
