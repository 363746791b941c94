package com.zoomfactor.backend.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request once it is answered: method, path, status, milliseconds. Never the query string,
 * headers or bodies: they may hold tickets, tokens or passwords.
 */
public final class AccessLog implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger("zoomfactor.access");

    @Override
    public void handle(RoutingContext ctx) {
        if (LOG.isInfoEnabled()) {
            long started = System.nanoTime();
            HttpServerRequest request = ctx.request();
            ctx.addEndHandler(ended -> LOG.info("{} {} {} {}ms", request.method(), LoggedPath.of(request),
                    ctx.response().getStatusCode(), (System.nanoTime() - started) / 1_000_000));
        }
        ctx.next();
    }
}
