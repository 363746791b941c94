package com.zoomfactor.backend.comments;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A comment on a client; a thread's first comment carries its replies, oldest first. */
public record Comment(UUID id, UUID clientId, UUID parentId, String metric, LocalDate date, UUID alertId, String text,
                      Author author, List<UUID> mentions, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                      List<Comment> replies) {

    public record Author(UUID id, String name) {
    }
}
