package com.zoomfactor.domain.alerts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Which side of a threshold or band counts as a breach. A threshold is one-sided; a band may be watched both ways. */
public enum AlertDirection {
    ABOVE("above", AdaptiveBand.Direction.UP),
    BELOW("below", AdaptiveBand.Direction.DOWN),
    EITHER("either", AdaptiveBand.Direction.EITHER);

    private final String key;
    private final AdaptiveBand.Direction band;

    AlertDirection(String key, AdaptiveBand.Direction band) {
        this.key = key;
        this.band = band;
    }

    /** The stable name used in the API and the database. */
    @JsonValue
    public String key() {
        return key;
    }

    AdaptiveBand.Direction band() {
        return band;
    }

    public static Optional<AlertDirection> find(String key) {
        return Arrays.stream(values()).filter(d -> d.key.equals(key)).findFirst();
    }
}
