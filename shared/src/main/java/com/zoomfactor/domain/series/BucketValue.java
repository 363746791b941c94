package com.zoomfactor.domain.series;

import java.time.LocalDate;
import java.util.Objects;

/** A metric's value for one bucket of a {@link Granularity}; {@code date} is the bucket's first day. */
public record BucketValue(LocalDate date, double value) {

    public BucketValue {
        Objects.requireNonNull(date, "date");
    }
}
