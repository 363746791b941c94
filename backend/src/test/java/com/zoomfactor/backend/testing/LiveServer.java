package com.zoomfactor.backend.testing;

import com.zoomfactor.backend.config.AppConfig;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real server per test class, with a client to call it:
 * {@code @RegisterExtension static final LiveServer live = new LiveServer();}
 * Live sockets opened through it (or handed to {@link #track}) are closed after each test.
 */
public final class LiveServer implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private TestServer server;
    private Vertx clientVertx;
    private Http http;
    private final List<LiveClient> sockets = new CopyOnWriteArrayList<>();
    private final UnaryOperator<AppConfig> setup;

    public LiveServer() {
        this(UnaryOperator.identity());
    }

    /** A server whose configuration {@code setup} changes, applied when the class starts (e.g. page events in ClickHouse). */
    public LiveServer(UnaryOperator<AppConfig> setup) {
        this.setup = setup;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = TestServer.start(context.getRequiredTestClass(), setup);
        clientVertx = Vertx.vertx();
        http = new Http(clientVertx, server.port());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        sockets.forEach(LiveClient::close);
        sockets.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            server.close();
        } finally {
            clientVertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    public TestServer server() {
        return server;
    }

    public Http http() {
        return http;
    }

    /** The test's own Vert.x, for clients of its own (live sockets). */
    public Vertx clientVertx() {
        return clientVertx;
    }

    /** A live socket signed in with {@code credential} (an access or API token), closed after the test. */
    public LiveClient dashboard(String credential) {
        return track(LiveClient.connect(clientVertx, http, server.port(), credential));
    }

    /** Closes {@code socket} after the test. */
    public LiveClient track(LiveClient socket) {
        sockets.add(socket);
        return socket;
    }

    public Accounts accounts() {
        return new Accounts(http);
    }
}
