package com.zoomfactor.backend.metrics;

import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** GET /api/metrics: the metric catalogue, the same for everyone, encoded once. */
public final class MetricHandlers implements Handler<RoutingContext> {

    private final Buffer catalogue = JsonResponses.encode(MetricCatalogue.all());

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-cache");
        JsonResponses.send(ctx.response(), 200, catalogue);
    }
}
