package com.zoomfactor.domain.alerts;

import java.util.Objects;

/**
 * A fixed line on a day's value (the metric's own value for the day, as every chart shows it, or the day's last
 * Zoom Factor): breached when the value is strictly above, or strictly below, it. Touching the line is not a breach.
 */
public record Threshold(AlertDirection direction, double value) {

    public Threshold {
        Objects.requireNonNull(direction, "direction");
        if (direction == AlertDirection.EITHER) {
            throw new IllegalArgumentException("a threshold is crossed upwards or downwards, not either");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a threshold must be a finite number, not " + value);
        }
    }

    public boolean breachedBy(double dayValue) {
        return direction == AlertDirection.ABOVE ? dayValue > value : dayValue < value;
    }
}
