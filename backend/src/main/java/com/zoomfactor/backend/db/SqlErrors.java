package com.zoomfactor.backend.db;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.util.function.Function;
import java.util.function.Supplier;

/** Turns PostgreSQL's constraint errors into the answers they mean for the caller. */
public final class SqlErrors {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    private SqlErrors() {
    }

    public static boolean is(Throwable failure, String sqlState) {
        return failure instanceof PgException pg && sqlState.equals(pg.getSqlState());
    }

    /** For {@code recover}: a unique violation becomes {@code answer}; anything else fails as it was. */
    public static <T> Function<Throwable, Future<T>> onUniqueViolation(Supplier<? extends RuntimeException> answer) {
        return on(UNIQUE_VIOLATION, answer);
    }

    /** For {@code recover}: a row whose parent vanished meanwhile (e.g. a client deleted mid-write). */
    public static <T> Function<Throwable, Future<T>> onForeignKeyViolation(Supplier<? extends RuntimeException> answer) {
        return on(FOREIGN_KEY_VIOLATION, answer);
    }

    private static <T> Function<Throwable, Future<T>> on(String sqlState, Supplier<? extends RuntimeException> answer) {
        return failure -> Future.failedFuture(is(failure, sqlState) ? answer.get() : failure);
    }
}
