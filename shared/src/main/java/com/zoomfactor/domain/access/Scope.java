package com.zoomfactor.domain.access;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a machine's API token may do. A token holds one or more scopes; each route names the one it needs. */
public enum Scope {
    /** Read clients, metrics and scores. */
    READ("read"),
    /** Push observations. */
    METRICS_WRITE("metrics:write"),
    /** Create, change and delete clients. */
    ADMIN("admin");

    private final String key;

    Scope(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    public static Optional<Scope> find(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    public static String knownKeys() {
        return Arrays.stream(values()).map(Scope::key).collect(Collectors.joining(", "));
    }
}
