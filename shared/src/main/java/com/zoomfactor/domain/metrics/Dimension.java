package com.zoomfactor.domain.metrics;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a metric can be broken down by, so that "which page?" or "who retweets us?" has an answer. */
public enum Dimension {
    /** A page of the website or blog. */
    PAGE("page"),
    /** Another account, e.g. the one that retweeted. */
    ACCOUNT("account"),
    /** A curated list (and through it, its curator). */
    LIST("list"),
    /** A tracked search query. */
    QUERY("query");

    private final String key;

    Dimension(String key) {
        this.key = key;
    }

    /** The stable name used in the API and the database. */
    @JsonValue
    public String key() {
        return key;
    }

    public static Optional<Dimension> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String wanted = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.key.equals(wanted)).findFirst();
    }
}
