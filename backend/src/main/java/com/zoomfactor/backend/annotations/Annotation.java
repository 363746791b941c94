package com.zoomfactor.backend.annotations;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** What happened on a client's day ("campaign launched"), optionally about one metric, and who wrote it. */
public record Annotation(UUID id, UUID clientId, LocalDate date, String text, String metric, Author createdBy,
                         OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public record Author(UUID id, String name) {
    }
}
