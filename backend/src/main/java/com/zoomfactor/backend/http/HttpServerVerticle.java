package com.zoomfactor.backend.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import com.zoomfactor.backend.Services;
import java.util.concurrent.TimeUnit;

/** Listens for HTTP; on undeploy stops accepting and gives requests in flight time to finish. */
public final class HttpServerVerticle extends VerticleBase {

    /** How long requests in flight may take to finish once shutdown has begun. */
    public static final long SHUTDOWN_GRACE_SECONDS = 10;

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
        HttpServerOptions options = new HttpServerOptions().setCompressionSupported(true);
        return ApiRouter.create(vertx, services, inFlight)
                .compose(router -> vertx.createHttpServer(options).requestHandler(router).listen(port))
                .onSuccess(listening -> server = listening);
    }

    @Override
    public Future<?> stop() {
        if (server == null) {
            return Future.succeededFuture();
        }
        // answer what is in flight first; the server's own shutdown then has nothing left to cut short
        return inFlight.drain(vertx, TimeUnit.SECONDS.toMillis(SHUTDOWN_GRACE_SECONDS))
                .compose(drained -> server.shutdown(1, TimeUnit.SECONDS));
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int actualPort() {
        return server.actualPort();
    }
}
