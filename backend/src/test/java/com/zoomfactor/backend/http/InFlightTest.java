package com.zoomfactor.backend.http;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Http;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The drain that precedes a stop: requests in flight finish, new ones are turned away with 503. */
@ExtendWith(VertxExtension.class)
class InFlightTest {

    @Test
    void drainingWaitsForTheRequestInFlightAndTurnsNewOnesAway(Vertx vertx) throws Exception {
        InFlight inFlight = new InFlight();
        Promise<Void> release = Promise.promise();
        Router router = Router.router(vertx);
        router.route().handler(inFlight);
        router.get("/slow").handler(ctx -> release.future().onComplete(done -> ctx.response().end("done")));
        router.get("/fast").handler(ctx -> ctx.response().end("fast"));
        router.route().failureHandler(new FailureHandler());
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await(10, TimeUnit.SECONDS);
        Http http = new Http(vertx, server.actualPort());

        // from a plain thread: the test client blocks, which Vert.x's own threads may not
        CompletableFuture<HttpResponse<Buffer>> slow = CompletableFuture.supplyAsync(() -> http.get("/slow"));
        while (inFlight.count() == 0) {
            Thread.sleep(10);
        }
        Future<Void> drained = inFlight.drain(vertx, 10_000);
        Thread.sleep(100);
        assertThat(drained.isComplete()).as("waits for the slow request").isFalse();

        HttpResponse<Buffer> refused = http.get("/fast");
        assertError(refused, 503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("5");

        release.complete();
        assertThat(slow.get(10, TimeUnit.SECONDS).bodyAsString()).isEqualTo("done");
        drained.await(10, TimeUnit.SECONDS);
        assertThat(inFlight.count()).isZero();
    }

    @Test
    void drainingGivesUpAtItsDeadline(Vertx vertx) throws Exception {
        InFlight inFlight = new InFlight();
        Router router = Router.router(vertx);
        router.route().handler(inFlight);
        router.get("/never").handler(ctx -> { });
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await(10, TimeUnit.SECONDS);
        vertx.createHttpClient().request(io.vertx.core.http.HttpMethod.GET, server.actualPort(), "localhost", "/never")
                .compose(request -> request.send());
        while (inFlight.count() == 0) {
            Thread.sleep(10);
        }
        long start = System.nanoTime();
        inFlight.drain(vertx, 200).await(5, TimeUnit.SECONDS);
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(150L, 2_000L);
    }
}
