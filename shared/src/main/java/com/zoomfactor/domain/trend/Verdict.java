package com.zoomfactor.domain.trend;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a series' values are going up, down or neither, as a statistical verdict. It says nothing about good or
 * bad: that is the metric's polarity.
 */
public enum Verdict {
    UP("up"),
    FLAT("flat"),
    DOWN("down");

    private final String key;

    Verdict(String key) {
        this.key = key;
    }

    /** The stable name used in the API and the database. */
    @JsonValue
    public String key() {
        return key;
    }

    public static Optional<Verdict> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String wanted = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.key.equals(wanted)).findFirst();
    }
}
