package com.zoomfactor.backend.schedules;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A client's scheduled report as the API answers it: when it sends, to whom, whether it waits for review. */
public record ReportSchedule(UUID id, UUID clientId, String frequency, Integer dayOfWeek, Integer dayOfMonth, int hour,
                             List<String> recipients, boolean review, OffsetDateTime nextRunAt,
                             OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    Cadence cadence() {
        return new Cadence(frequency, dayOfWeek, dayOfMonth, hour);
    }
}
