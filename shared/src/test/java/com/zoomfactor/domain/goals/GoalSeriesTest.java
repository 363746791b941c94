package com.zoomfactor.domain.goals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zoomfactor.domain.metrics.Aggregation;
import com.zoomfactor.domain.series.DailyValue;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoalSeriesTest {

    private static final LocalDate D = LocalDate.of(2026, 11, 1);
    private static final List<DailyValue> DAILY = List.of(new DailyValue(D, 10), new DailyValue(D.plusDays(1), 20),
            new DailyValue(D.plusDays(3), 40));

    @Test
    void eachDayIsTheMetricOverItsTrailingWindowByItsOwnAggregation() {
        assertThat(GoalSeries.trailing(DAILY, Aggregation.SUM, 2, D, D.plusDays(4)).stream().map(GoalForecast.Point::value))
                .containsExactly(10.0, 30.0, 20.0, 40.0, 40.0);
        assertThat(GoalSeries.trailing(DAILY, Aggregation.MEAN, 3, D.plusDays(3), D.plusDays(3)).get(0).value())
                .isEqualTo(30.0);
        assertThat(GoalSeries.trailing(DAILY, Aggregation.LAST, 30, D.plusDays(10), D.plusDays(10)).get(0).value())
                .isEqualTo(40.0);
    }

    @Test
    void daysWithAnEmptyWindowAreLeftOutAndBadWindowsRefused() {
        assertThat(GoalSeries.trailing(DAILY, Aggregation.SUM, 1, D, D.plusDays(4))).hasSize(3);
        assertThatThrownBy(() -> GoalSeries.trailing(DAILY, Aggregation.SUM, 0, D, D))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
