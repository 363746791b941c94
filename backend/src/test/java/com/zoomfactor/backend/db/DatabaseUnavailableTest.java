package com.zoomfactor.backend.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.http.ApiException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database is not there right now" (a 503 to retry), and which do not. */
class DatabaseUnavailableTest {

    private static PgException pg(String sqlState) {
        return new PgException("a test", "FATAL", sqlState, null);
    }

    @Test
    void lostAndRefusedConnectionsAreAnOutage() {
        assertThat(DatabaseUnavailable.is(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(DatabaseUnavailable.is(new ConnectException("Connection refused: localhost/127.0.0.1:5432"))).isTrue();
        assertThat(DatabaseUnavailable.is(new io.netty.channel.ConnectTimeoutException("connection timed out"))).isTrue();
        assertThat(DatabaseUnavailable.is(new SocketException("Connection reset"))).isTrue();
        assertThat(DatabaseUnavailable.is(new IOException("Connection reset by peer"))).isTrue();
        assertThat(DatabaseUnavailable.is(new ClosedChannelException())).isTrue();
        assertThat(DatabaseUnavailable.is(new VertxException("Connection was closed", true))).isTrue();
        assertThat(DatabaseUnavailable.is(new VertxException(
                "Pending requests failed to be sent due to connection has been closed.", true))).isTrue();
        // a transaction's next statement on a connection the restart closed (found by bench/OutageBench)
        assertThat(DatabaseUnavailable.is(VertxException.noStackTrace(
                "Connection is not active now, current status: CLOSED"))).isTrue();
    }

    @Test
    void aPoolThatGivesNoConnectionInTimeIsAnOutage() {
        // the two forms of Vert.x 5.0's pool timeout: acquiring a connection, and a query waiting for one
        assertThat(DatabaseUnavailable.is(new NoStackTraceThrowable("Timeout"))).isTrue();
        assertThat(DatabaseUnavailable.is(new VertxException("Timeout waiting for connection", true))).isTrue();
        assertThat(DatabaseUnavailable.is(new VertxException("Pool closed", true))).isTrue();
    }

    @Test
    void postgresqlShuttingDownStartingOrOutOfConnectionsIsAnOutage() {
        for (String state : new String[] {"08000", "08003", "08006", "08001", "08004", "57P01", "57P02", "57P03",
                "53300", "53100", "53200"}) {
            assertThat(DatabaseUnavailable.is(pg(state))).as(state).isTrue();
        }
    }

    @Test
    void aDatabaseClosedToConnectionsIsAnOutageButOther55000sAreNot() {
        assertThat(DatabaseUnavailable.is(new PgException(
                "database \"zoomfactor\" is not currently accepting connections", "FATAL", "55000", null))).isTrue();
        assertThat(DatabaseUnavailable.is(new PgException(
                "could not obtain lock on row in relation \"clients\"", "ERROR", "55P03", null))).isFalse();
        assertThat(DatabaseUnavailable.is(new PgException(
                "cannot do that in this state", "ERROR", "55000", null))).isFalse();
    }

    @Test
    void aWrappedCauseCounts() {
        assertThat(DatabaseUnavailable.is(new IllegalStateException("wrapped", new ConnectException("refused"))))
                .isTrue();
    }

    @Test
    void bugsConstraintsAndClientMistakesAreNot() {
        for (String state : new String[] {"23505", "23503", "40P01", "40001", "42P01", "57014", "28P01", "XX000", "08P01"}) {
            assertThat(DatabaseUnavailable.is(pg(state))).as(state).isFalse();
        }
        assertThat(DatabaseUnavailable.is(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseUnavailable.is(new NullPointerException())).isFalse();
        assertThat(DatabaseUnavailable.is(new VertxException("something else", true))).isFalse();
        assertThat(DatabaseUnavailable.is(new TimeoutException("a future's own timeout"))).isFalse();
        assertThat(DatabaseUnavailable.is(new IOException("No space left on device"))).isFalse();
        assertThat(DatabaseUnavailable.is(ApiException.notFound("No such client"))).isFalse();
    }

    @Test
    void theLoggedReasonIsOneShortLine() {
        assertThat(DatabaseUnavailable.reason(new ConnectException("Connection refused")))
                .isEqualTo("ConnectException: Connection refused");
        assertThat(DatabaseUnavailable.reason(new VertxException("x".repeat(1_000), true))).hasSizeLessThan(310);
    }
}
