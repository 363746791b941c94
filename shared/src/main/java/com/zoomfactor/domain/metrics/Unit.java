package com.zoomfactor.domain.metrics;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a metric's numbers measure, and therefore which numbers make sense for it. */
public enum Unit {
    /** How many of something: visitors, posts, followers. Never negative. */
    COUNT("count"),
    /** A share of a whole, from 0 to 1 (not a percentage). */
    RATIO("ratio"),
    /** A duration in seconds. Never negative. */
    SECONDS("seconds"),
    /** A rank in search results: 1 is the top. */
    POSITION("position");

    private final String key;

    Unit(String key) {
        this.key = key;
    }

    /** The stable name used in the API and the database. */
    @JsonValue
    public String key() {
        return key;
    }

    public static Optional<Unit> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String wanted = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(u -> u.key.equals(wanted)).findFirst();
    }

    /**
     * Empty when {@code value} is a possible value in this unit; otherwise the reason, as a sentence for the
     * person who sent it. Refusing impossible values at the door keeps them out of scores and trends.
     */
    public Optional<String> problemWith(double value) {
        if (!Double.isFinite(value)) {
            return Optional.of("The value must be a finite number, not " + value);
        }
        switch (this) {
            case COUNT:
                return value < 0 ? Optional.of("A count cannot be negative") : Optional.empty();
            case RATIO:
                return value < 0 || value > 1
                        ? Optional.of("A ratio must be between 0 and 1 (a share, not a percentage)")
                        : Optional.empty();
            case SECONDS:
                return value < 0 ? Optional.of("A duration in seconds cannot be negative") : Optional.empty();
            case POSITION:
                return value < 1 ? Optional.of("A search position must be 1 or more") : Optional.empty();
            default:
                throw new AssertionError("unhandled unit " + this);
        }
    }
}
