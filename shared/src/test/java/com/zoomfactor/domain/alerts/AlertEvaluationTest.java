package com.zoomfactor.domain.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.domain.alerts.AlertEvaluation.Breach;
import com.zoomfactor.domain.metrics.Aggregation;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AlertEvaluationTest {

    private static final LocalDate START = LocalDate.of(2025, 3, 1);

    private static TreeMap<LocalDate, Double> series(double... values) {
        TreeMap<LocalDate, Double> series = new TreeMap<>();
        for (int d = 0; d < values.length; d++) {
            series.put(START.plusDays(d), values[d]);
        }
        return series;
    }

    private static LocalDate day(int d) {
        return START.plusDays(d);
    }

    @Test
    void aThresholdFiresWhereTheSeriesCrossesItNotOnEveryDayBeyond() {
        TreeMap<LocalDate, Double> s = series(40, 45, 52, 58, 61, 49, 47, 55);
        List<Breach> breaches = AlertEvaluation.evaluate(AlertRule.threshold(AlertDirection.ABOVE, 50), s,
                "the Zoom Factor", day(0), day(7));
        assertThat(breaches).extracting(Breach::day).containsExactly(day(2), day(7));
        Breach first = breaches.get(0);
        assertThat(first.value()).isEqualTo(52);
        assertThat(first.threshold()).isEqualTo(50);
        assertThat(first.low()).isNull();
        assertThat(first.message()).isEqualTo("the Zoom Factor was 52 on 2025-03-03, above the threshold of 50");
    }

    @Test
    void daysBeforeTheWindowAreHistoryOnly() {
        TreeMap<LocalDate, Double> s = series(10, 5, 4, 3, 8, 2);
        AlertRule below = AlertRule.threshold(AlertDirection.BELOW, 6);
        // the breach under way when watching starts (day 2) is reported there; day 3 continues it; day 5 is new
        assertThat(AlertEvaluation.evaluate(below, s, "m", day(2), day(5))).extracting(Breach::day)
                .containsExactly(day(2), day(5));
        // the first value beyond the line with nothing before it counts as a crossing
        assertThat(AlertEvaluation.evaluate(below, series(1), "m", day(0), day(0))).hasSize(1);
    }

    @Test
    void anAdaptiveRuleFiresOnAPlantedAnomalyWithItsBandInWords() {
        Random random = new Random(11);
        TreeMap<LocalDate, Double> s = new TreeMap<>();
        for (int d = 0; d < 60; d++) {
            s.put(day(d), 1_000 + random.nextGaussian() * 20);
        }
        s.put(day(50), 1_400.0);
        s.put(day(51), 1_350.0); // the same episode: no second alert
        List<Breach> breaches = AlertEvaluation.evaluate(AlertRule.adaptive(AlertDirection.EITHER), s,
                "web.unique_visitors", day(30), day(59));
        assertThat(breaches).extracting(Breach::day).containsExactly(day(50));
        Breach b = breaches.get(0);
        assertThat(b.baseline()).isCloseTo(1_000, within(15.0));
        assertThat(b.high()).isLessThan(1_400).isGreaterThan(b.baseline());
        assertThat(b.threshold()).isNull();
        assertThat(b.message()).startsWith("web.unique_visitors was 1,400 on 2025-04-20, above its normal band of ")
                .contains("the median of the 28 days before");
        assertThat(AlertEvaluation.evaluate(AlertRule.adaptive(AlertDirection.BELOW), s, "m", day(30), day(59))).isEmpty();
    }

    @Test
    void normalNoiseOverAThousandDaysRaisesFewAlarms() {
        Random random = new Random(5);
        TreeMap<LocalDate, Double> s = new TreeMap<>();
        for (int d = 0; d < 1_028; d++) {
            s.put(day(d), 300 * (1 + 0.05 * Math.sin(2 * Math.PI * d / 7)) + random.nextGaussian() * 15);
        }
        List<Breach> alarms = AlertEvaluation.evaluate(AlertRule.adaptive(AlertDirection.EITHER), s, "m", day(28), day(1_027));
        assertThat(alarms.size()).isLessThanOrEqualTo(50);
    }

    @Test
    void numbersReadWell() {
        assertThat(AlertEvaluation.number(1234.5)).isEqualTo("1,234.5");
        assertThat(AlertEvaluation.number(0.12345)).isEqualTo("0.123");
        assertThat(AlertEvaluation.number(-3)).isEqualTo("-3");
    }

    @Test
    void aDayUnderWayIsJudgedOnlyWhereItsPartialValueCanOnlyGrowPastTheLine() {
        LocalDate today = LocalDate.of(2026, 12, 1);
        LocalDate yesterday = today.minusDays(1);
        assertThat(AlertEvaluation.lastJudgedDay(AlertRule.threshold(AlertDirection.ABOVE, 100),
                Aggregation.SUM, today)).isEqualTo(today);
        assertThat(AlertEvaluation.lastJudgedDay(AlertRule.threshold(AlertDirection.BELOW, 100),
                Aggregation.SUM, today)).isEqualTo(yesterday);
        assertThat(AlertEvaluation.lastJudgedDay(AlertRule.adaptive(AlertDirection.EITHER),
                Aggregation.SUM, today)).isEqualTo(yesterday);
        assertThat(AlertEvaluation.lastJudgedDay(AlertRule.threshold(AlertDirection.ABOVE, 0.5),
                Aggregation.MEAN, today)).isEqualTo(yesterday);
        assertThat(AlertEvaluation.lastJudgedDay(AlertRule.adaptive(AlertDirection.ABOVE),
                Aggregation.LAST, today)).isEqualTo(yesterday);
        // a rule watching from today has nothing judged yet
        TreeMap<LocalDate, Double> series = new TreeMap<>();
        series.put(today, 1.0);
        assertThat(AlertEvaluation.evaluate(AlertRule.threshold(AlertDirection.BELOW, 100), series, "visitors", today,
                yesterday)).isEmpty();
    }
}
