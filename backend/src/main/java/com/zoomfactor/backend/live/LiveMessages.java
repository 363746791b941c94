package com.zoomfactor.backend.live;

import com.zoomfactor.backend.events.EventStore;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** The server's messages on the live channel; see docs/live.md. */
final class LiveMessages {

    private LiveMessages() {
    }

    static String event(EventStore.Event event) {
        return new JsonObject().put("type", "event").put("clientId", event.clientId().toString())
                .put("seq", event.seq()).put("kind", event.kind()).put("data", event.data()).encode();
    }

    static String subscribed(UUID clientId, long seq) {
        return new JsonObject().put("type", "subscribed").put("clientId", clientId.toString()).put("seq", seq).encode();
    }

    static String unsubscribed(UUID clientId) {
        return new JsonObject().put("type", "unsubscribed").put("clientId", clientId.toString()).encode();
    }

    static String reset(UUID clientId, long seq) {
        return new JsonObject().put("type", "reset").put("clientId", clientId.toString()).put("seq", seq).encode();
    }

    static String error(String message, UUID clientId) {
        JsonObject error = new JsonObject().put("type", "error").put("message", message);
        if (clientId != null) {
            error.put("clientId", clientId.toString());
        }
        return error.encode();
    }
}
