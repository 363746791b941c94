package com.zoomfactor.domain.metrics;

import com.zoomfactor.domain.Channel;
import java.util.Objects;

/**
 * One thing the product measures, with everything needed to read its numbers correctly: what unit they are in,
 * which direction is good, how to roll days into weeks, where it comes from, and the client's question it answers.
 *
 * @param key         stable public name, e.g. {@code web.bounce_rate}
 * @param label       short human name, e.g. "Bounce rate"
 * @param dimension   what it can be broken down by, or {@code null} when it takes none
 * @param question    the question from the product's question list that this metric answers
 */
public record Metric(
        String key,
        String label,
        Unit unit,
        Polarity polarity,
        Aggregation aggregation,
        Channel channel,
        Dimension dimension,
        String question) {

    public Metric {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(polarity, "polarity");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(question, "question");
    }

    /** Whether values of this metric may carry a breakdown item (a page, an account, a list, a query). */
    public boolean takesDimension() {
        return dimension != null;
    }
}
