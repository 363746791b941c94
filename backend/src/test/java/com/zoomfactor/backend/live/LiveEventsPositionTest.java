package com.zoomfactor.backend.live;

import com.zoomfactor.backend.events.EventStore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LiveEventsPositionTest {

    @ParameterizedTest(name = "latest {0}, oldest kept {1}, since {2}: resumable {3}")
    @CsvSource(nullValues = "null", value = {
            "0,    null, 0,   true",   // nothing happened yet, nothing missed
            "10,   1,    0,   true",   // everything is still kept
            "10,   1,    9,   true",
            "10,   1,    10,  true",   // up to date
            "10,   5,    4,   true",   // the first missed event (5) is the oldest kept
            "10,   5,    3,   false",  // event 4 is gone: reset
            "10,   null, 10,  true",   // all pruned, but nothing missed
            "10,   null, 9,   false",
            "10,   1,    11,  false",  // a number this database never gave out
            "10,   1,    -1,  false"})
    void aResumeIsPossibleOnlyWhenEveryMissedEventIsStillKept(long latest, Long oldest, long since, boolean resumable) {
        assertThat(new EventStore.Position(latest, oldest).canResumeFrom(since)).isEqualTo(resumable);
    }
}
