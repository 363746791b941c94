package com.zoomfactor.backend.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests Vert.x Web refuses with 400 before any route runs, mostly a path or query whose percent-encoding does not
 * decode ({@code %zz}): answered as JSON like every other error, never as Vert.x's plain text. A path that does not
 * decode names no resource, so it is a 404 — under {@code /api/shared/} word for word the answer for any other token
 * that does not work; anything else here is a 400.
 */
public final class UndecodableRequest implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        ApiError error;
        if (!decodes(ctx.request().path())) {
            error = new ApiError(404, PathSegments.noSuchPath(ctx.request().path()));
        } else {
            error = new ApiError(400, "The request's path or query is not validly encoded");
        }
        if (!ctx.response().headWritten()) {
            ctx.response().putHeader("Cache-Control", "no-store");
            JsonResponses.send(ctx, error.status(), error);
        }
    }

    private static boolean decodes(String path) {
        if (path == null) {
            return false;
        }
        try {
            io.vertx.core.internal.net.RFC3986.decodeURIComponent(path, false);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
