package com.zoomfactor.backend.testing;

import com.zoomfactor.backend.app.ZoomFactorServer;
import com.zoomfactor.backend.config.AppConfig;
import com.zoomfactor.backend.config.DatabaseUrl;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** The real server on a free port, against a fresh database of the shared test PostgreSQL. */
public final class TestServer implements AutoCloseable {

    /** The signing key of every test server, so that tests can forge tokens signed with the right key. */
    public static final String JWT_KEY = "test-signing-key-0123456789abcdefghijklmnopqrstuvwxyz";

    private final ZoomFactorServer server;
    private final DatabaseUrl database;
    private final UnaryOperator<AppConfig> setup;

    private TestServer(ZoomFactorServer server, DatabaseUrl database, UnaryOperator<AppConfig> setup) {
        this.server = server;
        this.database = database;
        this.setup = setup;
    }

    public static TestServer start(Class<?> owner) {
        return startOn(TestDatabase.freshDatabase(owner));
    }

    /** A server whose configuration {@code setup} changes (e.g. page events in ClickHouse). */
    public static TestServer start(Class<?> owner, UnaryOperator<AppConfig> setup) {
        return startOn(TestDatabase.freshDatabase(owner), setup);
    }

    /** Another instance on a database a server already uses: instances share data and live updates. */
    public static TestServer startOn(DatabaseUrl database) {
        return startOn(database, UnaryOperator.identity());
    }

    /** Another instance like this one (same database, same configuration changes). */
    public TestServer another() {
        return startOn(database, setup);
    }

    /** Another instance like this one, with one more configuration change. */
    public TestServer another(UnaryOperator<AppConfig> change) {
        return startOn(database, config -> change.apply(setup.apply(config)));
    }

    private static TestServer startOn(DatabaseUrl database, UnaryOperator<AppConfig> setup) {
        AppConfig config = setup.apply(new AppConfig(0, TestPaths.newDirectory("server-data-"), Optional.of(database),
                OptionalInt.empty(), Optional.of(JWT_KEY)));
        ZoomFactorServer server = new ZoomFactorServer(config);
        try {
            server.start().await(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the server did not start within 60 s", e);
        }
        return new TestServer(server, database, setup);
    }

    /** The configuration the server started with. */
    public com.zoomfactor.backend.config.AppConfig config() {
        return server.config();
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** The server's own pool: it works as the application role, under row-level security. */
    public io.vertx.sqlclient.Pool pool() {
        return server.pool();
    }

    /** The server's own Vert.x, e.g. to listen to its event bus. */
    public io.vertx.core.Vertx vertx() {
        return server.vertx();
    }

    /** The server's live dashboards. */
    public com.zoomfactor.backend.live.LiveHub live() {
        return server.live();
    }

    /** How many times this server ran the score engine. */
    public long scoreEngineRuns() {
        return server.scoreEngineRuns();
    }

    /** Stops this server's score recomputer and alert watcher (as if it died before their work). */
    public void stopBackgroundWork() {
        try {
            server.stopBackgroundWork().await(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the background work did not stop within 30 s", e);
        }
    }

    /** The server's tracker: its clock (tests script time), event store and daily web metrics. */
    public com.zoomfactor.backend.tracking.Tracking tracking() {
        return server.tracking();
    }

    /** The server's outbox: its pacing and clock (tests shorten the waits between attempts, move to the digest hour). */
    public com.zoomfactor.backend.outbox.Outbox outbox() {
        return server.outbox();
    }

    /** The server's daily digests (tests run a look at once). */
    public com.zoomfactor.backend.notifications.DigestScheduler digests() {
        return server.digests();
    }

    /** The server's scheduled reports (tests run a look at once, on the outbox's clock). */
    public com.zoomfactor.backend.schedules.ReportScheduler reportSchedules() {
        return server.reportSchedules();
    }

    public DatabaseUrl database() {
        return database;
    }

    /** Begins the graceful stop; {@link #close()} waits for it. */
    public io.vertx.core.Future<Void> stop() {
        return server.stop();
    }

    @Override
    public void close() throws java.util.concurrent.TimeoutException {
        server.stop().await(30, TimeUnit.SECONDS);
    }
}
