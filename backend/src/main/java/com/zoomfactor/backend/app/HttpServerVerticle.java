package com.zoomfactor.backend.app;

import com.zoomfactor.backend.live.LiveHub;
import com.zoomfactor.backend.tracking.EventsEndpoint;
import com.zoomfactor.backend.tracking.TrackingHandlers;

import com.zoomfactor.backend.http.InFlight;
import com.zoomfactor.backend.http.ProtocolErrors;
import com.zoomfactor.backend.http.ConnectionGuard;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import com.zoomfactor.backend.app.Services;
import java.util.concurrent.TimeUnit;

/** Listens for HTTP; on undeploy stops accepting and gives requests in flight time to finish. */
public final class HttpServerVerticle extends VerticleBase {

    /** How long requests in flight may take to finish once shutdown has begun. */
    public static final long SHUTDOWN_GRACE_SECONDS = 10;

    /** The largest message a dashboard may send on the live socket (a larger one closes it with 1009). */
    public static final int LIVE_MESSAGE_BYTES = LiveHub.MAX_MESSAGE_BYTES;
    /**
     * The largest frame read at all: above the message limit, so that an oversized message in one frame reaches the
     * message check (and a proper 1009 close) instead of the frame decoder, which drops the connection without a word.
     */
    static final int LIVE_FRAME_BYTES = 64 * 1024;

    /**
     * A connection with nothing read or written for this long is closed: an idle keep-alive connection, or a dead
     * peer. Live sockets are pinged every {@code Presence.HEARTBEAT_MS} (30 s), so a quiet dashboard is never idle.
     */
    public static final int IDLE_TIMEOUT_SECONDS = 60;

    private static final org.slf4j.Logger CONNECTIONS = org.slf4j.LoggerFactory.getLogger(HttpServerVerticle.class);

    private final int port;
    private final Services services;
    private final InFlight inFlight;
    private HttpServer server;

    public HttpServerVerticle(int port, Services services, InFlight inFlight) {
        this.port = port;
        this.services = services;
        this.inFlight = inFlight;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions().setCompressionSupported(true)
                // dashboards send small control messages only
                .setMaxWebSocketMessageSize(LIVE_MESSAGE_BYTES).setMaxWebSocketFrameSize(LIVE_FRAME_BYTES)
                // over these, 414 and 431 (ProtocolErrors)
                .setMaxInitialLineLength(ProtocolErrors.MAX_REQUEST_LINE).setMaxHeaderSize(ProtocolErrors.MAX_HEADERS)
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                // without h2c the HTTP/1.1 pipeline, and so the header deadline, is set up when a connection opens
                .setHttp2ClearTextEnabled(false);
        return ApiRouter.create(vertx, services, inFlight)
                // the tracker's events first, ahead of the router (EventsEndpoint); everything else through it
                .compose(router -> vertx.createHttpServer(options).requestHandler(new EventsEndpoint(
                                new TrackingHandlers(services.tracking()), inFlight, router))
                        .invalidRequestHandler(new ProtocolErrors())
                        .connectionHandler(connection -> ConnectionGuard.install(connection,
                                TimeUnit.SECONDS.toMillis(ConnectionGuard.HEADER_TIMEOUT_SECONDS)))
                        // resets and unreadable input end the connection; they are the peer's doing, not an error here
                        .exceptionHandler(failure -> CONNECTIONS.debug("Connection failed: {}", String.valueOf(failure)))
                        .listen(port))
                .onSuccess(listening -> server = listening);
    }

    @Override
    public Future<?> stop() {
        if (server == null) {
            return Future.succeededFuture();
        }
        // live sockets go first ("going away": dashboards reconnect, to another instance if there is one), then
        // what is in flight is answered; the server's own shutdown then has nothing left to cut short
        services.live().shardOf(context).closeAll();
        return inFlight.drain(vertx, TimeUnit.SECONDS.toMillis(SHUTDOWN_GRACE_SECONDS))
                .compose(drained -> server.shutdown(1, TimeUnit.SECONDS));
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int actualPort() {
        return server.actualPort();
    }
}
