package com.zoomfactor.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class HumanFormatTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    @Test
    void metricsAreNamedByTheirLabel() {
        assertThat(HumanFormat.label("web.unique_visitors")).isEqualTo("Unique visitors");
        assertThat(HumanFormat.label("no.such_metric")).isEqualTo("no.such_metric");
    }

    @Test
    void valuesReadInTheirUnit() {
        assertThat(HumanFormat.value("web.unique_visitors", 649)).isEqualTo("649");
        assertThat(HumanFormat.value("web.unique_visitors", 12480)).isEqualTo("12,480");
        assertThat(HumanFormat.value("web.unique_visitors", 2.5)).isEqualTo("2.5");
        assertThat(HumanFormat.value("web.bounce_rate", 0.425)).isEqualTo("42.5%");
        assertThat(HumanFormat.value(Unit.SECONDS, 65)).isEqualTo("1 m 5 s");
        assertThat(HumanFormat.value(Unit.SECONDS, 42.25)).isEqualTo("42.3 s");
        assertThat(HumanFormat.value(Unit.SECONDS, 7385)).isEqualTo("2 h 3 m");
        assertThat(HumanFormat.value(Unit.POSITION, 3.21)).isEqualTo("position 3.2");
    }

    @Test
    void daysReadAsPeopleWriteThem() {
        assertThat(HumanFormat.day(LocalDate.of(2026, 12, 5), TODAY)).isEqualTo("Sat 5 Dec");
        assertThat(HumanFormat.day(LocalDate.of(2025, 12, 5), TODAY)).isEqualTo("Fri 5 Dec 2025");
    }
}
