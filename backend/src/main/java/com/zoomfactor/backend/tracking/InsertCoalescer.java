package com.zoomfactor.backend.tracking;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Merges the group commit's batches into few INSERTs: every INSERT makes a part that ClickHouse must merge later, and
 * an 18.16 server slows inserts down once a partition holds too many parts, so a batch waits up to {@code lingerMs}
 * for others to join it (or none when {@code maxRows} rows are waiting), at most {@code maxInFlight} INSERTs run at
 * once, and what arrives meanwhile goes with the next one. Each batch hears the outcome of the INSERT that carried it:
 * the rows of one INSERT are written together or not at all, so a failure fails every batch in it and none is told
 * its rows were written. Thread-safe (batches come from the queue's context, answers from the HTTP client's).
 */
final class InsertCoalescer {

    private final Vertx vertx;
    private final long lingerMs;
    private final int maxInFlight;
    private final int maxRows;
    private final Function<Buffer, Future<Void>> insert;

    private Buffer rows = Buffer.buffer();
    private int rowCount;
    private List<Promise<Void>> waiting = new ArrayList<>();
    private boolean lingering;
    private boolean lingered;
    private int inFlight;

    /** {@code insert} writes rows (the INSERT's data, its statement included by the caller) and says how it went. */
    InsertCoalescer(Vertx vertx, long lingerMs, int maxInFlight, int maxRows, Function<Buffer, Future<Void>> insert) {
        this.vertx = vertx;
        this.lingerMs = lingerMs;
        this.maxInFlight = maxInFlight;
        this.maxRows = maxRows;
        this.insert = insert;
    }

    /** Adds a batch's rows; the future completes with the outcome of the INSERT that carries them. */
    Future<Void> add(Buffer batch, int count) {
        Promise<Void> done = Promise.promise();
        boolean startTimer;
        synchronized (this) {
            rows.appendBuffer(batch);
            rowCount += count;
            waiting.add(done);
            startTimer = !lingering && !lingered && rowCount < maxRows;
            lingering |= startTimer;
        }
        if (startTimer) {
            vertx.setTimer(lingerMs, fired -> {
                synchronized (this) {
                    lingering = false;
                    lingered = rowCount > 0; // they may have left already, with a batch large enough to go at once
                }
                sendIfDue();
            });
        } else {
            sendIfDue();
        }
        return done.future();
    }

    /** INSERTs under way (tests check the bound). */
    synchronized int inFlight() {
        return inFlight;
    }

    /** Sends what waits if it lingered long enough (or is large enough) and an INSERT may start. */
    private void sendIfDue() {
        Buffer body;
        List<Promise<Void>> theirs;
        synchronized (this) {
            if (rowCount == 0 || inFlight >= maxInFlight || !(lingered || rowCount >= maxRows)) {
                return;
            }
            body = rows;
            theirs = waiting;
            rows = Buffer.buffer(body.length());
            rowCount = 0;
            waiting = new ArrayList<>();
            lingered = false;
            inFlight++;
        }
        Future<Void> sent;
        try {
            sent = insert.apply(body);
        } catch (RuntimeException e) {
            sent = Future.failedFuture(e);
        }
        sent.onComplete(outcome -> finished(outcome, theirs));
    }

    private void finished(AsyncResult<Void> outcome, List<Promise<Void>> theirs) {
        synchronized (this) {
            inFlight--;
        }
        theirs.forEach(promise -> promise.handle(outcome));
        sendIfDue();
    }
}
