package com.zoomfactor.backend.tracking;

import java.util.List;

/**
 * Visitors now: the distinct visitors with an event in the last {@link #WINDOW_MINUTES} minutes, and the pages they
 * are on (each visitor's latest page view in that window).
 */
public record WebRealtime(long visitors, List<Page> pages) {

    public static final int WINDOW_MINUTES = 5;

    /** A page and how many of the visitors now last viewed it. */
    public record Page(String path, long visitors) {
    }
}
