package com.zoomfactor.backend.competitors;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A brand a client's metrics are compared with; {@code handles} by channel. */
public record Competitor(UUID id, UUID clientId, String name, String website, Map<String, String> handles,
                         OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
