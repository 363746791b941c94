package com.zoomfactor.backend.webhooks;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.outbox.Outbox;
import com.zoomfactor.backend.outbox.OutboxStore;
import com.zoomfactor.backend.outbox.WebhookSignature;
import com.zoomfactor.backend.outbox.WebhookUrls;
import com.zoomfactor.backend.scope.ClientCheckStore;
import com.zoomfactor.backend.scope.RequestScope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An agency's webhooks: created (the URL must reach a public address; the signing secret is shown once), listed,
 * deleted, and each one's delivery log; plus the agency's deliveries of every kind, to see what failed and for whom.
 */
public final class WebhookHandlers {

    /** Webhooks per agency: enough for a channel per client team, few enough to keep every alert's fan-out small. */
    public static final int MAX_WEBHOOKS = 50;
    static final int MAX_LIST = 200;

    /** A webhook as lists show it: its URL cut after the first path segment (Slack's and Teams' hold a secret). */
    public record WebhookView(UUID id, UUID clientId, String url, List<String> events, String format,
                              OffsetDateTime createdAt) {

        static WebhookView of(WebhookStore.Webhook w) {
            return new WebhookView(w.id(), w.clientId(), WebhookUrls.redact(w.url()), w.events(), w.format(),
                    w.createdAt());
        }
    }

    /** The answer to a creation: the only time the secret leaves the server. */
    public record CreatedWebhook(UUID id, UUID clientId, String url, List<String> events, String format,
                                 String secret, OffsetDateTime createdAt) {
    }

    private final Vertx vertx;
    private final RequestScope scope;
    private final Outbox outbox;

    public WebhookHandlers(Vertx vertx, Tenancy tenancy, Outbox outbox) {
        this.vertx = vertx;
        this.scope = new RequestScope(tenancy);
        this.outbox = outbox;
    }

    /** POST /api/webhooks {url, events, clientId?} */
    public void create(RoutingContext ctx) {
        Caller.Person caller = Caller.person(ctx);
        JsonBody body = JsonBody.of(ctx);
        body.refuseUnknownFields(java.util.Set.of("url", "events", "clientId"));
        URI url = WebhookUrls.parse(body.requiredText("url", 2048));
        List<String> events = events(body);
        Optional<UUID> clientId = body.optionalUuid("clientId");
        String secret = WebhookSignature.newSecret();
        // the address check resolves the host, off the event loop, before any transaction
        Future<URI> checked = WebhookUrls.requirePublic(vertx, url, outbox.webhookHosts());
        new RequestScope.Answer<>(ctx, checked).then(ok -> scope.inAgency(ctx, (any, sql) ->
                (clientId.isPresent() ? ClientCheckStore.require(sql, caller.agencyId(), clientId.get())
                        : Future.<Void>succeededFuture())
                        .compose(found -> WebhookStore.count(sql, caller.agencyId()))
                        .compose(count -> {
                            if (count >= MAX_WEBHOOKS) {
                                throw ApiException.conflict("An agency has at most " + MAX_WEBHOOKS
                                        + " webhooks: delete one first");
                            }
                            return WebhookStore.create(sql, caller.agencyId(), clientId.orElse(null),
                                    url.toString(), events, WebhookUrls.formatFor(url), secret, caller.personId());
                        })).result()).respond(created -> {
                            ctx.response().putHeader("Cache-Control", "no-store");
                            JsonResponses.send(ctx, 201, new CreatedWebhook(created.id(), created.clientId(),
                                    WebhookUrls.redact(created.url()), created.events(), created.format(), secret,
                                    created.createdAt()));
                        });
    }

    /** GET /api/webhooks */
    public void list(RoutingContext ctx) {
        scope.inAgency(ctx, (caller, sql) -> WebhookStore.list(sql, caller.agencyId())
                .map(all -> all.stream().map(WebhookView::of).toList())).ok();
    }

    /** DELETE /api/webhooks/{webhookId} — its pending deliveries go with it. */
    public void delete(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "webhookId", "webhook");
        scope.inAgency(ctx, (caller, sql) -> WebhookStore.delete(sql, caller.agencyId(), id).map(deleted -> {
            if (!deleted) {
                throw ApiException.notFound(WebhookStore.NOT_FOUND);
            }
            return deleted;
        })).noContent();
    }

    /** What a test call answers: the delivery to follow in the webhook's log. */
    public record TestCall(UUID deliveryId) {
    }

    /** POST /api/webhooks/{webhookId}/test — a signed "ping" to that webhook, delivered (and logged) like any event. */
    public void test(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "webhookId", "webhook");
        scope.inAgency(ctx, (caller, sql) -> WebhookStore.one(sql, caller.agencyId(), id)
                .compose(webhook -> WebhookEvents.ping(sql, outbox, caller.agencyId(), webhook,
                        UUID.randomUUID().toString()))
                .map(enqueued -> new TestCall(enqueued.orElseThrow()))).json(202);
    }

    /** GET /api/webhooks/{webhookId}/deliveries — newest first, each with its attempts and their status codes. */
    public void deliveries(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "webhookId", "webhook");
        scope.inAgency(ctx, (caller, sql) -> WebhookStore.one(sql, caller.agencyId(), id)
                .compose(found -> OutboxStore.list(sql, caller.agencyId(), null, id, MAX_LIST))).ok();
    }

    /** GET /api/deliveries[?state=pending|delivered|failed] — the agency's e-mails and webhook calls, newest first. */
    public void allDeliveries(RoutingContext ctx) {
        String state = QueryParams.text(ctx, "state").orElse(null);
        if (state != null && !List.of("pending", "delivered", "failed").contains(state)) {
            throw ApiException.badRequest("state must be pending, delivered or failed");
        }
        scope.inAgency(ctx, (caller, sql) -> OutboxStore.list(sql, caller.agencyId(), state, null, MAX_LIST)).ok();
    }

    private static List<String> events(JsonBody body) {
        List<String> given = body.optionalStrings("events", 20).orElseThrow(() -> ApiException.badRequest(
                "events is required: one or more of " + String.join(", ", WebhookEvents.ALL)));
        LinkedHashSet<String> events = new LinkedHashSet<>();
        for (String event : given) {
            if (!WebhookEvents.ALL.contains(event)) {
                throw ApiException.badRequest("unknown event '" + event + "': one of "
                        + String.join(", ", WebhookEvents.ALL));
            }
            events.add(event);
        }
        if (events.isEmpty()) {
            throw ApiException.badRequest("events must name at least one event");
        }
        return List.copyOf(events);
    }
}
