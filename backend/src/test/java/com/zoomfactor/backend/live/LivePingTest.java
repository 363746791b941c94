package com.zoomfactor.backend.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.LiveClient;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server closes connections idle for a minute; a dashboard watching a quiet client must not be one. The server
 * pings every live socket on each heartbeat, so a socket that says nothing still sees traffic.
 */
class LivePingTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    @Test
    void aQuietLiveSocketIsPingedByTheServer() throws Exception {
        Session owner = live.accounts().signUp("Quiet Agency");
        String ticket = LiveClient.ticket(live.http(), owner.accessToken());
        Vertx vertx = Vertx.vertx();
        try {
            WebSocketClient client = vertx.createWebSocketClient();
            WebSocket socket = client.connect(new WebSocketConnectOptions().setHost("localhost")
                    .setPort(live.server().port()).setURI("/api/live?ticket=" + ticket)).await(10, TimeUnit.SECONDS);
            Promise<Void> pinged = Promise.promise();
            socket.frameHandler(frame -> {
                if (frame.isPing()) {
                    pinged.tryComplete();
                }
            });
            // one heartbeat (30 s) at most; waiting for the event, not for a time
            pinged.future().await(Presence.HEARTBEAT_MS + 15_000, TimeUnit.MILLISECONDS);
            assertThat(socket.isClosed()).isFalse();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
