package com.zoomfactor.backend.tracking;

/**
 * A period's web figures: unique visitors (a visitor id lasts one UTC day, so a period's visitors add up its days'),
 * visits (sessions: a visitor's events with no gap over 30 minutes), pageviews, the share of visits that bounced,
 * the mean visit duration (s), pages per visit, engaged time per pageview (s) and returning visitors (sites that
 * recognise them). Ratios are 0 for a period without visits.
 */
public record WebStats(long visitors, long visits, long pageviews, double bounceRate, double visitDuration,
                       double pagesPerVisit, double timeOnPage, long returningVisitors) {

    public static final WebStats NONE = new WebStats(0, 0, 0, 0, 0, 0, 0, 0);
}
