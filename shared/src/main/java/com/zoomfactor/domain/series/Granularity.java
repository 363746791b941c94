package com.zoomfactor.domain.series;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The size of the buckets a series is shown in. Weeks are ISO weeks (Monday to Sunday), months calendar months. */
public enum Granularity {
    DAY("day"),
    WEEK("week"),
    MONTH("month");

    private final String key;

    Granularity(String key) {
        this.key = key;
    }

    /** The stable name used in the API and the database. */
    @JsonValue
    public String key() {
        return key;
    }

    public static Optional<Granularity> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String wanted = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(g -> g.key.equals(wanted)).findFirst();
    }

    /** The first day of the bucket holding {@code date}: the day itself, its week's Monday, or the 1st. */
    public LocalDate bucketStart(LocalDate date) {
        Objects.requireNonNull(date, "date");
        switch (this) {
            case DAY:
                return date;
            case WEEK:
                return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH:
                return date.withDayOfMonth(1);
            default:
                throw new AssertionError("unhandled granularity " + this);
        }
    }

    /** The last day (inclusive) of the bucket holding {@code date}: the day itself, its Sunday, or the month's end. */
    public LocalDate bucketEnd(LocalDate date) {
        Objects.requireNonNull(date, "date");
        switch (this) {
            case DAY:
                return date;
            case WEEK:
                return date.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            case MONTH:
                return date.with(TemporalAdjusters.lastDayOfMonth());
            default:
                throw new AssertionError("unhandled granularity " + this);
        }
    }
}
