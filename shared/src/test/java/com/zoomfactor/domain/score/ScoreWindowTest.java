package com.zoomfactor.domain.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreWindowTest {

    private static final LocalDate DEC_5 = LocalDate.of(2026, 12, 5);

    @Test
    void aWindowEndsOnItsDayAndCountsItsFirstDay() {
        assertThat(ScoreWindow.ending(DEC_5, 90)).isEqualTo(new ScoreWindow(90, LocalDate.of(2026, 9, 7), DEC_5));
        assertThat(ScoreWindow.ending(DEC_5, 1)).isEqualTo(new ScoreWindow(1, DEC_5, DEC_5));
        // across a leap day: 29 Feb 2028 is one of the 30 days
        assertThat(ScoreWindow.ending(LocalDate.of(2028, 3, 1), 30).from()).isEqualTo(LocalDate.of(2028, 2, 1));
    }

    @Test
    void anInputIsScoredOverItsWindow() {
        ScoreInput input = new ScoreInput(DEC_5, ScoreInput.DEFAULT_WINDOW_DAYS, Map.of(), null, null, null, null);
        assertThat(input.window()).isEqualTo(ScoreWindow.ending(DEC_5, 90));
    }

    @Test
    void daysAndDatesThatDisagreeAreRefused() {
        assertThatThrownBy(() -> new ScoreWindow(90, DEC_5, DEC_5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScoreWindow.ending(DEC_5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
