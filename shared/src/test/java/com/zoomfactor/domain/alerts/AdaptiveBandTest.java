package com.zoomfactor.domain.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.domain.alerts.AdaptiveBand.Direction;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AdaptiveBandTest {

    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    /** {@code days} days of a level with normal noise, weekly seasonality and a slow drift. */
    private static TreeMap<LocalDate, Double> noisy(Random random, int days, double level, double noise) {
        TreeMap<LocalDate, Double> series = new TreeMap<>();
        for (int d = 0; d < days; d++) {
            double weekly = 1 + 0.05 * Math.sin(2 * Math.PI * d / 7);
            series.put(START.plusDays(d), (level + 0.05 * d) * weekly + random.nextGaussian() * noise);
        }
        return series;
    }

    @Test
    void normalNoiseRaisesFalseAlarmsOnFewerThanFivePercentOfDays() {
        Random random = new Random(42);
        TreeMap<LocalDate, Double> series = noisy(random, 1_000 + AdaptiveBand.WINDOW_DAYS, 500, 25);
        List<LocalDate> alarms = AdaptiveBand.breaches(series, Direction.EITHER);
        double rate = alarms.size() / 1_000.0;
        System.out.printf("adaptive band: %d false alarms over 1,000 simulated days (%.1f %%)%n", alarms.size(), 100 * rate);
        assertThat(rate).isLessThanOrEqualTo(0.05);
    }

    @Test
    void aPlantedAnomalyFiresOnItsDayAndOnlyThere() {
        Random random = new Random(7);
        TreeMap<LocalDate, Double> series = noisy(random, 120, 500, 25);
        LocalDate planted = START.plusDays(90);
        // +45 %: about seven times the day-to-day spread (noise and weekly swing); smaller moves hide in that spread
        series.put(planted, series.get(planted) * 1.45);
        List<LocalDate> up = AdaptiveBand.breaches(series, Direction.UP);
        assertThat(up).contains(planted);
        // the spike neither drags the baseline nor widens the band of the days after it
        assertThat(AdaptiveBand.breaches(series, Direction.DOWN)).doesNotContain(planted.plusDays(1));
        var after = AdaptiveBand.on(planted.plusDays(1), series).orElseThrow();
        var before = AdaptiveBand.on(planted, series).orElseThrow();
        assertThat(after.high() - after.low()).isCloseTo(before.high() - before.low(), within(0.25 * (before.high() - before.low())));
    }

    @Test
    void aDropIsCaughtDownwardsAndIgnoredUpwards() {
        Random random = new Random(3);
        TreeMap<LocalDate, Double> series = noisy(random, 60, 200, 5);
        LocalDate drop = START.plusDays(50);
        series.put(drop, 80.0);
        assertThat(AdaptiveBand.breaches(series, Direction.DOWN)).contains(drop);
        assertThat(AdaptiveBand.breaches(series, Direction.UP)).doesNotContain(drop);
    }

    @Test
    void tooLittleHistoryHasNoBandAndASteadySeriesStillHasOne() {
        TreeMap<LocalDate, Double> young = new TreeMap<>();
        for (int d = 0; d < 10; d++) {
            young.put(START.plusDays(d), 5.0);
        }
        assertThat(AdaptiveBand.on(START.plusDays(10), young)).isEmpty();

        TreeMap<LocalDate, Double> steady = new TreeMap<>();
        for (int d = 0; d < 30; d++) {
            steady.put(START.plusDays(d), 100.0);
        }
        var band = AdaptiveBand.on(START.plusDays(30), steady).orElseThrow();
        assertThat(band.baseline()).isEqualTo(100.0);
        assertThat(band.low()).isCloseTo(96.5, within(1e-9));
        assertThat(band.high()).isCloseTo(103.5, within(1e-9));
        assertThat(band.outside(104, Direction.EITHER)).isTrue();
        assertThat(band.outside(103, Direction.EITHER)).isFalse();
    }
}
