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

    public static final String DEADLOCK = "40P01";
    public static final String SERIALIZATION_FAILURE = "40001";

    /**
     * What a constraint or concurrency failure that no handler turned into an answer of its own means for the caller:
     * a race with another request (a parent deleted while a child was written, the same new row twice, a deadlock),
     * which a later attempt resolves; empty for anything else.
     */
    public static java.util.Optional<String> lostRace(Throwable failure) {
        if (!(failure instanceof PgException pg) || pg.getSqlState() == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(switch (pg.getSqlState()) {
            case FOREIGN_KEY_VIOLATION -> "What this refers to was deleted or changed meanwhile";
            case UNIQUE_VIOLATION -> "The same thing was created meanwhile";
            case DEADLOCK, SERIALIZATION_FAILURE -> "This collided with a concurrent change: try again";
            default -> null;
        });
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
