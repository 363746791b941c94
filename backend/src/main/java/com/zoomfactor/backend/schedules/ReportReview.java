package com.zoomfactor.backend.schedules;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A scheduled report waiting for an analyst (or decided): its period and the summary the e-mail will carry. */
public record ReportReview(UUID id, UUID clientId, UUID scheduleId, LocalDate from, LocalDate to, String summary,
                           String state, OffsetDateTime createdAt, OffsetDateTime decidedAt) {
}
