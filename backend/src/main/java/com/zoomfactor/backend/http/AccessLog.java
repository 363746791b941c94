package com.zoomfactor.backend.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
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
            ctx.addEndHandler(ended -> {
                if (ended.failed() && isMalformedRequest(ended.cause()) && !ctx.response().ended()) {
                    // the failure handler answers 400 right after this: log that answer
                    ctx.addBodyEndHandler(answered -> log(request, started));
                } else {
                    log(request, started);
                }
            });
        }
        ctx.next();
    }

    /** Whether lines are written at all (asked before timing a request answered ahead of the router). */
    public static boolean enabled() {
        return LOG.isInfoEnabled();
    }

    /** The line of a request that began at {@code started} (nanoTime) and is answered, or was cut off, now. */
    public static void log(HttpServerRequest request, long started) {
        HttpServerResponse response = request.response();
        // a connection that closed before any answer was sent: no status to speak of
        Object status = response.ended() || response.headWritten() ? response.getStatusCode() : "-";
        LOG.info("{} {} {} {}ms", request.method(), LoggedPath.of(request), status,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static boolean isMalformedRequest(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MalformedRequest) {
                return true;
            }
        }
        return false;
    }
}
