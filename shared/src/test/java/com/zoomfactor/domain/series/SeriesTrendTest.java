package com.zoomfactor.domain.series;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.domain.metrics.Aggregation;
import com.zoomfactor.domain.trend.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesTrendTest {

    private static List<DailyValue> days(int count, double slopePerDay, long seed) {
        Random random = new Random(seed);
        List<DailyValue> days = new ArrayList<>();
        LocalDate start = LocalDate.of(2025, 1, 6);
        for (int i = 0; i < count; i++) {
            days.add(new DailyValue(start.plusDays(i), 100 + slopePerDay * i + random.nextGaussian() * 5));
        }
        return days;
    }

    private static SeriesTrend trendOf(List<DailyValue> days, Granularity granularity) {
        AggregatedSeries series = SeriesAggregator.aggregate(days, List.of(), granularity, Aggregation.SUM);
        return SeriesTrend.of(days, List.of(), granularity, Aggregation.SUM, series);
    }

    @Test
    void aShortSeriesIsTestedAsItIs() {
        SeriesTrend trend = trendOf(days(90, 1, 1), Granularity.DAY);
        assertThat(trend.basis()).isEqualTo(Granularity.DAY);
        assertThat(trend.trend().n()).isEqualTo(90);
        assertThat(trend.trend().verdict()).isEqualTo(Verdict.UP);
    }

    @Test
    void twoYearsOfDaysAreTestedOnTheirWeeks() {
        SeriesTrend trend = trendOf(days(730, 1, 2), Granularity.DAY);
        assertThat(trend.basis()).isEqualTo(Granularity.WEEK);
        assertThat(trend.trend().n()).isBetween(104, 106);
        assertThat(trend.trend().verdict()).isEqualTo(Verdict.UP);
        // a week of days adds seven days of growth: the slope is per week
        assertThat(trend.trend().slope()).isBetween(6.0 * 7, 8.0 * 7);
    }

    @Test
    void manyWeeksAreTestedOnTheirMonths() {
        SeriesTrend trend = trendOf(days(1500, -1, 3), Granularity.WEEK);
        assertThat(trend.basis()).isEqualTo(Granularity.MONTH);
        assertThat(trend.trend().n()).isLessThanOrEqualTo(SeriesTrend.MAX_POINTS);
        assertThat(trend.trend().verdict()).isEqualTo(Verdict.DOWN);
    }
}
