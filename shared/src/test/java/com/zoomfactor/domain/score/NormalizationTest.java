package com.zoomfactor.domain.score;

import static com.zoomfactor.domain.metrics.Polarity.HIGHER_IS_BETTER;
import static com.zoomfactor.domain.metrics.Polarity.LOWER_IS_BETTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.domain.trend.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void baselineRuleIsFiftyAtParAndLinearInTheRelativeChange() {
        assertThat(Normalization.againstBaseline(100, 100, HIGHER_IS_BETTER, 0.5)).isEqualTo(50);
        assertThat(Normalization.againstBaseline(110, 100, HIGHER_IS_BETTER, 0.5)).isCloseTo(60, within(1e-9));
        assertThat(Normalization.againstBaseline(150, 100, HIGHER_IS_BETTER, 0.5)).isCloseTo(100, within(1e-9));
        assertThat(Normalization.againstBaseline(400, 100, HIGHER_IS_BETTER, 0.5)).isEqualTo(100);
        assertThat(Normalization.againstBaseline(25, 100, HIGHER_IS_BETTER, 0.5)).isEqualTo(0);
        assertThat(Normalization.againstBaseline(110, 100, HIGHER_IS_BETTER, 0.2)).isCloseTo(75, within(1e-9));
    }

    @Test
    void baselineRuleFlipsForLowerIsBetter() {
        assertThat(Normalization.againstBaseline(0.39, 0.52, LOWER_IS_BETTER, 0.5)).isCloseTo(75, within(1e-9));
        assertThat(Normalization.againstBaseline(0.65, 0.52, LOWER_IS_BETTER, 0.5)).isCloseTo(25, within(1e-9));
    }

    @Test
    void baselineRuleWithAZeroBaseline() {
        assertThat(Normalization.againstBaseline(3, 0, HIGHER_IS_BETTER, 0.5)).isEqualTo(100);
        assertThat(Normalization.againstBaseline(0, 0, HIGHER_IS_BETTER, 0.5)).isEqualTo(50);
        assertThat(Normalization.againstBaseline(3, 0, LOWER_IS_BETTER, 0.5)).isEqualTo(0);
    }

    @Test
    void baselineRuleIsMonotone() {
        double previous = -1;
        for (double v = 0; v <= 300; v += 0.5) {
            double n = Normalization.againstBaseline(v, 100, HIGHER_IS_BETTER, 0.5);
            assertThat(n).isGreaterThanOrEqualTo(previous).isBetween(0.0, 100.0);
            previous = n;
        }
        previous = 101;
        for (double v = 1; v <= 30; v += 0.1) {
            double n = Normalization.againstBaseline(v, 8, LOWER_IS_BETTER, 0.5);
            assertThat(n).isLessThanOrEqualTo(previous);
            previous = n;
        }
    }

    @Test
    void competitorRuleIsTheShareBeatenWithHalfTies() {
        List<Double> positions = List.of(4.0, 5.0, 9.0, 12.0);
        assertThat(Normalization.againstCompetitors(6, positions, LOWER_IS_BETTER)).isEqualTo(50);
        assertThat(Normalization.againstCompetitors(1, positions, LOWER_IS_BETTER)).isEqualTo(100);
        assertThat(Normalization.againstCompetitors(20, positions, LOWER_IS_BETTER)).isEqualTo(0);
        assertThat(Normalization.againstCompetitors(9, positions, LOWER_IS_BETTER)).isEqualTo(37.5);
        assertThat(Normalization.againstCompetitors(9, positions, HIGHER_IS_BETTER)).isEqualTo(62.5);
        assertThatThrownBy(() -> Normalization.againstCompetitors(1, List.of(), HIGHER_IS_BETTER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void herfindahlAndBreadth() {
        assertThat(Normalization.herfindahl(Map.of("a", 50.0, "b", 50.0))).isCloseTo(0.5, within(1e-12));
        assertThat(Normalization.herfindahl(Map.of("a", 100.0))).isEqualTo(1);
        assertThat(Normalization.herfindahl(Map.of("a", 0.0))).isNaN();
        assertThat(Normalization.breadth(25)).isCloseTo(50, within(1e-12));
        assertThat(Normalization.breadth(225)).isCloseTo(90, within(1e-12));
        assertThat(Normalization.breadth(1)).isCloseTo(100.0 / 26, within(1e-12));
        // 100 retweets from 100 accounts beat 100 from one
        Map<String, Double> broad = new java.util.HashMap<>();
        for (int i = 0; i < 100; i++) {
            broad.put("a" + i, 1.0);
        }
        double broadScore = Normalization.breadth(1 / Normalization.herfindahl(broad));
        double deepScore = Normalization.breadth(1 / Normalization.herfindahl(Map.of("a", 100.0)));
        assertThat(broadScore).isCloseTo(80, within(1e-9)).isGreaterThan(deepScore);
    }

    @Test
    void trendRuleFollowsPolarity() {
        assertThat(Normalization.trend(Verdict.UP, HIGHER_IS_BETTER)).isEqualTo(100);
        assertThat(Normalization.trend(Verdict.DOWN, HIGHER_IS_BETTER)).isEqualTo(0);
        assertThat(Normalization.trend(Verdict.UP, LOWER_IS_BETTER)).isEqualTo(0);
        assertThat(Normalization.trend(Verdict.DOWN, LOWER_IS_BETTER)).isEqualTo(100);
        assertThat(Normalization.trend(Verdict.FLAT, LOWER_IS_BETTER)).isEqualTo(50);
    }

    @Test
    void weightsValidateAndDefaultsAddUpToOne() {
        assertThat(Weights.defaults().byComponent().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1, within(1e-12));
        assertThat(Weights.defaults().byComponent()).containsOnlyKeys(Component.values());
        assertThatThrownBy(() -> new Weights(Map.of(Component.REACH, -1.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Weights(Map.of(Component.REACH, 0.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Weights(Map.of(Component.REACH, Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Weights(Map.of(Component.REACH, 2.0)).of(Component.MOMENTUM)).isZero();
        assertThat(Component.DISCOVERABILITY.key()).isEqualTo("discoverability");
    }

    @Test
    void agreedIsTheChangeBothMeasuresShare() {
        assertThat(Normalization.agreed(2.0, 0.0)).isZero();
        assertThat(Normalization.agreed(2.0, 0.3)).isEqualTo(0.3);
        assertThat(Normalization.agreed(0.3, Double.POSITIVE_INFINITY)).isEqualTo(0.3);
        assertThat(Normalization.agreed(-0.5, 0.4)).isZero();
        assertThat(Normalization.agreed(-0.5, -0.2)).isEqualTo(-0.2);
        assertThat(Normalization.agreed(0.0, -0.2)).isZero();
    }
}
