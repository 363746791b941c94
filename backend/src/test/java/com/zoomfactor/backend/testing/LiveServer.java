package com.zoomfactor.backend.testing;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real server per test class, with a client to call it:
 * {@code @RegisterExtension static final LiveServer live = new LiveServer();}
 */
public final class LiveServer implements BeforeAllCallback, AfterAllCallback {

    private TestServer server;
    private Vertx clientVertx;
    private Http http;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = TestServer.start(context.getRequiredTestClass());
        clientVertx = Vertx.vertx();
        http = new Http(clientVertx, server.port());
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

    public Accounts accounts() {
        return new Accounts(http);
    }
}
