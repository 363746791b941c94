package com.zoomfactor.backend.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PerClientDebouncerTest {

    private static final UUID AGENCY = UUID.randomUUID();

    private Vertx vertx;
    private Context context;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
    }

    @AfterEach
    void tearDown() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** Waits (polling) until the condition holds, failing after {@code ms}. */
    private static void await(long ms, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waited %d ms", ms).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private PerClientDebouncer<String> debouncer(PerClientDebouncer.Work<String> work) {
        return new PerClientDebouncer<>(vertx, 100, 1_000, 1, (a, b) -> a + b, work,
                LoggerFactory.getLogger(PerClientDebouncerTest.class), "Testing");
    }

    @Test
    void aBurstOfChangesRunsTheWorkOnceWithEverythingThatChanged() throws InterruptedException {
        UUID client = UUID.randomUUID();
        List<String> runs = new CopyOnWriteArrayList<>();
        PerClientDebouncer<String> debouncer = debouncer((agency, id, changed) -> {
            runs.add(changed);
            return Future.succeededFuture();
        });
        context.runOnContext(go -> {
            debouncer.changed(AGENCY, client, "a");
            debouncer.changed(AGENCY, client, "b");
            debouncer.changed(AGENCY, client, "c");
        });
        await(2_000, () -> !runs.isEmpty());
        Thread.sleep(300);
        assertThat(runs).containsExactly("abc");
    }

    @Test
    void failedWorkIsTriedAgainForWhatItWasGiven() throws InterruptedException {
        UUID client = UUID.randomUUID();
        AtomicInteger attempts = new AtomicInteger();
        List<String> succeeded = new CopyOnWriteArrayList<>();
        PerClientDebouncer<String> debouncer = debouncer((agency, id, changed) -> {
            if (attempts.incrementAndGet() == 1) {
                return Future.failedFuture(new IllegalStateException("deadlock detected (a test)"));
            }
            succeeded.add(changed);
            return Future.succeededFuture();
        });
        context.runOnContext(go -> debouncer.changed(AGENCY, client, "x"));
        await(3_000, () -> !succeeded.isEmpty());
        assertThat(succeeded).containsExactly("x");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void workThatKeepsFailingIsTriedAFewTimesThenLeft() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        PerClientDebouncer<String> debouncer = new PerClientDebouncer<String>(vertx, 10, 100, 1, (a, b) -> a + b,
                (agency, id, changed) -> {
                    attempts.incrementAndGet();
                    return Future.failedFuture(new IllegalStateException("broken (a test)"));
                }, LoggerFactory.getLogger(PerClientDebouncerTest.class), "Testing").retryingAfter(20);
        context.runOnContext(go -> debouncer.changed(AGENCY, UUID.randomUUID(), "x"));
        await(3_000, () -> attempts.get() == 1 + PerClientDebouncer.MAX_RETRIES);
        Thread.sleep(500);
        assertThat(attempts).hasValue(1 + PerClientDebouncer.MAX_RETRIES);
    }

    @Test
    void workFailingWhileTheDatabaseIsUnavailableIsTriedUntilItIsBack() throws InterruptedException {
        int outageAttempts = PerClientDebouncer.MAX_RETRIES + 5; // past the limit for other failures
        AtomicInteger attempts = new AtomicInteger();
        List<String> succeeded = new CopyOnWriteArrayList<>();
        PerClientDebouncer<String> debouncer = new PerClientDebouncer<String>(vertx, 10, 100, 1, (a, b) -> a + b,
                (agency, id, changed) -> {
                    if (attempts.incrementAndGet() <= outageAttempts) {
                        return Future.failedFuture(io.vertx.sqlclient.ClosedConnectionException.INSTANCE);
                    }
                    succeeded.add(changed);
                    return Future.succeededFuture();
                }, LoggerFactory.getLogger(PerClientDebouncerTest.class), "Testing").retryingAfter(5);
        context.runOnContext(go -> debouncer.changed(AGENCY, UUID.randomUUID(), "x"));
        await(10_000, () -> !succeeded.isEmpty());
        assertThat(succeeded).containsExactly("x");
        assertThat(attempts).hasValue(outageAttempts + 1);
    }

    @Test
    void aFailureAfterAnOutageStillGetsItsRetries() throws InterruptedException {
        int outageAttempts = PerClientDebouncer.MAX_RETRIES + 5;
        AtomicInteger attempts = new AtomicInteger();
        List<String> succeeded = new CopyOnWriteArrayList<>();
        PerClientDebouncer<String> debouncer = new PerClientDebouncer<String>(vertx, 10, 100, 1, (a, b) -> a + b,
                (agency, id, changed) -> {
                    int attempt = attempts.incrementAndGet();
                    if (attempt <= outageAttempts) {
                        return Future.failedFuture(io.vertx.sqlclient.ClosedConnectionException.INSTANCE);
                    }
                    if (attempt == outageAttempts + 1) {
                        return Future.failedFuture(new IllegalStateException("deadlock detected (a test)"));
                    }
                    succeeded.add(changed);
                    return Future.succeededFuture();
                }, LoggerFactory.getLogger(PerClientDebouncerTest.class), "Testing").retryingAfter(5);
        context.runOnContext(go -> debouncer.changed(AGENCY, UUID.randomUUID(), "x"));
        await(10_000, () -> !succeeded.isEmpty());
        assertThat(succeeded).as("the real failure after the outage was retried, not given up").containsExactly("x");
        assertThat(attempts).hasValue(outageAttempts + 2);
    }
}
