package com.zoomfactor.backend.clients;

import com.zoomfactor.backend.scores.ScoreSummary;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A client; {@code demo} marks the generated demo client, {@code score} is its current Zoom Factor at a glance, null
 * until it has one.
 */
public record ClientView(UUID id, String name, String website, String timeZone, List<String> channels, boolean demo,
                         OffsetDateTime createdAt, OffsetDateTime updatedAt, ScoreSummary score) {

    ClientView withScore(ScoreSummary summary) {
        return new ClientView(id, name, website, timeZone, channels, demo, createdAt, updatedAt, summary);
    }
}
