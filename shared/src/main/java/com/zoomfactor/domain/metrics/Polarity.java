package com.zoomfactor.domain.metrics;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Which direction of a metric is good news. Trend verdicts say only "up" or "down"; the polarity is what turns
 * that into better or worse (a bounce rate going up is bad).
 */
public enum Polarity {
    HIGHER_IS_BETTER("higher"),
    LOWER_IS_BETTER("lower");

    private final String key;

    Polarity(String key) {
        this.key = key;
    }

    /** The stable name used in the API and the database. */
    @JsonValue
    public String key() {
        return key;
    }

    public static Optional<Polarity> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String wanted = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.key.equals(wanted)).findFirst();
    }
}
