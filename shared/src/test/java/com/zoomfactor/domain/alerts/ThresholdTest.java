package com.zoomfactor.domain.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdTest {

    @Test
    void aboveAndBelowAreStrict() {
        Threshold above = new Threshold(AlertDirection.ABOVE, 100);
        assertThat(above.breachedBy(100.5)).isTrue();
        assertThat(above.breachedBy(100)).isFalse();
        assertThat(above.breachedBy(99)).isFalse();
        Threshold below = new Threshold(AlertDirection.BELOW, 0.4);
        assertThat(below.breachedBy(0.39)).isTrue();
        assertThat(below.breachedBy(0.4)).isFalse();
    }

    @Test
    void aThresholdHasOneSideAndAFiniteValue() {
        assertThatThrownBy(() -> new Threshold(AlertDirection.EITHER, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Threshold(AlertDirection.ABOVE, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlertRule(AlertRule.Kind.THRESHOLD, AlertDirection.ABOVE, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AlertRule(AlertRule.Kind.ADAPTIVE, AlertDirection.ABOVE, 3.0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
