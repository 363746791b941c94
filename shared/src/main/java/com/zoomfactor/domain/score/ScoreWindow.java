package com.zoomfactor.domain.score;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The days a score reads its values over (docs/methodology.md § 1): the {@code days} up to and including its
 * {@code asOf}, from {@code asOf − days + 1} to {@code asOf}. Said with every score, so that a screen names the
 * window a number is over instead of assuming one.
 */
public record ScoreWindow(int days, LocalDate from, LocalDate to) {

    public ScoreWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (days < 1 || !from.plusDays(days - 1L).equals(to)) {
            throw new IllegalArgumentException("a window of " + days + " days cannot run from " + from + " to " + to);
        }
    }

    /** The window of {@code days} days that ends on {@code asOf}. */
    public static ScoreWindow ending(LocalDate asOf, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("the window must be at least one day, not " + days);
        }
        return new ScoreWindow(days, asOf.minusDays(days - 1L), asOf);
    }
}
