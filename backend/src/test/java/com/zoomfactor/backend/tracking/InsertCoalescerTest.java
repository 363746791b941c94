package com.zoomfactor.backend.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Batches share INSERTs: those arriving within the linger go in one, those arriving while the INSERTs in flight run
 * go in the next, a large one goes at once, and a failed INSERT fails every batch it carried.
 */
class InsertCoalescerTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<Promise<Void>> answers = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private InsertCoalescer coalescer(long lingerMs, int inFlight, int maxRows) {
        return new InsertCoalescer(vertx, lingerMs, inFlight, maxRows, body -> {
            Promise<Void> answer = Promise.promise();
            bodies.add(body.toString());
            answers.add(answer);
            return answer.future();
        });
    }

    private static Future<Void> add(InsertCoalescer inserts, String rows) {
        return inserts.add(Buffer.buffer(rows), rows.split("\n").length);
    }

    private static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not within 5 s").isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    @Test
    void batchesWithinTheLingerShareOneInsertAndHearItsAnswer() throws Exception {
        InsertCoalescer inserts = coalescer(200, 1, 1000);
        Future<Void> first = add(inserts, "a\n");
        Future<Void> second = add(inserts, "b\nc\n");
        Future<Void> third = add(inserts, "d\n");
        Thread.sleep(50);
        assertThat(bodies).as("still lingering").isEmpty();
        until(() -> bodies.size() == 1);
        assertThat(bodies).containsExactly("a\nb\nc\nd\n");
        assertThat(List.of(first, second, third)).noneMatch(Future::isComplete);

        answers.get(0).complete();
        until(() -> third.isComplete());
        assertThat(List.of(first, second, third)).allMatch(Future::succeeded);
        Thread.sleep(250);
        assertThat(bodies).as("nothing left to send").hasSize(1);
    }

    @Test
    void batchesArrivingDuringAnInsertGoTogetherInTheNextOnceItIsAnswered() throws Exception {
        InsertCoalescer inserts = coalescer(1, 1, 1000);
        Future<Void> first = add(inserts, "a\n");
        until(() -> bodies.size() == 1);
        Future<Void> second = add(inserts, "b\n");
        Future<Void> third = add(inserts, "c\n");
        Thread.sleep(30);
        assertThat(bodies).as("one INSERT at a time").hasSize(1);

        answers.get(0).complete();
        until(() -> bodies.size() == 2);
        assertThat(bodies.get(1)).isEqualTo("b\nc\n");
        assertThat(first.succeeded()).isTrue();
        assertThat(second.isComplete()).as("its INSERT is not answered yet").isFalse();
        answers.get(1).complete();
        until(() -> third.isComplete());
        assertThat(second.succeeded()).isTrue();
    }

    @Test
    void aFailedInsertFailsEveryBatchItCarriedAndTheNextOneIsSentAnyway() throws Exception {
        InsertCoalescer inserts = coalescer(20, 1, 1000);
        Future<Void> first = add(inserts, "a\n");
        Future<Void> second = add(inserts, "b\n");
        until(() -> bodies.size() == 1);
        Future<Void> later = add(inserts, "c\n");
        answers.get(0).fail(new IllegalStateException("ClickHouse answered 500"));
        until(() -> first.isComplete() && second.isComplete());
        assertThat(first.failed()).isTrue();
        assertThat(second.failed()).isTrue();
        assertThat(second.cause()).hasMessageContaining("500");

        until(() -> bodies.size() == 2);
        assertThat(bodies.get(1)).isEqualTo("c\n");
        answers.get(1).complete();
        until(later::isComplete);
        assertThat(later.succeeded()).isTrue();
    }

    @Test
    void aLargeBatchGoesWithoutLingeringAndTwoInsertsMayRunAtOnce() throws Exception {
        InsertCoalescer inserts = coalescer(60_000, 2, 3);
        add(inserts, "a\nb\nc\n");
        add(inserts, "d\ne\nf\ng\n");
        until(() -> bodies.size() == 2);
        assertThat(bodies).containsExactly("a\nb\nc\n", "d\ne\nf\ng\n");
        assertThat(inserts.inFlight()).isEqualTo(2);
        add(inserts, "h\ni\nj\n");
        Thread.sleep(30);
        assertThat(bodies).as("two in flight at most").hasSize(2);
        answers.get(0).complete();
        until(() -> bodies.size() == 3);
        assertThat(bodies.get(2)).isEqualTo("h\ni\nj\n");
    }
}
