package com.zoomfactor.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.CapturedLogs;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.RawHttp;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the HTTP decoder refuses — a bad request line, a request line or headers over the limits, a broken chunked
 * body, headers that never arrive — is answered like any API error: {@code {status, message}} JSON with the right
 * status, the connection closed, one access-log line with that status, and no ERROR in the log.
 */
class ProtocolErrorsTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private CapturedLogs logs;

    @BeforeEach
    void capture() {
        logs = new CapturedLogs();
    }

    @AfterEach
    void release() {
        logs.close();
    }

    private RawHttp connect() throws IOException {
        return new RawHttp(live.server().port());
    }

    /** The response is the JSON error, says Connection: close, and the server then closes the connection. */
    private static RawHttp.Response assertRefusedAndClosed(RawHttp connection, int status) throws IOException {
        RawHttp.Response response = connection.read();
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
        JsonObject body = response.json();
        assertThat(body.getInteger("status")).isEqualTo(status);
        assertThat(body.getString("message")).isNotBlank();
        assertThat(connection.closedByServer()).as("closed after the answer").isTrue();
        return response;
    }

    private void assertLoggedWithoutErrors(String accessLineEnd) {
        assertThat(logs.accessLines()).anyMatch(line -> line.matches("(.* )?" + accessLineEnd + " \\d+ms"));
        assertThat(logs.errors()).isEmpty();
    }

    @Test
    void anotherHttpVersionIs505() throws IOException {
        for (String request : new String[] {"GET /api/health HTTP/9.9\r\nHost: localhost\r\n\r\n",
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "GET /api/shared/zfs_secret HTTP/2.0\r\nHost: localhost\r\n\r\n"}) {
            try (RawHttp connection = connect()) {
                connection.send(request);
                assertRefusedAndClosed(connection, 505);
            }
        }
        assertLoggedWithoutErrors("505");
        assertThat(logs.accessLines()).noneMatch(line -> line.contains("zfs_secret"));
    }

    @Test
    void aBadRequestLineIs400() throws IOException {
        try (RawHttp connection = connect()) {
            connection.send("THIS IS NOT HTTP\r\n\r\n");
            assertRefusedAndClosed(connection, 400);
        }
        try (RawHttp connection = connect()) {
            connection.send("GET /api/health HTTP/9.x\r\nHost: localhost\r\n\r\n");
            assertRefusedAndClosed(connection, 400);
        }
        assertLoggedWithoutErrors("400");
    }

    @Test
    void aHeaderLineWithoutAColonIs400() throws IOException {
        try (RawHttp connection = connect()) {
            connection.send("GET /api/health HTTP/1.1\r\nHost: localhost\r\nno colon here\r\n\r\n");
            assertRefusedAndClosed(connection, 400);
        }
        assertLoggedWithoutErrors("400");
    }

    @Test
    void contradictoryOrMalformedBodyFramingIs400() throws IOException {
        for (String framing : new String[] {"Content-Length: -5\r\n", "Content-Length: abc\r\n",
                "Content-Length: 5\r\nContent-Length: 6\r\n", "Transfer-Encoding: gzip, chunked, identity\r\n",
                "Content-Length: 99999999999999999999999\r\n"}) {
            try (RawHttp connection = connect()) {
                connection.send("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + framing + "\r\n{}");
                RawHttp.Response response = connection.read();
                assertThat(response.status()).as(framing).isBetween(400, 499);
                assertThat(response.json().getInteger("status")).as(framing).isEqualTo(response.status());
            }
        }
        assertThat(logs.errors()).isEmpty();
    }

    @Test
    void anOversizedUriIs414() throws IOException {
        try (RawHttp connection = connect()) {
            connection.send("GET /api/health?q=" + "a".repeat(ProtocolErrors.MAX_REQUEST_LINE + 100)
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertRefusedAndClosed(connection, 414);
        }
        assertLoggedWithoutErrors("414");
    }

    @Test
    void aUriJustUnderTheLimitIsServed() throws IOException {
        try (RawHttp connection = connect()) {
            connection.send("GET /api/health?q=" + "a".repeat(ProtocolErrors.MAX_REQUEST_LINE - 200)
                    + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(200);
        }
    }

    @Test
    void oversizedHeadersAre431() throws IOException {
        try (RawHttp connection = connect()) {
            connection.send("GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                    + "b".repeat(ProtocolErrors.MAX_HEADERS + 100) + "\r\n\r\n");
            assertRefusedAndClosed(connection, 431);
        }
        try (RawHttp connection = connect()) {
            StringBuilder many = new StringBuilder("GET /api/health HTTP/1.1\r\nHost: localhost\r\n");
            for (int i = 0; i < 2000; i++) {
                many.append("X-Header-").append(i).append(": value\r\n");
            }
            connection.send(many.append("\r\n").toString());
            assertRefusedAndClosed(connection, 431);
        }
        assertLoggedWithoutErrors("431");
    }

    @Test
    void aMalformedChunkedBodyIs400() throws IOException {
        try (RawHttp connection = connect()) {
            connection.send("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\nZZZ-not-a-size\r\n12345\r\n0\r\n\r\n");
            assertRefusedAndClosed(connection, 400);
        }
        assertLoggedWithoutErrors("POST /api/auth/login 400");
    }

    @Test
    void aBodyCutShortByTheClientLogsNoError() throws IOException {
        try (RawHttp connection = connect()) {
            connection.send("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"email\":");
        }
        // a complete request afterwards: by the time it is answered the cut-off one has been dealt with
        try (RawHttp connection = connect()) {
            connection.send("GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(200);
        }
        assertThat(logs.errors()).isEmpty();
    }

    @Test
    void anIncompleteWebSocketHandshakeIsAJsonErrorAndKeepsTheTicket() throws IOException {
        com.zoomfactor.backend.testing.Accounts.Session owner = live.accounts().signUp("Handshake Agency");
        String ticket = live.http().call(io.vertx.core.http.HttpMethod.POST, "/api/live/ticket", owner.accessToken(), null)
                .bodyAsJsonObject().getString("ticket");
        String upgrade = "GET /api/live?ticket=" + ticket + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n";
        try (RawHttp connection = connect()) {
            connection.send(upgrade + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            RawHttp.Response response = connection.read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().getInteger("status")).isEqualTo(400);
        }
        try (RawHttp connection = connect()) {
            connection.send(upgrade + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 8\r\n\r\n");
            RawHttp.Response response = connection.read();
            assertThat(response.status()).isEqualTo(426);
            assertThat(response.header("Sec-WebSocket-Version")).isEqualTo("13");
            assertThat(response.json().getInteger("status")).isEqualTo(426);
        }
        try (RawHttp connection = connect()) {
            connection.send(upgrade + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n");
            assertThat(connection.read().status()).as("the refusals did not use the ticket up").isEqualTo(101);
        }
    }

    @Test
    void headersThatDoNotArriveInTimeAre408() throws Exception {
        try (RawHttp silent = connect(); RawHttp trickling = connect(); RawHttp keptAlive = connect();
             RawHttp answeredEarly = connect()) {
            trickling.send("GET /api/health HTTP/1.1\r\nHost: localhost\r\n");
            keptAlive.send("GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(keptAlive.read().status()).as("the first request on it is served").isEqualTo(200);
            keptAlive.send("GET /api/health HTTP/1.1\r\nHost: lo");
            // answered (404) before its body was all sent: the rest of the body is not a new request's first byte
            answeredEarly.send("POST /api/no-such-thing HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                    + "\r\nContent-Length: 10\r\n\r\n{\"a\":");
            assertThat(answeredEarly.read().status()).isEqualTo(404);
            answeredEarly.send("\"bc\"}");
            for (RawHttp connection : new RawHttp[] {silent, trickling, keptAlive}) {
                RawHttp.Response response = assertRefusedAndClosed(connection, 408);
                assertThat(response.header("Cache-Control")).isEqualTo("no-store");
            }
            assertThat(answeredEarly.quietFor(3_000)).as("an idle connection after a full request gets no 408").isTrue();
        }
        assertLoggedWithoutErrors("408");
    }

    @Test
    void aBodyThatStopsArrivingIs408() throws Exception {
        Session owner = live.accounts().signUp("Trickle Agency");
        try (RawHttp trickling = connect(); RawHttp steady = connect()) {
            String head = "POST /api/clients HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + owner.accessToken()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
            trickling.send(head + "{\"name\":\"");
            // a slow but steady upload of the same size is read to its end and answered
            String name = "x".repeat(99_990 - 12);
            steady.send(head.replace("100000", Integer.toString(("{\"name\":\"" + name + "\"}").length())));
            for (int i = 0; i < name.length(); i += 20_000) {
                steady.send((i == 0 ? "{\"name\":\"" : "") + name.substring(i, Math.min(name.length(), i + 20_000)));
                Thread.sleep(2_000);
            }
            steady.send("\"}");
            assertThat(steady.read().status()).as("the steady upload is answered").isIn(201, 400);
            for (int i = 0; i < 3; i++) {
                trickling.send("x");
                Thread.sleep(1_000);
            }
            RawHttp.Response response = assertRefusedAndClosed(trickling, 408);
            assertThat(response.json().getString("message")).contains("body");
        }
        assertThat(logs.errors()).isEmpty();
    }
}
