package com.zoomfactor.backend.scores;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * Why a score in the history differs from the one before it. A change of weights or of methodology is a change of
 * formula, recorded apart from changes of data so that it never passes for a change in the client's audience.
 */
public enum ScoreCause {
    /** The data the score sees changed: new or corrected observations or posts, or the window moved on a day. */
    DATA,
    /** The agency changed the client's component weights. */
    WEIGHTS,
    /** The first score under a new methodology version. */
    METHODOLOGY;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ScoreCause of(String key) {
        return Arrays.stream(values()).filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown score cause " + key));
    }
}
