package com.zoomfactor.domain.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GranularityTest {

    @ParameterizedTest(name = "{1} of {0}: {2} to {3}")
    @CsvSource({
        "2026-01-01, DAY,   2026-01-01, 2026-01-01",
        // 2026-01-01 is a Thursday: its ISO week began in 2025.
        "2026-01-01, WEEK,  2025-12-29, 2026-01-04",
        "2025-12-31, WEEK,  2025-12-29, 2026-01-04",
        "2026-01-04, WEEK,  2025-12-29, 2026-01-04",
        "2025-12-29, WEEK,  2025-12-29, 2026-01-04",
        "2026-01-05, WEEK,  2026-01-05, 2026-01-11",
        // 2027-01-01 is a Friday.
        "2027-01-01, WEEK,  2026-12-28, 2027-01-03",
        "2025-12-31, MONTH, 2025-12-01, 2025-12-31",
        "2026-01-01, MONTH, 2026-01-01, 2026-01-31",
        "2028-02-10, MONTH, 2028-02-01, 2028-02-29",
        "2028-02-29, MONTH, 2028-02-01, 2028-02-29",
        "2027-02-10, MONTH, 2027-02-01, 2027-02-28",
        "2100-02-15, MONTH, 2100-02-01, 2100-02-28",
        "2000-02-15, MONTH, 2000-02-01, 2000-02-29",
        "2026-04-30, MONTH, 2026-04-01, 2026-04-30"})
    void bucketsStartAndEndWhereTheCalendarSays(LocalDate date, Granularity granularity, LocalDate start,
            LocalDate end) {
        assertThat(granularity.bucketStart(date)).isEqualTo(start);
        assertThat(granularity.bucketEnd(date)).isEqualTo(end);
    }

    @Test
    void everyDayOfAYearLiesInsideItsBucketAndBucketsTileTheCalendar() {
        for (Granularity granularity : Granularity.values()) {
            for (LocalDate day = LocalDate.of(2027, 12, 1); day.isBefore(LocalDate.of(2029, 2, 1));
                    day = day.plusDays(1)) {
                LocalDate start = granularity.bucketStart(day);
                LocalDate end = granularity.bucketEnd(day);
                assertThat(day).isBetween(start, end);
                assertThat(granularity.bucketStart(end)).isEqualTo(start);
                assertThat(granularity.bucketStart(end.plusDays(1))).isEqualTo(end.plusDays(1));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"day,DAY", " Week ,WEEK", "MONTH,MONTH"})
    void granularitiesAreFoundByKey(String key, Granularity granularity) {
        assertThat(Granularity.find(key)).contains(granularity);
    }

    @Test
    void unknownGranularitiesAreNotFound() {
        assertThat(Granularity.find("quarter")).isEmpty();
        assertThat(Granularity.find(null)).isEmpty();
    }
}
