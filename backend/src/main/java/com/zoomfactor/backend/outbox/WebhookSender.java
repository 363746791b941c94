package com.zoomfactor.backend.outbox;

import com.zoomfactor.backend.config.HostAllowList;
import com.zoomfactor.backend.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Clock;

/**
 * Calls a webhook for an outbox delivery: its host checked again (public, or allowed), the body signed
 * ({@link WebhookSignature}), no redirects followed (a redirect could lead inside), a 2xx counts as delivered; a 4xx
 * other than 408 and 429 is the receiver refusing for good, and so is a host now resolving to a non-public address;
 * anything else (a name that does not resolve now among them) is tried again.
 */
final class WebhookSender {

    static final String DELIVERY_HEADER = "X-ZoomFactor-Delivery";
    static final String EVENT_HEADER = "X-ZoomFactor-Event";

    private final Vertx vertx;
    private final WebClient client;
    private final HostAllowList allowed;
    private final int timeoutMs;
    private final Clock clock;

    WebhookSender(Vertx vertx, HostAllowList allowed, int timeoutMs, Clock clock) {
        this.vertx = vertx;
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setConnectTimeout(timeoutMs).setUserAgent("ZoomFactor-Webhooks/1"));
        this.allowed = allowed;
        this.timeoutMs = timeoutMs;
        this.clock = clock;
    }

    Future<Attempted> send(OutboxStore.Pending delivery) {
        URI url;
        try {
            url = WebhookUrls.parse(delivery.webhookUrl());
        } catch (ApiException e) {
            return Future.succeededFuture(Attempted.failed(null, e.getMessage(), true));
        }
        String body = delivery.payload();
        return WebhookUrls.requirePublic(vertx, url, allowed).compose(checked -> client
                        .requestAbs(io.vertx.core.http.HttpMethod.POST, checked.toString())
                        .timeout(timeoutMs)
                        .putHeader("Content-Type", "application/json")
                        .putHeader(DELIVERY_HEADER, delivery.id().toString())
                        .putHeader(EVENT_HEADER, delivery.kind())
                        .putHeader(WebhookSignature.HEADER, WebhookSignature.header(delivery.webhookSecret(),
                                clock.instant().getEpochSecond(), body))
                        .sendBuffer(Buffer.buffer(body)))
                .map(response -> {
                    int status = response.statusCode();
                    if (status >= 200 && status < 300) {
                        return Attempted.delivered(status);
                    }
                    boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
                    return Attempted.failed(status, "HTTP " + status, permanent);
                })
                .recover(failure -> Future.succeededFuture(failure instanceof WebhookUrls.NonPublic refused
                        // the host resolves somewhere it may not go now: never called, not tried again
                        ? Attempted.failed(null, refused.getMessage(), true)
                        : Attempted.failed(null, withoutSecrets(failure, url), false)));
    }

    /**
     * A failure in words without the URL's path and query (a timeout names the request: Slack's and Teams' paths
     * hold their secret), as the delivery log and the server log keep it.
     */
    static String withoutSecrets(Throwable failure, URI url) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        if (!(path + query).isEmpty() && !(path + query).equals("/")) {
            message = message.replace(path + query, "/…").replace(path, "/…");
        }
        return message;
    }

    void close() {
        client.close();
    }
}
