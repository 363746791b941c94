package com.zoomfactor.domain.score;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The why-questions the Zoom Factor answers; each is a weighted mean of normalised metrics (docs/methodology.md). */
public enum Component {
    ATTENTION("Attention"),
    LOYALTY("Loyalty"),
    REACH("Reach growth"),
    AMPLIFICATION("Amplification"),
    CONVERSATION("Conversation"),
    DISCOVERABILITY("Discoverability"),
    MOMENTUM("Momentum");

    private final String label;

    Component(String label) {
        this.label = label;
    }

    /** The stable name used in the API: the constant in lower case. */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    public static java.util.Optional<Component> find(String key) {
        return java.util.Arrays.stream(values()).filter(c -> c.key().equals(key)).findFirst();
    }
}
