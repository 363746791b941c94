package com.zoomfactor.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.TestServer;
import io.vertx.core.Future;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A request in flight when the stop begins is still answered. Spoken over a plain socket, byte by byte, so that
 * what is observed is the server's behaviour and nothing of an HTTP client's connection handling.
 */
class GracefulStopTest {

    @Test
    void aRequestInFlightWhenTheStopBeginsIsStillAnswered() throws Exception {
        TestServer server = TestServer.start(GracefulStopTest.class);
        try (Socket socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the server's "100 Continue" proves that it has the request's head and waits for its body
            assertThat(readUntil(in, "\r\n\r\n")).startsWith("HTTP/1.1 100 Continue");
            out.write(chunk("{\"email\":\"half"));
            out.flush();

            Future<Void> stopping = server.stop();
            Thread.sleep(300);
            assertThat(stopping.isComplete()).as("the stop waits for the request in flight").isFalse();

            out.write(chunk("@example.com\"}"));
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readToEnd(in);
            assertThat(answer).as("a body without a password is answered 400").startsWith("HTTP/1.1 400");
            assertThat(answer).contains("\"status\":400");

            stopping.await(15, TimeUnit.SECONDS);
        }
    }

    private static byte[] chunk(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        return (Integer.toHexString(data.length) + "\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String readUntil(InputStream in, String end) throws Exception {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (!read.toString(StandardCharsets.UTF_8).endsWith(end)) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            read.write(next);
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    /** Everything until the server closes the connection, as it does once it has answered during a stop. */
    private static String readToEnd(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
