package com.zoomfactor.domain.series;

import static com.zoomfactor.domain.series.Granularity.DAY;
import static com.zoomfactor.domain.series.Granularity.MONTH;
import static com.zoomfactor.domain.series.Granularity.WEEK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.domain.metrics.Aggregation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeriesAggregatorTest {

    /**
     * 2026-01-01 (a Thursday) to 2026-01-14 with values 1 to 14, shuffled. ISO weeks: Mon 2025-12-29 holds 1..4,
     * Mon 2026-01-05 holds 5..11, Mon 2026-01-12 holds 12..14.
     */
    @ParameterizedTest(name = "weekly {0}")
    @CsvSource({
        "SUM,  10,  56, 39",
        "MEAN, 2.5, 8,  13",
        "LAST, 4,   11, 14"})
    void weeksAcrossTheNewYear(Aggregation aggregation, double first, double second, double third) {
        List<DailyValue> daily = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            daily.add(new DailyValue(LocalDate.of(2026, 1, i), i));
        }
        Collections.shuffle(daily, new Random(7));

        AggregatedSeries series = SeriesAggregator.aggregate(daily, List.of(), WEEK, aggregation);

        assertThat(series.points()).containsExactly(
                new BucketValue(LocalDate.of(2025, 12, 29), first),
                new BucketValue(LocalDate.of(2026, 1, 5), second),
                new BucketValue(LocalDate.of(2026, 1, 12), third));
        assertThat(series.periods()).isEmpty();
    }

    /**
     * Given in reverse: Jan 30 = 10, Jan 31 = 20, Feb 1 = 30, Feb 28 = 40. January: 10 + 20; February: 30 + 40.
     */
    @ParameterizedTest(name = "monthly {0}")
    @CsvSource({
        "SUM,  30, 70",
        "MEAN, 15, 35",
        "LAST, 20, 40"})
    void monthsFromUnorderedDays(Aggregation aggregation, double january, double february) {
        AggregatedSeries series = SeriesAggregator.aggregate(monthEnds(), List.of(), MONTH, aggregation);

        assertThat(series.points()).containsExactly(
                new BucketValue(LocalDate.of(2026, 1, 1), january),
                new BucketValue(LocalDate.of(2026, 2, 1), february));
    }

    /**
     * The period Feb 10..20 = 100 joins February as one more value, dated Feb 20: between Feb 1 (30) and Feb 28 (40).
     * Sum 30 + 100 + 40 = 170; mean 170 / 3; last is still Feb 28. The period Jan 25..Feb 3 straddles two months and
     * is returned as it is, touching neither.
     */
    @ParameterizedTest(name = "monthly {0} with periods")
    @CsvSource({
        "SUM,  30, 170",
        "MEAN, 15, 56.666666666666664",
        "LAST, 20, 40"})
    void aPeriodInsideOneMonthJoinsItAndOneAcrossTwoStaysApart(Aggregation aggregation, double january,
            double february) {
        PeriodValue inside = new PeriodValue(LocalDate.of(2026, 2, 10), LocalDate.of(2026, 2, 20), 100);
        PeriodValue across = new PeriodValue(LocalDate.of(2026, 1, 25), LocalDate.of(2026, 2, 3), 999);

        AggregatedSeries series = SeriesAggregator.aggregate(monthEnds(), List.of(across, inside), MONTH,
                aggregation);

        assertThat(series.points()).hasSize(2);
        assertThat(series.points().get(0)).isEqualTo(new BucketValue(LocalDate.of(2026, 1, 1), january));
        assertThat(series.points().get(1).date()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(series.points().get(1).value()).isCloseTo(february, within(1e-9));
        assertThat(series.periods()).containsExactly(across);
    }

    @Test
    void forLastAPeriodCountsAsDatedAtItsEnd() {
        List<DailyValue> daily = List.of(
                new DailyValue(LocalDate.of(2026, 2, 1), 30),
                new DailyValue(LocalDate.of(2026, 2, 15), 35));
        // Ends after the last daily value though it starts before it.
        PeriodValue endOfMonth = new PeriodValue(LocalDate.of(2026, 2, 10), LocalDate.of(2026, 2, 28), 100);

        AggregatedSeries series = SeriesAggregator.aggregate(daily, List.of(endOfMonth), MONTH, Aggregation.LAST);

        assertThat(series.points()).containsExactly(new BucketValue(LocalDate.of(2026, 2, 1), 100));
    }

    @Test
    void onTheSameLastDayTheDailyValueIsTheMoreSpecificAndComesLast() {
        List<DailyValue> daily = List.of(new DailyValue(LocalDate.of(2026, 2, 28), 40));
        PeriodValue month = new PeriodValue(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28), 100);

        AggregatedSeries series = SeriesAggregator.aggregate(daily, List.of(month), MONTH, Aggregation.LAST);

        assertThat(series.points()).containsExactly(new BucketValue(LocalDate.of(2026, 2, 1), 40));
    }

    @Test
    void aOneDayPeriodOnTheDayOfADailyValueComesBeforeIt() {
        LocalDate day = LocalDate.of(2026, 2, 28);

        AggregatedSeries series = SeriesAggregator.aggregate(List.of(new DailyValue(day, 40)),
                List.of(new PeriodValue(day, day, 100)), DAY, Aggregation.LAST);

        assertThat(series.points()).containsExactly(new BucketValue(day, 40));
    }

    @Test
    void aBucketMayHoldOnlyAPeriodAndEmptyBucketsAreAbsentNotZero() {
        PeriodValue march = new PeriodValue(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 8), 7);
        List<DailyValue> january = List.of(new DailyValue(LocalDate.of(2026, 1, 15), 3));

        AggregatedSeries series = SeriesAggregator.aggregate(january, List.of(march), MONTH, Aggregation.SUM);

        assertThat(series.points()).containsExactly(
                new BucketValue(LocalDate.of(2026, 1, 1), 3),
                new BucketValue(LocalDate.of(2026, 3, 1), 7));
    }

    @Test
    void aPeriodOfExactlyOneWeekJoinsThatWeekButOneShiftedByADayDoesNot() {
        PeriodValue isoWeek = new PeriodValue(LocalDate.of(2025, 12, 29), LocalDate.of(2026, 1, 4), 5);
        PeriodValue sundayToSaturday = new PeriodValue(LocalDate.of(2026, 1, 4), LocalDate.of(2026, 1, 10), 6);

        AggregatedSeries series = SeriesAggregator.aggregate(List.of(), List.of(sundayToSaturday, isoWeek), WEEK,
                Aggregation.SUM);

        assertThat(series.points()).containsExactly(new BucketValue(LocalDate.of(2025, 12, 29), 5));
        assertThat(series.periods()).containsExactly(sundayToSaturday);
    }

    @Test
    void byDayOnlyOneDayPeriodsJoinAndTheRestStayApartOrderedByStart() {
        List<DailyValue> daily = List.of(
                new DailyValue(LocalDate.of(2026, 3, 2), 4),
                new DailyValue(LocalDate.of(2026, 3, 1), 2));
        PeriodValue oneDay = new PeriodValue(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2), 1);
        PeriodValue oneDayAlone = new PeriodValue(LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 5), 9);
        PeriodValue later = new PeriodValue(LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 4), 8);
        PeriodValue earlier = new PeriodValue(LocalDate.of(2026, 2, 27), LocalDate.of(2026, 3, 1), 8);

        AggregatedSeries series = SeriesAggregator.aggregate(daily, List.of(later, oneDay, oneDayAlone, earlier),
                DAY, Aggregation.SUM);

        assertThat(series.points()).containsExactly(
                new BucketValue(LocalDate.of(2026, 3, 1), 2),
                new BucketValue(LocalDate.of(2026, 3, 2), 5),
                new BucketValue(LocalDate.of(2026, 3, 5), 9));
        assertThat(series.periods()).containsExactly(earlier, later);
    }

    @Test
    void nothingInNothingOut() {
        AggregatedSeries series = SeriesAggregator.aggregate(List.of(), List.of(), WEEK, Aggregation.MEAN);

        assertThat(series.points()).isEmpty();
        assertThat(series.periods()).isEmpty();
    }

    @Test
    void twoValuesForOneDayAreRefused() {
        List<DailyValue> daily = List.of(
                new DailyValue(LocalDate.of(2026, 3, 1), 1),
                new DailyValue(LocalDate.of(2026, 3, 1), 2));

        assertThatThrownBy(() -> SeriesAggregator.aggregate(daily, List.of(), WEEK, Aggregation.SUM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-03-01");
    }

    @Test
    void aPeriodCannotEndBeforeItStarts() {
        assertThatThrownBy(() -> new PeriodValue(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 1), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theResultCannotBeChangedFromOutside() {
        AggregatedSeries series = SeriesAggregator.aggregate(monthEnds(), List.of(), MONTH, Aggregation.SUM);

        assertThatThrownBy(() -> series.points().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static List<DailyValue> monthEnds() {
        return List.of(
                new DailyValue(LocalDate.of(2026, 2, 28), 40),
                new DailyValue(LocalDate.of(2026, 2, 1), 30),
                new DailyValue(LocalDate.of(2026, 1, 31), 20),
                new DailyValue(LocalDate.of(2026, 1, 30), 10));
    }
}
