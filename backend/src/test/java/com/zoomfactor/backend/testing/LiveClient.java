package com.zoomfactor.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A dashboard's live socket, for tests: opens with a fresh ticket, collects every message it receives. */
public final class LiveClient implements AutoCloseable {

    private final WebSocketClient client;
    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    /** Every message, in arrival order, whether or not an await has taken it. */
    private final List<JsonObject> history = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Short closeCode;

    private LiveClient(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            history.add(message);
            received.add(message);
        });
        socket.closeHandler(closed -> closeCode = socket.closeStatusCode());
    }

    /** Asks the server at {@code port} for a ticket with {@code accessToken} and connects with it. */
    public static LiveClient connect(Vertx vertx, Http http, int port, String accessToken) {
        String ticket = ticket(http, accessToken);
        return get(open(vertx, port, ticket, "http://localhost:" + port));
    }

    public static String ticket(Http http, String accessToken) {
        var response = http.call(io.vertx.core.http.HttpMethod.POST, "/api/live/ticket", accessToken, null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject().getString("ticket");
    }

    /** Opens a socket; fails with the handshake's HTTP status when the server refuses it. */
    public static Future<LiveClient> open(Vertx vertx, int port, String ticket, String origin) {
        return open(vertx, port, ticket, origin, 0);
    }

    /**
     * Like {@link #open(Vertx, int, String, String)}; a positive {@code receiveBufferBytes} fixes the socket's receive
     * buffer (the kernel then does not grow it to tens of megabytes), so that a stalled reader backs the server up
     * after a predictable amount of data.
     */
    public static Future<LiveClient> open(Vertx vertx, int port, String ticket, String origin, int receiveBufferBytes) {
        io.vertx.core.http.WebSocketClientOptions clientOptions = new io.vertx.core.http.WebSocketClientOptions();
        if (receiveBufferBytes > 0) {
            clientOptions.setReceiveBufferSize(receiveBufferBytes);
        }
        WebSocketClient client = vertx.createWebSocketClient(clientOptions);
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(port)
                .setURI("/api/live" + (ticket == null ? "" : "?ticket=" + ticket));
        if (origin != null) {
            options.addHeader("Origin", origin);
        }
        return client.connect(options).map(socket -> new LiveClient(client, socket));
    }

    public void send(JsonObject message) {
        get(socket.writeTextMessage(message.encode()));
    }

    /** A text message sent as it is, in frames of the given texts (one frame when only one is given). */
    public void sendText(String... frames) {
        if (frames.length == 1) {
            get(socket.writeTextMessage(frames[0]));
            return;
        }
        for (int i = 0; i < frames.length; i++) {
            boolean last = i == frames.length - 1;
            get(socket.writeFrame(i == 0 ? io.vertx.core.http.WebSocketFrame.textFrame(frames[i], last)
                    : io.vertx.core.http.WebSocketFrame.continuationFrame(io.vertx.core.buffer.Buffer.buffer(frames[i]), last)));
        }
    }

    /** A binary frame, which the live protocol (JSON text) does not accept. */
    public void sendBinary(io.vertx.core.buffer.Buffer bytes) {
        get(socket.writeBinaryMessage(bytes));
    }

    public void subscribe(Object clientId, Long since) {
        JsonObject message = new JsonObject().put("type", "subscribe").put("clientId", clientId.toString());
        if (since != null) {
            message.put("since", since);
        }
        send(message);
    }

    /** Stops reading: the server's writes back up, as with a dashboard on a stalled network. */
    public void stall() {
        socket.pause();
    }

    /** Reads again, e.g. to find out how a stalled socket ended. */
    public void resume() {
        socket.resume();
    }

    /** The next message that matches, skipping others; fails after the timeout. */
    public JsonObject await(Predicate<JsonObject> matching, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            JsonObject next;
            try {
                next = left <= 0 ? null : received.poll(left, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            assertThat(next).as("no matching live message within " + timeoutMs + " ms").isNotNull();
            if (matching.test(next)) {
                return next;
            }
        }
    }

    /** Every message received so far and within {@code quietMs} more. */
    public List<JsonObject> drain(long quietMs) {
        List<JsonObject> all = new ArrayList<>();
        try {
            JsonObject next;
            while ((next = received.poll(quietMs, TimeUnit.MILLISECONDS)) != null) {
                all.add(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return all;
    }

    public static Predicate<JsonObject> type(String type) {
        return message -> type.equals(message.getString("type"));
    }

    public static Predicate<JsonObject> event(String kind) {
        return message -> "event".equals(message.getString("type")) && kind.equals(message.getString("kind"));
    }

    /** The future's result within 10 s, its failure rethrown. */
    public static <T> T get(Future<T> future) {
        try {
            return future.await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer within 10 s", e);
        }
    }

    /** Every message received so far, in arrival order (including those {@link #await} skipped). */
    public List<JsonObject> history() {
        return List.copyOf(history);
    }

    public Short closeCode() {
        return closeCode;
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        try {
            if (!socket.isClosed()) {
                socket.close().await(5, TimeUnit.SECONDS);
            }
            client.close().await(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }
}
