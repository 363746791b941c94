package com.zoomfactor.domain.alerts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What an alert watches on one daily series: a {@link Threshold}, or the series' {@link AdaptiveBand} in a
 * direction. {@code threshold} is set for threshold rules only.
 */
public record AlertRule(Kind kind, AlertDirection direction, Double threshold) {

    public enum Kind {
        THRESHOLD("threshold"), ADAPTIVE("adaptive");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        @JsonValue
        public String key() {
            return key;
        }

        public static Optional<Kind> find(String key) {
            return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
        }
    }

    public AlertRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        if (kind == Kind.THRESHOLD) {
            Objects.requireNonNull(threshold, "a threshold rule needs its threshold");
            new Threshold(direction, threshold); // validates
        } else if (threshold != null) {
            throw new IllegalArgumentException("an adaptive rule has no fixed threshold");
        }
    }

    public static AlertRule threshold(AlertDirection direction, double value) {
        return new AlertRule(Kind.THRESHOLD, direction, value);
    }

    public static AlertRule adaptive(AlertDirection direction) {
        return new AlertRule(Kind.ADAPTIVE, direction, null);
    }
}
