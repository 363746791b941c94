package com.zoomfactor.backend.tracking;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Group commit: events wait in a bounded queue (shared by every HTTP verticle of the server) and are written in
 * batches — what arrived during the commits under way, at most {@link #BATCH} — each in one transaction, at most
 * a few at once (the store says how many: one commit's flush to disk overlaps the next batch's insert); each waiting
 * request hears of its batch's outcome, on its own context, once the transaction committed (202) or failed (503).
 * When the queue holds its capacity ({@link #CAPACITY} entries), {@link #offer} refuses at once: memory stays bounded.
 */
final class EventQueue {

    static final int CAPACITY = 50_000;
    static final int BATCH = 1_000;

    /** One event or one bot hit, and who waits for it. */
    record Pending(PageEvent event, BotHit bot, Context context, Handler<AsyncResult<Void>> done) {
    }

    private final int capacity;
    private final int inFlight;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger flushing = new AtomicInteger();
    private final Context context;
    private final BiFunction<List<PageEvent>, List<BotHit>, Future<Void>> write;
    private final Handler<List<PageEvent>> written;

    EventQueue(Context context, int inFlight, BiFunction<List<PageEvent>, List<BotHit>, Future<Void>> write,
               Handler<List<PageEvent>> written) {
        this(CAPACITY, inFlight, context, write, written);
    }

    EventQueue(int capacity, int inFlight, Context context, BiFunction<List<PageEvent>, List<BotHit>, Future<Void>> write,
               Handler<List<PageEvent>> written) {
        this.capacity = capacity;
        this.inFlight = inFlight;
        this.context = context;
        this.write = write;
        this.written = written;
    }

    /** False when the queue is full (the caller answers 503). */
    boolean offer(Pending pending) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        queue.add(pending);
        kick();
        return true;
    }

    int size() {
        return size.get();
    }

    private void kick() {
        int running;
        while ((running = flushing.get()) < inFlight) {
            if (flushing.compareAndSet(running, running + 1)) {
                context.runOnContext(go -> flush());
                return;
            }
        }
    }

    private void flush() {
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < BATCH && (next = queue.poll()) != null) {
            batch.add(next);
        }
        size.addAndGet(-batch.size());
        if (batch.isEmpty()) {
            flushing.decrementAndGet();
            if (!queue.isEmpty()) {
                kick();
            }
            return;
        }
        List<PageEvent> events = new ArrayList<>();
        List<BotHit> bots = new ArrayList<>();
        batch.forEach(pending -> {
            if (pending.event() != null) {
                events.add(pending.event());
            } else {
                bots.add(pending.bot());
            }
        });
        Future<Void> result;
        try {
            result = write.apply(events, bots);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(outcome -> {
            if (outcome.succeeded()) {
                written.handle(events);
            }
            // one task per verticle context, not per event: each answers its own requests
            java.util.Map<Context, List<Pending>> byContext = new java.util.IdentityHashMap<>();
            batch.forEach(pending -> byContext.computeIfAbsent(pending.context(), c -> new ArrayList<>()).add(pending));
            byContext.forEach((waiting, theirs) -> waiting.runOnContext(go -> theirs.forEach(pending ->
                    pending.done().handle(outcome))));
            flushing.decrementAndGet();
            if (!queue.isEmpty()) {
                kick();
            }
        });
    }
}
