package com.zoomfactor.backend.goals;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A goal with where it stands today: its progress and its forecast from the current trend. */
public record Goal(UUID id, UUID clientId, String metric, double target, LocalDate deadline, int windowDays,
                   Double startValue, Double current, Double progress, Double projected, Double slopePerDay,
                   String status, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** The Zoom Factor as a goal's subject (rather than a metric). */
    public static final String SCORE = "score";
}
