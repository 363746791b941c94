package com.zoomfactor.domain.series;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A metric's value for several days at once, from {@code from} to {@code to} inclusive, as some sources report
 * (a monthly export, a weekly e-mail). It cannot be split into days without inventing data.
 */
public record PeriodValue(LocalDate from, LocalDate to, double value) {

    public PeriodValue {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("a period cannot end (" + to + ") before it starts (" + from + ")");
        }
    }
}
