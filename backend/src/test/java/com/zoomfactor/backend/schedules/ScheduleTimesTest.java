package com.zoomfactor.backend.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The next run in the client's zone across daylight saving changes, and the periods a run covers. */
class ScheduleTimesTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aWeeklyRunKeepsItsLocalHourAcrossTheSpringChange() {
        Cadence mondayNine = new Cadence(Cadence.WEEKLY, 1, null, 9);
        Instant before = ScheduleTimes.nextRun(mondayNine, NEW_YORK, Instant.parse("2026-02-28T00:00:00Z"));
        assertThat(before).as("09:00 EST").isEqualTo(Instant.parse("2026-03-02T14:00:00Z"));
        Instant after = ScheduleTimes.nextRun(mondayNine, NEW_YORK, before);
        assertThat(after).as("09:00 EDT, an hour earlier in UTC").isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
    }

    @Test
    void aSkippedLocalHourGoesToTheFirstInstantAfterTheGap() {
        Cadence sundayTwo = new Cadence(Cadence.WEEKLY, 7, null, 2);
        assertThat(ScheduleTimes.nextRun(sundayTwo, NEW_YORK, Instant.parse("2026-03-07T00:00:00Z")))
                .as("02:00 does not exist on 8 March: 03:00 EDT").isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
    }

    @Test
    void aRepeatedLocalHourRunsOnceAtItsFirstInstant() {
        Cadence sundayOne = new Cadence(Cadence.WEEKLY, 7, null, 1);
        Instant first = ScheduleTimes.nextRun(sundayOne, NEW_YORK, Instant.parse("2026-10-31T12:00:00Z"));
        assertThat(first).as("01:00 EDT").isEqualTo(Instant.parse("2026-11-01T05:00:00Z"));
        assertThat(ScheduleTimes.nextRun(sundayOne, NEW_YORK, first)).as("not again at 01:00 EST")
                .isEqualTo(Instant.parse("2026-11-08T06:00:00Z"));
    }

    @Test
    void aMonthlyRunFallsOnItsDayOfTheMonth() {
        Cadence third = new Cadence(Cadence.MONTHLY, null, 3, 8);
        assertThat(ScheduleTimes.nextRun(third, ZoneId.of("Europe/Paris"), Instant.parse("2026-01-03T07:00:00Z")))
                .isEqualTo(Instant.parse("2026-02-03T07:00:00Z"));
    }

    @Test
    void aRunCoversTheLastFullPeriodAndTheOneBefore() {
        assertThat(ScheduleTimes.coveredBy(Cadence.WEEKLY, LocalDate.parse("2026-03-09")))
                .isEqualTo(new ScheduleTimes.Period(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-08"),
                        LocalDate.parse("2026-02-23"), LocalDate.parse("2026-03-01")));
        assertThat(ScheduleTimes.coveredBy(Cadence.WEEKLY, LocalDate.parse("2026-03-11")))
                .as("mid-week: the week that ended last Sunday").extracting(ScheduleTimes.Period::from)
                .isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(ScheduleTimes.coveredBy(Cadence.MONTHLY, LocalDate.parse("2026-03-01")))
                .isEqualTo(new ScheduleTimes.Period(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28"),
                        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-31")));
    }

    @Test
    void aCadenceRefusesDaysThatDoNotFitItsFrequency() {
        assertThatThrownBy(() -> new Cadence(Cadence.WEEKLY, 8, null, 9)).hasMessageContaining("dayOfWeek");
        assertThatThrownBy(() -> new Cadence(Cadence.MONTHLY, null, 29, 9)).hasMessageContaining("1 to 28");
        assertThatThrownBy(() -> new Cadence(Cadence.MONTHLY, 1, 3, 9)).hasMessageContaining("dayOfMonth");
        assertThatThrownBy(() -> new Cadence(Cadence.WEEKLY, 1, null, 24)).hasMessageContaining("hour");
        assertThatThrownBy(() -> new Cadence("daily", null, null, 9)).hasMessageContaining("weekly or monthly");
    }
}
