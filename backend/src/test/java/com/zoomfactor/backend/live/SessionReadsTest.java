package com.zoomfactor.backend.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A live socket's database reads run a few at a time, are handled on its context, and stop queueing once closed. */
class SessionReadsTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void aThousandReadsRunAFewAtATimeAndEachIsHandledOnTheSocketsContext() throws Exception {
        Context context = vertx.getOrCreateContext();
        List<Promise<Integer>> started = new CopyOnWriteArrayList<>();
        List<Integer> handled = new CopyOnWriteArrayList<>();
        AtomicBoolean offContext = new AtomicBoolean();
        SessionReads[] reads = new SessionReads[1];
        onContext(context, () -> {
            reads[0] = new SessionReads(context);
            for (int i = 0; i < 1_000; i++) {
                reads[0].run(() -> {
                    Promise<Integer> read = Promise.promise();
                    started.add(read);
                    return read.future();
                }, result -> {
                    offContext.compareAndSet(false, Vertx.currentContext() != context);
                    handled.add(result.result());
                });
            }
        });
        assertThat(started).as("started at once").hasSize(SessionReads.AT_ONCE);
        assertThat(onContext(context, () -> reads[0].waiting())).isEqualTo(1_000 - SessionReads.AT_ONCE);

        // answered from another thread, as the pool does: each answer lets the next read start
        for (int answered = 0; answered < 1_000; answered++) {
            int index = answered;
            awaitSize(started, index + 1);
            started.get(index).complete(index);
        }
        awaitSize(handled, 1_000);
        assertThat(handled).hasSize(1_000).doesNotHaveDuplicates();
        assertThat(offContext).as("a result handled off the socket's context").isFalse();
        assertThat(started).hasSize(1_000);
    }

    @Test
    void readsWaitingWhenTheSocketClosesNeverStartButRunningOnesAreHandled() throws Exception {
        Context context = vertx.getOrCreateContext();
        List<Promise<Integer>> started = new CopyOnWriteArrayList<>();
        List<Integer> handled = new CopyOnWriteArrayList<>();
        SessionReads reads = onContext(context, () -> {
            SessionReads made = new SessionReads(context);
            for (int i = 0; i < 10; i++) {
                made.run(() -> {
                    Promise<Integer> read = Promise.promise();
                    started.add(read);
                    return read.future();
                }, result -> handled.add(result.result()));
            }
            made.close();
            return made;
        });
        assertThat(onContext(context, reads::waiting)).isZero();
        for (Promise<Integer> running : new ArrayList<>(started)) {
            running.complete(7);
        }
        awaitSize(handled, SessionReads.AT_ONCE);
        Thread.sleep(100);
        assertThat(started).as("nothing started after the close").hasSize(SessionReads.AT_ONCE);
        assertThat(handled).hasSize(SessionReads.AT_ONCE);
    }

    @Test
    void aReadThatThrowsIsAFailedResultAndTheNextOneStillRuns() throws Exception {
        Context context = vertx.getOrCreateContext();
        List<Boolean> failed = new CopyOnWriteArrayList<>();
        onContext(context, () -> {
            SessionReads reads = new SessionReads(context);
            for (int i = 0; i < SessionReads.AT_ONCE + 2; i++) {
                int n = i;
                reads.run(() -> {
                    if (n % 2 == 0) {
                        throw new IllegalStateException("no connection");
                    }
                    return Future.succeededFuture(n);
                }, result -> failed.add(result.failed()));
            }
        });
        awaitSize(failed, SessionReads.AT_ONCE + 2);
        assertThat(failed).containsExactly(true, false, true, false, true, false);
    }

    private static void onContext(Context context, Runnable action) throws Exception {
        onContext(context, () -> {
            action.run();
            return null;
        });
    }

    private static <T> T onContext(Context context, java.util.concurrent.Callable<T> action) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            try {
                done.complete(action.call());
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(10, TimeUnit.SECONDS);
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (list.size() < size && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        assertThat(list).hasSizeGreaterThanOrEqualTo(size);
    }
}
