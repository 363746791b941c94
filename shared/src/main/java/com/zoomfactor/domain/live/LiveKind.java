package com.zoomfactor.domain.live;

import java.util.Optional;

/**
 * The kinds of change a client's stream carries (the live-event outbox): what a dashboard receives as {@code kind} and
 * what the background consumers filter on. Closed: a change of another kind cannot be recorded. The frontend's
 * {@code LiveKind} union lists the same wire names (a test compares them).
 */
public enum LiveKind {
    OBSERVATIONS("observations"),
    POSTS("posts"),
    SCORE("score"),
    PRESENCE("presence"),
    ANNOTATION("annotation"),
    COMMENT("comment"),
    GOAL("goal"),
    ALERT_RULE("alert_rule"),
    ALERT("alert"),
    NOTIFICATION("notification"),
    ACTIVITY("activity"),
    SHARE_LINK("share_link"),
    /** Visitors now on the client's tracked sites (at most every few seconds, when the figure changes). */
    WEB("web");

    private final String wire;

    LiveKind(String wire) {
        this.wire = wire;
    }

    /** The name on the wire and in the database. */
    public String wire() {
        return wire;
    }

    public static Optional<LiveKind> fromWire(String name) {
        for (LiveKind kind : values()) {
            if (kind.wire.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wire;
    }
}
