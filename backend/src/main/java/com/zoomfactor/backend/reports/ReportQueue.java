package com.zoomfactor.backend.reports;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reports in the making on this server, shared by every HTTP verticle: past {@link #MAX_IN_FLIGHT} a download is
 * refused (429, try again in a few seconds) rather than queued with its data in memory behind the others.
 */
public final class ReportQueue {

    static final int MAX_IN_FLIGHT = 8;

    private final AtomicInteger inFlight = new AtomicInteger();

    /** Takes a place for one report; false when the server is full. */
    boolean tryStart() {
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back the place of a report answered (or failed). */
    void done() {
        inFlight.decrementAndGet();
    }
}
