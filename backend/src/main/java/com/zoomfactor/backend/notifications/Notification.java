package com.zoomfactor.backend.notifications;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A person's notification; {@code kind} is {@code mention} (with its {@code commentId}) or {@code alert} (with its
 * {@code alertId}).
 */
public record Notification(long id, UUID personId, UUID clientId, String kind, UUID commentId, UUID alertId,
                           String summary, OffsetDateTime createdAt, OffsetDateTime readAt) {
}
