package com.zoomfactor.domain.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrendTestTest {

    /**
     * By hand, x = 1 3 2 5 4 (n = 5, no ties).
     *
     * <pre>
     * S: from 1: 3 2 5 4 all higher          +4
     *    from 3: 2 lower, 5 4 higher         +1
     *    from 2: 5 4 higher                  +2
     *    from 5: 4 lower                     −1      S = 6
     * Var(S) = n(n−1)(2n+5)/18 = 5·4·15/18 = 50/3 ≈ 16.667
     * Z = (S − 1)/√Var = 5/4.0825 = 1.2247;  p = 2(1 − Φ(1.2247)) = 0.2207  → FLAT, confidence 0.7793
     * slopes (x_j − x_i)/(j − i): 2, 0.5, 4/3, 0.75, −1, 1, 1/3, 3, 1, −1
     * sorted: −1 −1 1/3 0.5 0.75 | 1 1 4/3 2 3  → median (0.75 + 1)/2 = 0.875
     * </pre>
     */
    @Test
    void aSmallSeriesComputedByHand() {
        double[] x = {1, 3, 2, 5, 4};

        assertThat(TrendTest.mannKendallS(x)).isEqualTo(6);
        assertThat(TrendTest.varianceOfS(x)).isCloseTo(50.0 / 3, within(1e-12));
        assertThat(TrendTest.z(6, 50.0 / 3)).isCloseTo(1.224745, within(1e-6));
        Trend trend = TrendTest.of(x);
        assertThat(trend.verdict()).isEqualTo(Verdict.FLAT);
        assertThat(trend.slope()).isCloseTo(0.875, within(1e-12));
        assertThat(trend.confidence()).isCloseTo(1 - 0.220671, within(1e-6));
        assertThat(trend.n()).isEqualTo(5);
    }

    /**
     * By hand, x = 1 2 2 4 4 4 (n = 6; a tie group of 2 and one of 3).
     *
     * <pre>
     * S: from 1: all five higher                    +5
     *    from the first 2: a tie, then 4 4 4        +3
     *    from the second 2: 4 4 4                   +3
     *    among the 4s: ties                          0      S = 11
     * Var(S) = [6·5·17 − 2·1·9 − 3·2·11]/18 = (510 − 18 − 66)/18 = 426/18 = 71/3 ≈ 23.667
     * Z = (11 − 1)/√(71/3) = 10/4.8648 = 2.0556;  p = 2(1 − Φ(2.0556)) = 0.03982  → confidence 0.96018, but p is above SIGNIFICANCE (0.03): FLAT
     * slopes: from 1: 1, 0.5, 1, 0.75, 0.6;  from 2: 0, 1, 2/3, 0.5;  from 2: 2, 1, 2/3;  from 4: 0, 0;  0
     * sorted: 0 0 0 0 0.5 0.5 0.6 [2/3] 2/3 0.75 1 1 1 1 2  → median 2/3
     * </pre>
     */
    @Test
    void tiesShrinkTheVarianceAndCountForNothingInS() {
        double[] x = {1, 2, 2, 4, 4, 4};

        assertThat(TrendTest.mannKendallS(x)).isEqualTo(11);
        assertThat(TrendTest.varianceOfS(x)).isCloseTo(71.0 / 3, within(1e-12));
        Trend trend = TrendTest.of(x);
        assertThat(trend.verdict()).as("p = 0.040 is not below 0.03").isEqualTo(Verdict.FLAT);
        assertThat(trend.slope()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(trend.confidence()).isCloseTo(1 - 0.0398244, within(1e-6));
    }

    @Test
    void theMirrorImageHasTheOppositeSlopeAndTheSameConfidence() {
        double[] x = {-1, -2, -2, -4, -4, -4};

        Trend trend = TrendTest.of(x);

        assertThat(TrendTest.mannKendallS(x)).isEqualTo(-11);
        assertThat(trend.verdict()).as("p = 0.040 is not below 0.03").isEqualTo(Verdict.FLAT);
        assertThat(trend.slope()).isCloseTo(-2.0 / 3, within(1e-12));
        assertThat(trend.confidence()).isCloseTo(1 - 0.0398244, within(1e-6));
    }

    @Test
    void aStronglyIncreasingNoisySeriesGoesUp() {
        Random random = new Random(11);
        double[] x = new double[60];
        for (int i = 0; i < x.length; i++) {
            x[i] = 100 + i + 3 * random.nextGaussian();
        }

        Trend trend = TrendTest.of(x);

        assertThat(trend.verdict()).isEqualTo(Verdict.UP);
        assertThat(trend.confidence()).isGreaterThan(0.99);
        assertThat(trend.slope()).isCloseTo(1, within(0.15));
        assertThat(trend.n()).isEqualTo(60);
    }

    @Test
    void aStronglyDecreasingNoisySeriesGoesDown() {
        Random random = new Random(12);
        double[] x = new double[60];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.4 - 0.005 * i + 0.02 * random.nextGaussian();
        }

        Trend trend = TrendTest.of(x);

        assertThat(trend.verdict()).isEqualTo(Verdict.DOWN);
        assertThat(trend.confidence()).isGreaterThan(0.99);
        assertThat(trend.slope()).isCloseTo(-0.005, within(0.001));
    }

    @Test
    void aConstantSeriesIsFlatWithNoConfidence() {
        double[] x = new double[30];
        Arrays.fill(x, 42);

        Trend trend = TrendTest.of(x);

        assertThat(TrendTest.varianceOfS(x)).isZero();
        assertThat(trend).isEqualTo(new Trend(Verdict.FLAT, 0, 0, 30));
    }

    @Test
    void mostlyTiedCountsStillGetAVerdict() {
        // Daily poll responses: mostly zeros, then ones and twos arrive.
        double[] x = {0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 2, 1, 1, 2, 2, 1, 2, 2, 2};

        Trend trend = TrendTest.of(x);

        assertThat(trend.verdict()).isEqualTo(Verdict.UP);
        assertThat(trend.slope()).isBetween(0.0, 0.2);
    }

    @Test
    void aSingleWildValueDoesNotMoveTheSlope() {
        double[] x = new double[10];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * i + 1;
        }
        x[6] = 1_000_000;

        assertThat(TrendTest.of(x).slope()).isEqualTo(2);
    }

    @ParameterizedTest(name = "[{0}] slope {1}")
    @CsvSource(delimiter = '|', value = {
        "''         | 0",
        "7          | 0",
        "1 3        | 2",
        "1 3 2      | 0.5",
        "1 2 3 4    | 1"})
    void tooFewValuesAreFlatWithNoConfidence(String values, double slope) {
        double[] x = values.isBlank() ? new double[0]
                : Arrays.stream(values.split(" ")).mapToDouble(Double::parseDouble).toArray();

        Trend trend = TrendTest.of(x);

        assertThat(trend.verdict()).isEqualTo(Verdict.FLAT);
        assertThat(trend.slope()).isCloseTo(slope, within(1e-12));
        assertThat(trend.n()).isEqualTo(x.length);
        if (x.length < 4) {
            assertThat(trend.confidence()).isZero();
        } else {
            // Four values rising without exception: S = 6, Var = 26/3, Z = 1.698, p = 0.0894. Not enough.
            assertThat(trend.confidence()).isCloseTo(1 - 0.0894, within(1e-3));
        }
    }

    @Test
    void fiveValuesRisingWithoutExceptionAreEnough() {
        // S = 10, Var = 50/3, Z = 9/4.0825 = 2.2045, p = 0.0275.
        Trend trend = TrendTest.of(new double[] {1, 2, 3, 4, 5});

        assertThat(trend.verdict()).isEqualTo(Verdict.UP);
        assertThat(trend.confidence()).isCloseTo(1 - 0.0275, within(1e-3));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteValuesAreRefused(double bad) {
        assertThatThrownBy(() -> TrendTest.of(new double[] {1, 2, bad, 4, 5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value 2");
    }

    @Test
    void theMedianBySelectionAgreesWithSorting() {
        Random random = new Random(3);
        for (int size = 1; size <= 300; size++) {
            double[] values = new double[size];
            for (int i = 0; i < size; i++) {
                // Few distinct values in half the cases, to exercise ties.
                values[i] = size % 2 == 0 ? random.nextInt(5) : random.nextGaussian();
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double expected = size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2;

            assertThat(TrendTest.median(values.clone())).as("size %d", size).isEqualTo(expected);
        }
    }

    @Test
    void theVerdictAloneIsTheVerdictOfTheFullTest() {
        Random random = new Random(11);
        for (int size = 0; size <= 150; size++) {
            for (double drift : new double[] {-0.05, 0, 0.02, 0.2}) {
                double[] x = new double[size];
                for (int i = 0; i < size; i++) {
                    // Whole numbers in half the cases, to exercise ties.
                    double v = drift * i + random.nextGaussian();
                    x[i] = size % 2 == 0 ? Math.round(v) : v;
                }
                assertThat(TrendTest.verdict(x)).as("size %d, drift %s", size, drift)
                        .isEqualTo(TrendTest.of(x).verdict());
            }
        }
        assertThatThrownBy(() -> TrendTest.verdict(new double[] {1, Double.NaN, 3, 4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value 1 is NaN");
    }

    @Test
    void fifteenHundredValuesTakeWellUnderASecond() {
        Random random = new Random(5);
        double[] x = new double[1500];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        TrendTest.of(x); // warm up

        Trend trend = Assertions.assertTimeout(Duration.ofSeconds(2), () -> TrendTest.of(x));

        assertThat(trend.n()).isEqualTo(1500);
    }
}
