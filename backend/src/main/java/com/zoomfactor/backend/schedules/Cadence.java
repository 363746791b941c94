package com.zoomfactor.backend.schedules;

import java.time.LocalDate;

/**
 * When a schedule sends: weekly on a day of the week (1 Monday … 7 Sunday), or monthly on a day of the month (1-28,
 * so that every month has it), at an hour (0-23) of the client's time zone.
 */
public record Cadence(String frequency, Integer dayOfWeek, Integer dayOfMonth, int hour) {

    public static final String WEEKLY = "weekly";
    public static final String MONTHLY = "monthly";

    public Cadence {
        if (!WEEKLY.equals(frequency) && !MONTHLY.equals(frequency)) {
            throw new IllegalArgumentException("frequency must be weekly or monthly");
        }
        if (WEEKLY.equals(frequency) && (dayOfWeek == null || dayOfWeek < 1 || dayOfWeek > 7 || dayOfMonth != null)) {
            throw new IllegalArgumentException("a weekly schedule has a dayOfWeek from 1 (Monday) to 7 (Sunday)");
        }
        if (MONTHLY.equals(frequency) && (dayOfMonth == null || dayOfMonth < 1 || dayOfMonth > 28
                || dayOfWeek != null)) {
            throw new IllegalArgumentException("a monthly schedule has a dayOfMonth from 1 to 28");
        }
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour must be from 0 to 23");
        }
    }

    boolean fallsOn(LocalDate day) {
        return WEEKLY.equals(frequency) ? day.getDayOfWeek().getValue() == dayOfWeek
                : day.getDayOfMonth() == dayOfMonth;
    }
}
