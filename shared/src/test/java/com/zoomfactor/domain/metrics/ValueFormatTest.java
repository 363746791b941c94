package com.zoomfactor.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueFormatTest {

    @Test
    void durationsReadAsHoursMinutesAndSeconds() {
        assertThat(ValueFormat.format(Unit.SECONDS, 65)).isEqualTo("1 m 5 s");
        assertThat(ValueFormat.format(Unit.SECONDS, 64.6)).isEqualTo("1 m 5 s");
        assertThat(ValueFormat.format(Unit.SECONDS, 42)).isEqualTo("42 s");
        assertThat(ValueFormat.format(Unit.SECONDS, 120)).isEqualTo("2 m");
        assertThat(ValueFormat.format(Unit.SECONDS, 3605)).isEqualTo("1 h 5 s");
        assertThat(ValueFormat.format(Unit.SECONDS, 3725)).isEqualTo("1 h 2 m 5 s");
        assertThat(ValueFormat.format(Unit.SECONDS, 2.5)).isEqualTo("2.5 s");
        assertThat(ValueFormat.format(Unit.SECONDS, 0)).isEqualTo("0 s");
    }

    @Test
    void ratiosArePercentages() {
        assertThat(ValueFormat.format(Unit.RATIO, 0.86)).isEqualTo("86 %");
        assertThat(ValueFormat.format(Unit.RATIO, 0.435)).isEqualTo("43.5 %");
        assertThat(ValueFormat.format(Unit.RATIO, 0)).isEqualTo("0 %");
        assertThat(ValueFormat.format(Unit.RATIO, 1)).isEqualTo("100 %");
    }

    @Test
    void countsHaveSeparatorsAndPositionsASign() {
        assertThat(ValueFormat.format(Unit.COUNT, 12480)).isEqualTo("12,480");
        assertThat(ValueFormat.format(Unit.COUNT, 649)).isEqualTo("649");
        assertThat(ValueFormat.format(Unit.COUNT, 12.25)).isEqualTo("12.3");
        assertThat(ValueFormat.format(Unit.POSITION, 3.2)).isEqualTo("#3.2");
        assertThat(ValueFormat.format(Unit.POSITION, 3)).isEqualTo("#3");
    }

    @Test
    void whatIsNotANumberIsADash() {
        assertThat(ValueFormat.format(Unit.COUNT, Double.NaN)).isEqualTo("–");
        assertThat(ValueFormat.format(Unit.RATIO, Double.POSITIVE_INFINITY)).isEqualTo("–");
    }
}
