package com.zoomfactor.backend.tracking;

import java.time.Duration;
import java.time.Instant;

/**
 * The events a figure is computed from: those of {@code [from, to)}. A plain window counts everything in it (a visit
 * running into it from before counts as starting at {@code from}). A window that <em>continues</em> a figure already
 * computed up to {@code countFrom} reads 30 minutes further back, so that visits and visitors already counted are
 * not counted again: it counts the visits and visitors that start at or after {@code countFrom}, and the pageviews,
 * time and engagement that happen then.
 */
public record EventWindow(Instant from, Instant countFrom, Instant to) {

    /** The idle time that ends a visit. */
    public static final Duration SESSION_GAP = Duration.ofMinutes(30);

    public EventWindow {
        if (from.isAfter(countFrom) || countFrom.isAfter(to)) {
            throw new IllegalArgumentException("a window needs from <= countFrom <= to");
        }
    }

    /** Every event of {@code [from, to)}. */
    public static EventWindow of(Instant from, Instant to) {
        return new EventWindow(from, from, to);
    }

    /** What happened in {@code [countFrom, to)} that a figure computed up to {@code countFrom} has not counted. */
    public static EventWindow continuing(Instant countFrom, Instant to) {
        return new EventWindow(countFrom.minus(SESSION_GAP), countFrom, to);
    }

    public boolean continues() {
        return from.isBefore(countFrom);
    }
}
