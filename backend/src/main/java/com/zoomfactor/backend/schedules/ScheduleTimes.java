package com.zoomfactor.backend.schedules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * When a schedule is next due and which period a run covers, in the client's time zone. Pure calendar arithmetic:
 * the due instant is the schedule's local hour on its local day, read through the zone's rules, so that a change of
 * daylight saving time moves the instant, not the hour people see; a local hour that does not exist (the spring gap)
 * is the first instant after the gap, and one that exists twice (autumn) is the first of the two.
 */
public final class ScheduleTimes {

    /** Days looked ahead for the next run: a month and a bit covers every cadence. */
    private static final int LOOK_AHEAD_DAYS = 40;

    /** What a run covers: the last full period before its day, and the one before that to compare with. */
    public record Period(LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo) {
    }

    private ScheduleTimes() {
    }

    /** The first instant strictly after {@code after} at which the cadence is due in {@code zone}. */
    public static Instant nextRun(Cadence cadence, ZoneId zone, Instant after) {
        LocalDate day = after.atZone(zone).toLocalDate();
        for (int i = 0; i <= LOOK_AHEAD_DAYS; i++, day = day.plusDays(1)) {
            if (!cadence.fallsOn(day)) {
                continue;
            }
            // ZonedDateTime.of moves a local time in a gap forward by the gap's length and takes the earlier offset
            // in an overlap: the hour is sent once, at the first valid instant
            Instant due = ZonedDateTime.of(day, LocalTime.of(cadence.hour(), 0), zone).toInstant();
            if (due.isAfter(after)) {
                return due;
            }
        }
        throw new IllegalStateException("no run of " + cadence + " within " + LOOK_AHEAD_DAYS + " days");
    }

    /**
     * The period a run on {@code day} (local) covers: weekly, the last full week Monday to Sunday before it; monthly,
     * the last full calendar month before it. With the same span just before it, to compare with.
     */
    public static Period coveredBy(String frequency, LocalDate day) {
        if (Cadence.WEEKLY.equals(frequency)) {
            LocalDate to = day.minusDays(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            LocalDate from = to.minusDays(6);
            return new Period(from, to, from.minusDays(7), from.minusDays(1));
        }
        LocalDate from = day.minusMonths(1).withDayOfMonth(1);
        LocalDate previousFrom = from.minusMonths(1);
        return new Period(from, from.with(TemporalAdjusters.lastDayOfMonth()), previousFrom,
                previousFrom.with(TemporalAdjusters.lastDayOfMonth()));
    }
}
