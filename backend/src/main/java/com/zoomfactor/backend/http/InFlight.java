package com.zoomfactor.backend.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests being answered, so that a stop can wait for them before the HTTP server closes its
 * connections; once draining, new requests are turned away with 503. Shared by every HTTP verticle of a server.
 * (Left to the server's own shutdown alone, an answer written just as its connection was closed was sometimes lost.)
 */
public final class InFlight implements Handler<RoutingContext> {

    static final long POLL_MS = 20;

    /** What a request that arrives while draining is answered (503, with {@code Retry-After: 5}). */
    public static final String SHUTTING_DOWN = "The server is shutting down: try again in a moment";

    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();

    @Override
    public void handle(RoutingContext ctx) {
        if (draining.get()) {
            ctx.response().putHeader("Connection", "close").putHeader("Retry-After", "5");
            ctx.fail(new ApiException(503, SHUTTING_DOWN));
            return;
        }
        if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
            // an upgraded request never ends as a request: live sockets are closed by their own shutdown
            ctx.next();
            return;
        }
        requests.incrementAndGet();
        ctx.addEndHandler(ended -> requests.decrementAndGet());
        ctx.next();
    }

    /**
     * For a request answered ahead of the router: counts it in and true, or false when draining (the caller turns it
     * away as {@link #handle} does). {@link #leave} once it is answered.
     */
    public boolean enter() {
        if (draining.get()) {
            return false;
        }
        requests.incrementAndGet();
        return true;
    }

    /** A request counted by {@link #enter} is answered (or its connection gone). */
    public void leave() {
        requests.decrementAndGet();
    }

    /** Turns new requests away and completes when the ones in flight are answered, or after {@code timeoutMs}. */
    public Future<Void> drain(Vertx vertx, long timeoutMs) {
        draining.set(true);
        Promise<Void> drained = Promise.promise();
        long deadline = System.currentTimeMillis() + timeoutMs;
        if (requests.get() == 0) {
            drained.complete();
            return drained.future();
        }
        vertx.setPeriodic(POLL_MS, timer -> {
            if (requests.get() == 0 || System.currentTimeMillis() >= deadline) {
                vertx.cancelTimer(timer);
                drained.tryComplete();
            }
        });
        return drained.future();
    }

    public int count() {
        return requests.get();
    }
}
