package com.zoomfactor.backend.outbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A look for work that is due (digests, scheduled reports), taken now and then every 30 poll intervals of the
 * outbox (30 s by default), never two at once, and only while e-mail is configured; {@link #stop} cancels the next
 * one and waits for the one under way.
 */
public final class PeriodicLook {

    private final Vertx vertx;
    private final Outbox outbox;
    private final Supplier<Future<?>> look;
    private final Logger log;
    private final String what;
    private volatile boolean stopped;
    private volatile Future<?> current = Future.succeededFuture();
    private long timer = -1;

    /** {@code what} names the look in the warning logged when it fails ("Looking for due digests"). */
    public PeriodicLook(Vertx vertx, Outbox outbox, Supplier<Future<?>> look, Logger log, String what) {
        this.vertx = vertx;
        this.outbox = outbox;
        this.look = look;
        this.log = log;
        this.what = what;
    }

    public void start() {
        if (outbox.mail().configured()) {
            vertx.runOnContext(v -> next());
        }
    }

    private void next() {
        if (stopped) {
            return;
        }
        current = look.get().onComplete(done -> {
            if (done.failed()) {
                log.warn("{} failed: {}", what, done.cause().getMessage());
            }
            if (!stopped) {
                timer = vertx.setTimer(outbox.tuning().pollMs() * 30, id -> next());
            }
        });
    }

    public Future<Void> stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        return current.transform(done -> Future.succeededFuture());
    }
}
