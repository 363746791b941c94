package com.zoomfactor.backend.webhooks;

import com.zoomfactor.backend.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Events sent to webhooks, and their bodies: the signed JSON event ({@code id, event, createdAt, clientId, text,
 * data}), or, for Slack's and Teams' incoming webhooks, the shape they accept ({@code {"text": …}}, a MessageCard),
 * carrying the same sentence. Published inside the transaction of what happened.
 */
public final class WebhookEvents {

    /** An alert rule fired. */
    public static final String ALERT_FIRED = "alert.fired";
    /** A client's goal was reached. */
    public static final String GOAL_REACHED = "goal.reached";
    /** A test call asked for by hand ({@code POST /api/webhooks/{id}/test}); sent to that one webhook, whatever it wants. */
    public static final String PING = "ping";
    /** What a webhook may subscribe to. */
    public static final Set<String> ALL = Set.of(ALERT_FIRED, GOAL_REACHED);

    private WebhookEvents() {
    }

    /**
     * Enqueues {@code event} for every webhook of the agency that wants it for this client, once per cause
     * ({@code causeId}, e.g. the alert's id). {@code text} is the sentence people read; {@code data} the details.
     */
    public static Future<Void> publish(SqlConnection sql, Outbox outbox, UUID agencyId, UUID clientId, String event,
                                       String causeId, String text, JsonObject data) {
        return WebhookStore.subscribed(sql, agencyId, clientId, event).compose(webhooks -> {
            Future<?> chain = Future.succeededFuture();
            for (WebhookStore.Webhook webhook : webhooks) {
                String key = "webhook:" + webhook.id() + ":" + event + ":" + causeId;
                String body = body(webhook.format(), key, event, clientId, text, data).encode();
                chain = chain.compose(done -> outbox.enqueueWebhook(sql, agencyId, clientId, webhook.id(),
                        webhook.url(), event, key, body));
            }
            return chain.mapEmpty();
        });
    }

    /** Enqueues a test call of one webhook (a new one each time: {@code causeId} is fresh); the delivery's id. */
    static Future<Optional<UUID>> ping(SqlConnection sql, Outbox outbox, UUID agencyId,
                                                 WebhookStore.Webhook webhook, String causeId) {
        String key = "webhook:" + webhook.id() + ":" + PING + ":" + causeId;
        String text = "Zoom Factor test call: this webhook is set up and its signature can be checked.";
        String body = body(webhook.format(), key, PING, webhook.clientId(), text, new JsonObject()).encode();
        return outbox.enqueueWebhook(sql, agencyId, webhook.clientId(), webhook.id(), webhook.url(), PING, key, body);
    }

    static JsonObject body(String format, String eventId, String event, UUID clientId, String text, JsonObject data) {
        return switch (format) {
            case "slack" -> new JsonObject().put("text", text);
            case "teams" -> new JsonObject()
                    .put("@type", "MessageCard").put("@context", "https://schema.org/extensions")
                    .put("summary", text.length() > 80 ? text.substring(0, 79) + "…" : text)
                    .put("title", "Zoom Factor: " + event).put("text", text)
                    .put("sections", new JsonArray());
            default -> new JsonObject().put("id", eventId).put("event", event)
                    .put("createdAt", Instant.now().toString())
                    .put("clientId", clientId == null ? null : clientId.toString())
                    .put("text", text).put("data", data);
        };
    }
}
