package com.zoomfactor.backend.tracking;

import java.time.Clock;
import java.time.Instant;

/** The tracker's time (event times, salt days, today's metrics): the system's, or a test's. */
public final class TrackerClock {

    private volatile Clock clock = Clock.systemUTC();

    public Instant now() {
        return clock.instant();
    }

    /** Replaces the clock (tests script sequences of events with it). */
    public void use(Clock replacement) {
        this.clock = replacement;
    }
}
