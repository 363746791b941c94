package com.zoomfactor.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a client's metrics come from: the channels of the product's metric catalogue. */
public enum Channel {
    WEBSITE("website", "Website / blog"),
    TWITTER("twitter", "X / Twitter"),
    FACEBOOK("facebook", "Facebook page"),
    LINKEDIN("linkedin", "LinkedIn"),
    NEWSLETTER("newsletter", "Newsletter"),
    SEARCH("search", "Search"),
    LEADS("leads", "Lead capture"),
    POLLS("polls", "Polls");

    private final String key;
    private final String label;

    Channel(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The stable name used in the API and the database. */
    @JsonValue
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static Optional<Channel> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String wanted = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.key.equals(wanted)).findFirst();
    }

    /** Like {@link #find} but refuses an unknown key with a message that lists the known ones. */
    @JsonCreator
    public static Channel of(String key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException(
                "unknown channel '" + key + "'; known channels: " + knownKeys()));
    }

    public static String knownKeys() {
        return Arrays.stream(values()).map(Channel::key).collect(Collectors.joining(", "));
    }
}
