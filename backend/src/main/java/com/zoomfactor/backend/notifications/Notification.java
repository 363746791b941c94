package com.zoomfactor.backend.notifications;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A person's notification; {@code kind} is {@code mention} (with its {@code commentId}), {@code alert} (with its
 * {@code alertId}) or {@code goal} (a goal reached, with its {@code goalId}).
 */
public record Notification(long id, UUID personId, UUID clientId, String kind, UUID commentId, UUID alertId,
                           UUID goalId, String summary, OffsetDateTime createdAt, OffsetDateTime readAt) {
}
