package com.zoomfactor.backend.observations;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One validated observation: a metric's value for one client (or one of its competitors) over one day
 * ({@code start == end}) or one period, as a total ({@code dimension == null}) or as one line of a breakdown.
 */
public record Point(String metric, LocalDate start, LocalDate end, String dimension, UUID competitorId, double value,
                    String source) {

    /** What makes two points the same point: sending it again replaces the value. */
    public record Identity(String metric, LocalDate start, LocalDate end, String dimension, UUID competitorId) {
    }

    public Identity identity() {
        return new Identity(metric, start, end, dimension, competitorId);
    }
}
