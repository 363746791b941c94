package com.zoomfactor.domain.access;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a person may do in an agency. A {@link #VIEWER} whose membership names a client is a "client viewer":
 * a person from that client's company who may read that one client and nothing else.
 */
public enum Role {
    /** Billing and everything else; only owners make or unmake owners. */
    OWNER("owner"),
    /** Members, settings, every client. */
    ADMIN("admin"),
    /** Works on clients' data and dashboards. */
    ANALYST("analyst"),
    /** Reads. */
    VIEWER("viewer");

    private final String key;

    Role(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    public static Optional<Role> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String wanted = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.key.equals(wanted)).findFirst();
    }

    /**
     * Whether a person with this role may give {@code target} to someone, or change or remove someone who
     * holds {@code target}: owners may do anything; admins anything but touch owners; nobody else.
     */
    public boolean mayManage(Role target) {
        return switch (this) {
            case OWNER -> true;
            case ADMIN -> target != OWNER;
            case ANALYST, VIEWER -> false;
        };
    }
}
