package com.zoomfactor.domain.series;

import java.time.LocalDate;
import java.util.Objects;

/** A metric's value for one day. */
public record DailyValue(LocalDate date, double value) {

    public DailyValue {
        Objects.requireNonNull(date, "date");
    }
}
