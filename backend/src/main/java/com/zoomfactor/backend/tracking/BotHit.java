package com.zoomfactor.backend.tracking;

import java.time.LocalDate;
import java.util.UUID;

/** A request refused as a bot's, counted for its site and UTC day. */
public record BotHit(UUID agencyId, UUID siteId, LocalDate day) {
}
