package com.zoomfactor.backend.events;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The one change stream, as this instance's background consumers hear it: every change is recorded once, in its own
 * transaction, as a live event (live/EventStore), and its NOTIFY reaches every instance through the live relay. This
 * bridge hands each announced commit, and each moment the relay (again) listens, to the consumers' verticles over the
 * local event bus. Nothing here is durable, and need not be: each consumer keeps its own position in the stored
 * stream ({@link StreamConsumer}) and reads back what it missed whenever the relay starts listening.
 */
public final class ChangeStream implements CommitObserver {

    /** Local event bus address: {@code {agencyId, clientId, seq, kind}}, or {@code {listening: true}}. */
    public static final String ADDRESS = "zoomfactor.change-stream";

    private final Vertx vertx;

    /** The consumers of this Vert.x hear, through this bridge, what the live relay hears. */
    public ChangeStream(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public void committed(UUID agencyId, UUID clientId, long seq, String kind) {
        vertx.eventBus().publish(ADDRESS, new JsonObject().put("agencyId", agencyId.toString())
                .put("clientId", clientId.toString()).put("seq", seq).put("kind", kind));
    }

    @Override
    public void listening() {
        vertx.eventBus().publish(ADDRESS, new JsonObject().put("listening", true));
    }
}
