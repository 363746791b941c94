package com.zoomfactor.domain.goals;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a goal stands: met already, on course to be met by its deadline, or not. */
public enum GoalStatus {
    /** The current value meets the target. */
    REACHED,
    /** At the current trend the target is met by the deadline. */
    ON_TRACK,
    /** At the current trend at least half of the remaining gap is closed by the deadline, not all of it. */
    AT_RISK,
    /** At the current trend less than half of the gap is closed by the deadline (or the trend goes the wrong way). */
    OFF_TRACK,
    /** The deadline has passed without the target being met. */
    MISSED,
    /** Not enough data to say. */
    UNKNOWN;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
