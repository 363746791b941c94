package com.zoomfactor.backend.tracking;

/**
 * A window's web figures as sums, so that days and windows add up: visitors (a visitor id lasts one UTC day), visits,
 * pageviews, bounced visits, visit time (ms), engaged time (ms), returning visitors. {@link #stats()} makes the
 * ratios.
 */
public record WebTotals(long visitors, long visits, long pageviews, long bounces, long durationMs, long engagedMs,
                        long returningVisitors) {

    public static final WebTotals NONE = new WebTotals(0, 0, 0, 0, 0, 0, 0);

    public WebTotals plus(WebTotals other) {
        return new WebTotals(visitors + other.visitors, visits + other.visits, pageviews + other.pageviews,
                bounces + other.bounces, durationMs + other.durationMs, engagedMs + other.engagedMs,
                returningVisitors + other.returningVisitors);
    }

    /** The figures people read; ratios are 0 without visits (or pageviews, for time on page). */
    public WebStats stats() {
        if (visits == 0) {
            return new WebStats(visitors, 0, pageviews, 0, 0, 0, 0, returningVisitors);
        }
        return new WebStats(visitors, visits, pageviews, (double) bounces / visits, durationMs / 1000.0 / visits,
                (double) pageviews / visits, pageviews == 0 ? 0 : engagedMs / 1000.0 / pageviews, returningVisitors);
    }
}
