package com.zoomfactor.backend.live;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The database reads of one live socket, {@link #AT_ONCE} at a time. A portfolio follows up to a thousand clients,
 * each subscription a read or two: started all at once they would queue in the connection pool, ahead of every other
 * request of the server (another agency's page, a sign-in, the same person's next page) until all were done. Queued
 * here instead, they take a few connections at most, and those not started when the socket closes are dropped: a
 * reloaded page does not wait behind the reads of the page it replaced.
 */
final class SessionReads {

    /** Reads one socket runs at the same time: a few, beside the 16 connections the whole server shares. */
    static final int AT_ONCE = 4;

    private final Context context;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int running;
    private boolean closed;

    /** {@code context}: the socket's, on which every method is called and every result handled. */
    SessionReads(Context context) {
        this.context = context;
    }

    /**
     * Runs {@code read} now, or once a running one ends; {@code then} gets its result on the socket's context. A read
     * still waiting when the socket closes never starts (and {@code then} is not called).
     */
    <T> void run(Supplier<Future<T>> read, Handler<AsyncResult<T>> then) {
        waiting.add(() -> {
            running++;
            Future<T> started;
            try {
                started = read.get();
            } catch (RuntimeException e) {
                started = Future.failedFuture(e);
            }
            started.onComplete(result -> context.runOnContext(ignored -> {
                running--;
                try {
                    then.handle(result);
                } finally {
                    next();
                }
            }));
        });
        next();
    }

    /** Drops the reads not started; those running finish and are handled as usual. */
    void close() {
        closed = true;
        waiting.clear();
    }

    /** How many reads wait for a turn (for tests). */
    int waiting() {
        return waiting.size();
    }

    private void next() {
        while (!closed && running < AT_ONCE && !waiting.isEmpty()) {
            waiting.poll().run();
        }
    }
}
