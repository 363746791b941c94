package com.zoomfactor.domain.score;

import com.zoomfactor.domain.series.DailyValue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/** Builds score inputs: day 0 is the first baseline day, day 2·window − 1 is asOf. */
final class Fixtures {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
    static final int WINDOW = 90;

    final Map<String, List<DailyValue>> daily = new HashMap<>();
    final Map<String, Map<String, Double>> breakdowns = new HashMap<>();
    final List<PostFacts> posts = new ArrayList<>();
    final Map<String, List<Double>> competitors = new HashMap<>();
    Weights weights = Weights.defaults();

    static LocalDate day(int i) {
        return AS_OF.minusDays(2L * WINDOW - 1 - i);
    }

    /** baseline value every baseline day, window value every window day. */
    Fixtures constant(String key, double baseline, double window) {
        return series(key, i -> i < WINDOW ? baseline : window);
    }

    Fixtures series(String key, IntToDoubleFunction valueOfDay) {
        List<DailyValue> values = new ArrayList<>();
        for (int i = 0; i < 2 * WINDOW; i++) {
            values.add(new DailyValue(day(i), valueOfDay.applyAsDouble(i)));
        }
        daily.put(key, values);
        return this;
    }

    ScoreInput input() {
        return new ScoreInput(AS_OF, WINDOW, copy(daily), Map.copyOf(breakdowns), List.copyOf(posts),
                Map.copyOf(competitors), weights);
    }

    ZoomFactor score() {
        return ScoreEngine.score(input());
    }

    private static Map<String, List<DailyValue>> copy(Map<String, List<DailyValue>> m) {
        Map<String, List<DailyValue>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }
}
