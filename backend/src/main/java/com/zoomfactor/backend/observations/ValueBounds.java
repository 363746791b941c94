package com.zoomfactor.backend.observations;

import com.zoomfactor.domain.metrics.Unit;
import java.util.Optional;

/**
 * The largest value a point may carry in each unit, on top of the catalogue's own rule
 * ({@link Unit#problemWith}): without a ceiling, 1.7e308 was accepted and a week's sum became Infinity,
 * which no trend, chart or goal can use. The ceilings keep every sum over the longest range the API reads
 * (5 years of days) far inside the range of a double, and are generous for real data. They belong to the
 * catalogue in {@code shared}; they live here until that jar can change (docs/metrics.md lists them).
 */
public final class ValueBounds {

    /** A count: a trillion visitors, impressions or followers a day is beyond any real property. */
    public static final double MAX_COUNT = 1e12;
    /** A duration: one (leap) year, in seconds. */
    public static final double MAX_SECONDS = 366 * 24 * 3600;
    /** A search position: search consoles report ranks up to a few hundred. */
    public static final double MAX_POSITION = 1000;

    private ValueBounds() {
    }

    /** Empty when {@code value} is acceptable in {@code unit}; otherwise the reason, as a sentence. */
    public static Optional<String> problemWith(Unit unit, double value) {
        Optional<String> problem = unit.problemWith(value);
        if (problem.isPresent()) {
            return problem;
        }
        return switch (unit) {
            case COUNT -> value > MAX_COUNT
                    ? Optional.of("A count must be at most " + (long) MAX_COUNT + " (1e12)") : Optional.empty();
            case SECONDS -> value > MAX_SECONDS
                    ? Optional.of("A duration must be at most " + (long) MAX_SECONDS + " seconds (a year)")
                    : Optional.empty();
            case POSITION -> value > MAX_POSITION
                    ? Optional.of("A search position must be at most " + (long) MAX_POSITION) : Optional.empty();
            case RATIO -> Optional.empty(); // 0..1 is checked by the unit itself
        };
    }
}
