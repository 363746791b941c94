package com.zoomfactor.backend.testing;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain socket to the server, for what no HTTP client will send: bad request lines, broken chunks, headers that
 * never end. Reads are blocking with a 30 s limit, so a server that never answers fails the test instead of hanging it.
 */
public final class RawHttp implements AutoCloseable {

    /** One HTTP response as read off the wire. */
    public record Response(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonObject json() {
            return new JsonObject(body);
        }
    }

    private static final Pattern REQUEST_LINE = Pattern.compile("([A-Z]+) (/\\S*) HTTP/1\\.[01]\r\n");

    private final Socket socket;
    private final Queue<String[]> sent = new ArrayDeque<>();
    private final InputStream in;
    private final OutputStream out;

    public RawHttp(int port) throws IOException {
        socket = new Socket("localhost", port);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp send(byte[] bytes) throws IOException {
        Matcher requestLine = REQUEST_LINE.matcher(new String(bytes, 0, Math.min(bytes.length, 8192),
                StandardCharsets.ISO_8859_1));
        if (requestLine.lookingAt()) {
            sent.add(new String[] {requestLine.group(1), requestLine.group(2)});
        }
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The next response: status line, headers, and a body of Content-Length bytes (or up to the close). */
    public Response read() throws IOException {
        String head = readHead();
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body;
        if (status < 200) {
            body = new byte[0]; // informational, or the switch to another protocol: no body follows
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        Response response = new Response(status, headers, new String(body, StandardCharsets.UTF_8));
        // checked against openapi.json like every other answer; a request that was no request line is checked only
        // for the Error shape of its error (chunked bodies arrive framed here, so they are not checked)
        String[] request = sent.poll();
        if (status >= 200 && !"chunked".equalsIgnoreCase(response.header("transfer-encoding"))) {
            OpenApiContract.get().check(request == null ? "UNKNOWN" : request[0], request == null ? "/" : request[1],
                    status, response.header("content-type"), response.body());
        }
        return response;
    }

    /** Whether nothing at all (no byte, no close) arrives within {@code ms}. */
    public boolean quietFor(int ms) throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout(ms);
        try {
            return in.read() == -2; // never: a byte or the end means something arrived
        } catch (java.net.SocketTimeoutException quiet) {
            return true;
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    /** Whether the server closed the connection: the next read finds its end (or a reset). */
    public boolean closedByServer() {
        try {
            return in.read() == -1;
        } catch (IOException reset) {
            return true;
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("the connection closed before a response (" + head + ")");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
