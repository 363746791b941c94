package com.zoomfactor.domain.score;

import java.time.Instant;
import java.util.Objects;

/** One post the client published, as far as the score needs it. */
public record PostFacts(String channel, Instant publishedAt, String text, long impressions, long interactions) {

    public PostFacts {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(publishedAt, "publishedAt");
        text = text == null ? "" : text;
    }
}
