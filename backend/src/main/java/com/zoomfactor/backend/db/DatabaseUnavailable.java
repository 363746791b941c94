package com.zoomfactor.backend.db;

import io.vertx.core.VertxException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.Set;

/**
 * The one place that tells "the database is not there right now" (restarting, unreachable, out of connections) from
 * every other failure. Such a failure is no bug and no client mistake: the request can be sent again in a few seconds,
 * so the HTTP layer answers 503 with {@code Retry-After}, and background work waits and tries again instead of
 * giving up. Its causes are walked, as the SQL client sometimes wraps the network error.
 *
 * <p>What counts, from the Vert.x 5.0 SQL client and Netty: a connection that could not be opened
 * ({@link ConnectException}, also Netty's annotated and timed-out variants), one that was reset or closed under a
 * request ({@link ClosedConnectionException}, core's "Connection was closed", the client's "Pending requests failed
 * to be sent ...", "Connection is not active now" for a command sent on a closing one, socket resets, closed channels), a pool that gave no connection in time ("Timeout" /
 * "Timeout waiting for connection") or was closed, and PostgreSQL's own answers: SQLSTATE class 08 (connection
 * exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 57P05 idle session timeout,
 * class 53 (insufficient resources: too many connections, out of memory or disk), and a database closed to
 * connections (55000 "not currently accepting connections").
 */
public final class DatabaseUnavailable {

    /** What {@code Retry-After} asks of the caller: about as long as a PostgreSQL restart takes. */
    public static final int RETRY_AFTER_SECONDS = 2;

    /** The answer's message: what happened, and that repeating the request is safe. */
    public static final String MESSAGE = "The database is unavailable for a moment: retry in a few seconds "
            + "(with the same Idempotency-Key, a retried write is done once)";

    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03", "57P05");

    /** Messages of the exceptions Vert.x raises without a type of their own (all VertxException). */
    private static final Set<String> VERTX_MESSAGES = Set.of(
            "Connection was closed",
            "Connection is closed",
            "Pending requests failed to be sent due to connection has been closed.",
            "Timeout",
            "Timeout waiting for connection",
            "Pool closed");
    /** The start of the message of a command sent on a connection that is closing or closed (SocketConnectionBase). */
    private static final String NOT_ACTIVE = "Connection is not active now";

    private static final int MAX_CAUSES = 10;
    private static final String PROTOCOL_VIOLATION = "08P01";

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure} (or one of its causes) means the database cannot be reached or used right now. */
    public static boolean is(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (matches(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A one-line reason for a log (class and message, no stack trace, no connection secrets). */
    public static String reason(Throwable failure) {
        String message = failure.getMessage();
        String reason = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return reason.length() > 300 ? reason.substring(0, 300) + "…" : reason;
    }

    private static boolean matches(Throwable t) {
        if (t instanceof DatabaseException db) {
            return unavailableState(db.getSqlState()) || refusedByDatabase(db.getSqlState(), db.getMessage());
        }
        if (t instanceof SQLException sql) {
            return unavailableState(sql.getSQLState());
        }
        if (t instanceof ClosedConnectionException
                || t instanceof ConnectException // includes Netty's ConnectTimeoutException
                || t instanceof NoRouteToHostException
                || t instanceof UnknownHostException
                || t instanceof ClosedChannelException
                || t instanceof SocketException) {
            return true;
        }
        if (t instanceof VertxException && t.getMessage() != null
                && (VERTX_MESSAGES.contains(t.getMessage()) || t.getMessage().startsWith(NOT_ACTIVE))) {
            return true;
        }
        // a reset under a native transport is Netty's NativeIoException ("Connection reset by peer"), an IOException
        if (t instanceof java.io.IOException && t.getClass().getName().startsWith("io.netty.")) {
            return true;
        }
        return t instanceof java.io.IOException && t.getMessage() != null
                && (t.getMessage().contains("Connection reset") || t.getMessage().contains("Broken pipe"));
    }

    /**
     * A database closed to connections for a while ({@code ALTER DATABASE … ALLOW_CONNECTIONS false}, e.g. during
     * maintenance) refuses them with the general 55000; only its message tells it from other 55000s.
     */
    private static boolean refusedByDatabase(String state, String message) {
        return "55000".equals(state) && message != null && message.contains("not currently accepting connections");
    }

    private static boolean unavailableState(String state) {
        // 08P01 (protocol violation) is of the connection class but means a bug: retrying would not help
        return state != null && !PROTOCOL_VIOLATION.equals(state)
                && (state.startsWith("08") || state.startsWith("53") || SHUTDOWN_STATES.contains(state));
    }
}
