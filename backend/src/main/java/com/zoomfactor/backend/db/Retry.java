package com.zoomfactor.backend.db;

import io.vertx.core.Future;
import java.util.function.Supplier;

/** Runs a transaction again when it lost a race that a second attempt resolves. */
public final class Retry {

    /** Enough for two racers on the same new rows; a third loss means something else is wrong. */
    public static final int ATTEMPTS = 3;

    private Retry() {
    }

    /**
     * Runs {@code transaction}, and again (up to {@link #ATTEMPTS} in all) when it failed on a unique index because
     * another transaction committed the same new rows first: the next attempt sees them and updates instead.
     */
    public static <T> Future<T> onUniqueViolation(Supplier<Future<T>> transaction) {
        return attempt(transaction, ATTEMPTS);
    }

    private static <T> Future<T> attempt(Supplier<Future<T>> transaction, int left) {
        return transaction.get().recover(failure -> left > 1 && SqlErrors.is(failure, SqlErrors.UNIQUE_VIOLATION)
                ? attempt(transaction, left - 1)
                : Future.failedFuture(failure));
    }
}
