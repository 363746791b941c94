package com.zoomfactor.backend.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit: answers wait for their batch's commit, batches follow each other, a full queue refuses at once. */
class EventQueueTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static void until(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static PageEvent event(int i) {
        UUID id = new UUID(0, i);
        return new PageEvent(id, id, id, Instant.EPOCH, i, "pageview", "/", null, null, null, null, null, "Other",
                "Other", "Desktop", null, null, null, null);
    }

    @Test
    void answersWaitForTheCommitAndTheNextBatchTakesWhatArrivedMeanwhile() {
        List<Promise<Void>> commits = new CopyOnWriteArrayList<>();
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        Context context = vertx.getOrCreateContext();
        EventQueue queue = new EventQueue(10, 1, context, (events, bots) -> {
            Promise<Void> commit = Promise.promise();
            commits.add(commit);
            batchSizes.add(events.size() + bots.size());
            return commit.future();
        }, written -> { });
        List<AsyncResult<Void>> answers = new CopyOnWriteArrayList<>();
        assertThat(queue.offer(new EventQueue.Pending(event(1), null, context, answers::add))).isTrue();
        until(() -> commits.size() == 1);
        for (int i = 2; i <= 11; i++) {
            assertThat(queue.offer(new EventQueue.Pending(event(i), null, context, answers::add))).isTrue();
        }
        assertThat(queue.offer(new EventQueue.Pending(event(12), null, context, answers::add)))
                .as("the queue is full: refused at once").isFalse();
        assertThat(answers).as("nothing is answered before its batch commits").isEmpty();

        commits.get(0).complete();
        until(() -> answers.size() == 1 && commits.size() == 2);
        assertThat(batchSizes).containsExactly(1, 10);
        commits.get(1).fail("the database went away");
        until(() -> answers.size() == 11);
        assertThat(answers.get(0).succeeded()).isTrue();
        assertThat(answers.subList(1, 11)).allMatch(AsyncResult::failed);
        assertThat(queue.size()).isZero();
        assertThat(queue.offer(new EventQueue.Pending(event(13), null, context, answers::add))).isTrue();
        until(() -> commits.size() == 3);
        commits.get(2).complete();
        until(() -> answers.size() == 12);
    }

    @Test
    void twoBatchesAreInFlightAtOnceAndEachAnswersItsOwn() {
        List<Promise<Void>> commits = new CopyOnWriteArrayList<>();
        Context context = vertx.getOrCreateContext();
        EventQueue queue = new EventQueue(10, 2, context, (events, bots) -> {
            Promise<Void> commit = Promise.promise();
            commits.add(commit);
            return commit.future();
        }, written -> { });
        List<AsyncResult<Void>> first = new CopyOnWriteArrayList<>();
        List<AsyncResult<Void>> second = new CopyOnWriteArrayList<>();
        List<AsyncResult<Void>> third = new CopyOnWriteArrayList<>();
        assertThat(queue.offer(new EventQueue.Pending(event(1), null, context, first::add))).isTrue();
        until(() -> commits.size() == 1);
        assertThat(queue.offer(new EventQueue.Pending(event(2), null, context, second::add))).isTrue();
        until(() -> commits.size() == 2);
        assertThat(queue.offer(new EventQueue.Pending(event(3), null, context, third::add))).isTrue();
        assertThat(commits).as("a third batch waits for one of the two in flight").hasSize(2);

        commits.get(1).fail("the database went away");
        until(() -> second.size() == 1 && commits.size() == 3);
        assertThat(second.get(0).failed()).isTrue();
        assertThat(first).as("the first batch is still committing").isEmpty();
        commits.get(0).complete();
        commits.get(2).complete();
        until(() -> first.size() == 1 && third.size() == 1);
        assertThat(first.get(0).succeeded()).isTrue();
        assertThat(third.get(0).succeeded()).isTrue();
        assertThat(queue.size()).isZero();
    }
}
