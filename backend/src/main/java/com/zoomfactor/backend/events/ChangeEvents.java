package com.zoomfactor.backend.events;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Announces committed changes of a client's data on the event bus, once per committed batch, post upsert or
 * import, and each new score in its history, so that whatever depends on that data (the score, live dashboards)
 * can react. Published only after the transaction committed: a listener never hears of data it cannot read.
 */
public final class ChangeEvents {

    /** Event bus address; messages are {@code {agencyId, clientId, kind, metrics}}. */
    public static final String ADDRESS = "zoomfactor.client-changes";

    public static final String OBSERVATIONS = "observations";
    public static final String POSTS = "posts";
    /** A new score was recorded in the client's history. */
    public static final String SCORE = "score";

    private ChangeEvents() {
    }

    public static void publish(Vertx vertx, UUID agencyId, UUID clientId, String kind, Collection<String> metrics) {
        vertx.eventBus().publish(ADDRESS, new JsonObject()
                .put("agencyId", agencyId.toString())
                .put("clientId", clientId.toString())
                .put("kind", kind)
                .put("metrics", new JsonArray(new TreeSet<>(metrics).stream().toList())));
    }
}
