package com.zoomfactor.domain.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zoomfactor.domain.series.DailyValue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DailyIndexTest {

    private static final LocalDate D = LocalDate.of(2026, 11, 1);

    private static DailyValue v(int day, double value) {
        return new DailyValue(D.plusDays(day), value);
    }

    /** What the engine did before the index: filter the whole list into a map by date. */
    private static Map<LocalDate, Double> byFiltering(String key, List<DailyValue> list, LocalDate from, LocalDate to) {
        Map<LocalDate, Double> out = new TreeMap<>();
        for (DailyValue x : list) {
            if (!x.date().isBefore(from) && !x.date().isAfter(to) && Double.isFinite(x.value())
                    && out.put(x.date(), x.value()) != null) {
                throw new IllegalArgumentException("more than one value of " + key + " for " + x.date());
            }
        }
        return out;
    }

    @Test
    void aPeriodIsItsValuesInDateOrderBoundsIncluded() {
        DailyIndex index = DailyIndex.of("k", List.of(v(0, 1), v(1, 2), v(3, 4), v(4, 5)));

        assertThat(index.values(D.plusDays(1), D.plusDays(3))).containsExactly(2, 4);
        assertThat(index.dates(D.plusDays(1), D.plusDays(3))).containsExactly(D.plusDays(1), D.plusDays(3));
        assertThat(index.values(D.minusDays(9), D.plusDays(9))).containsExactly(1, 2, 4, 5);
        assertThat(index.values(D.plusDays(2), D.plusDays(2))).isEmpty();
        assertThat(index.values(D.plusDays(5), D.plusDays(9))).isEmpty();
        assertThat(index.values(D.plusDays(3), D.plusDays(1))).isEmpty();
    }

    @Test
    void nonFiniteValuesAreSkippedAndOrderDoesNotMatter() {
        DailyIndex index = DailyIndex.of("k", List.of(v(3, 4), v(1, Double.NaN), v(0, 1),
                v(2, Double.POSITIVE_INFINITY), v(1, 2)));

        assertThat(index.values(D, D.plusDays(3))).containsExactly(1, 2, 4);
    }

    @Test
    void twoValuesForOneDateFailOnlyForAPeriodHoldingThatDate() {
        DailyIndex index = DailyIndex.of("k", List.of(v(0, 1), v(5, 1), v(2, 2), v(5, 3), v(2, 4)));

        assertThat(index.values(D, D.plusDays(1))).containsExactly(1);
        // As a map filled in list order complains: at the first repeated value in the list, day 5's.
        assertThatThrownBy(() -> index.values(D, D.plusDays(9))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("more than one value of k for " + D.plusDays(5));
        assertThatThrownBy(() -> index.values(D, D.plusDays(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("more than one value of k for " + D.plusDays(2));
    }

    @Test
    void anUnknownMetricHasNoValues() {
        DailyIndex.All all = new DailyIndex.All(Map.of("k", List.of(v(0, 1))));

        assertThat(all.get("other").values(D.minusDays(9), D.plusDays(9))).isEmpty();
        assertThat(all.get("k").values(D, D)).containsExactly(1);
    }

    @Test
    void agreesWithFilteringOnShuffledSeriesWithGapsAndRepeats() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            List<DailyValue> list = new ArrayList<>();
            for (int day = 0; day < 60; day++) {
                if (random.nextInt(5) > 0) {
                    list.add(v(day, random.nextInt(4) == 0 ? Double.NaN : random.nextInt(100)));
                }
                if (round % 3 == 0 && random.nextInt(40) == 0) {
                    list.add(v(day, random.nextInt(100))); // a repeated date
                }
            }
            if (round % 2 == 0) {
                Collections.shuffle(list, random);
            }
            DailyIndex index = DailyIndex.of("k", list);
            for (int q = 0; q < 20; q++) {
                LocalDate from = D.plusDays(random.nextInt(70) - 5);
                LocalDate to = from.plusDays(random.nextInt(40));
                Map<LocalDate, Double> expected;
                try {
                    expected = byFiltering("k", list, from, to);
                } catch (IllegalArgumentException e) {
                    assertThatThrownBy(() -> index.values(from, to)).hasMessage(e.getMessage());
                    continue;
                }
                assertThat(index.values(from, to)).containsExactly(
                        expected.values().stream().mapToDouble(Double::doubleValue).toArray());
                assertThat(index.dates(from, to)).containsExactly(expected.keySet().toArray(new LocalDate[0]));
            }
        }
    }
}
