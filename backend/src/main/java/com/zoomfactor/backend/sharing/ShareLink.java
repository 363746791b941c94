package com.zoomfactor.backend.sharing;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A share link as the agency sees it listed: no secret, no password hash; its status as of the reading and what it
 * shows.
 */
public record ShareLink(UUID id, UUID clientId, OffsetDateTime createdAt, Author createdBy, OffsetDateTime expiresAt,
                        boolean passwordProtected, OffsetDateTime revokedAt, String status,
                        ShareContent shows) {

    public record Author(UUID id, String name) {
    }
}
