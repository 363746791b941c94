package com.zoomfactor.backend.imports.formats;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A post read from an export: the channel it was published on, its id there, when, its text and link, and its
 * lifetime counters by the names posts take (impressions, retweets, replies, likes, comments, shares, quotes, clicks).
 */
public record ImportedPost(String channel, String externalId, OffsetDateTime publishedAt, String text, String url,
                           Map<String, Long> metrics) {

    public ImportedPost {
        metrics = Map.copyOf(metrics);
    }
}
