package com.zoomfactor.backend.annotations;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What happened on a client's day ("campaign launched"), optionally about one metric, and who wrote it.
 *
 * @param visibility {@value #INTERNAL} (the team's note: on no client-facing page unless a share link or a report
 *                   chooses internal ones too) or {@value #PUBLIC} (meant for the client)
 */
public record Annotation(UUID id, UUID clientId, LocalDate date, String text, String metric, String visibility,
                         Author createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public static final String INTERNAL = "internal";
    public static final String PUBLIC = "public";

    @JsonIgnore
    public boolean isPublic() {
        return PUBLIC.equals(visibility);
    }

    public record Author(UUID id, String name) {
    }
}
