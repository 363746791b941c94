package com.zoomfactor.backend.http;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Http;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The failure handler on a throwaway router: what each kind of failure looks like to a client. */
@ExtendWith(VertxExtension.class)
class FailureHandlerTest {

    private Http http;

    @BeforeEach
    void serve(Vertx vertx) throws Exception {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false));
        router.get("/bug").handler(ctx -> {
            throw new IllegalStateException("secret internal detail");
        });
        router.get("/failed-future").handler(ctx -> ctx.fail(new RuntimeException("db password is hunter2")));
        router.get("/conflict").handler(ctx -> ctx.fail(new ApiException(409, "That name is taken")));
        router.post("/json").handler(ctx -> ctx.json(ctx.body().asJsonObject()));
        router.get("/busy").handler(ctx -> ctx.fail(429));
        router.get("/db-gone").handler(ctx -> ctx.fail(io.vertx.sqlclient.ClosedConnectionException.INSTANCE));
        router.get("/db-refused").handler(ctx -> ctx.fail(new java.net.ConnectException("Connection refused")));
        router.get("/db-restarting").handler(ctx -> ctx.fail(new io.vertx.pgclient.PgException(
                "terminating connection due to administrator command", "FATAL", "57P01", null)));
        for (String state : new String[] {"23503", "23505", "40P01", "40001"}) {
            router.get("/race-" + state).handler(ctx -> ctx.fail(new io.vertx.pgclient.PgException(
                    "violates constraint \"comments_parent_id_fkey\"", "ERROR", state, null)));
        }
        router.route().failureHandler(new FailureHandler());
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await(10, TimeUnit.SECONDS);
        http = new Http(vertx, server.actualPort());
    }

    @Test
    void anExceptionIsA500WithoutItsDetails() {
        for (String path : new String[] {"/bug", "/failed-future"}) {
            HttpResponse<Buffer> response = http.get(path);
            assertError(response, 500);
            assertThat(response.bodyAsJsonObject().getString("message")).isEqualTo("Internal server error");
            assertThat(response.bodyAsString()).doesNotContain("secret", "hunter2", "Exception", "at com.");
        }
    }

    @Test
    void anApiExceptionKeepsItsStatusAndMessage() {
        HttpResponse<Buffer> response = http.get("/conflict");
        assertError(response, 409);
        assertThat(response.bodyAsJsonObject().getString("message")).isEqualTo("That name is taken");
    }

    @Test
    void malformedJsonIsA400() {
        HttpResponse<Buffer> response = http.send(HttpMethod.POST, "/json", Buffer.buffer("{not json"));
        assertError(response, 400);
        assertThat(response.bodyAsJsonObject().getString("message")).contains("not valid JSON");
    }

    @Test
    void aBareStatusGetsItsReasonPhrase() {
        HttpResponse<Buffer> response = http.get("/busy");
        assertError(response, 429);
        assertThat(response.bodyAsJsonObject().getString("message")).isEqualTo("Too Many Requests");
    }

    @Test
    void errorsAreNeverCached() {
        assertThat(http.get("/conflict").getHeader("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void aDatabaseOutageIsA503WithRetryAfterAndNoDetails() {
        for (String path : new String[] {"/db-gone", "/db-refused", "/db-restarting"}) {
            HttpResponse<Buffer> response = http.get(path);
            assertError(response, 503);
            assertThat(response.getHeader("Retry-After")).as(path).isEqualTo("2");
            assertThat(response.bodyAsJsonObject().getString("message")).as(path).contains("retry");
            assertThat(response.bodyAsString()).doesNotContain("Exception", "administrator", "refused");
        }
    }

    @Test
    void aRaceWithAnotherRequestIsA409WithoutTheConstraint() {
        for (String state : new String[] {"23503", "23505", "40P01", "40001"}) {
            HttpResponse<Buffer> response = http.get("/race-" + state);
            assertError(response, 409);
            assertThat(response.bodyAsString()).as(state).doesNotContain("fkey", "constraint", "Exception");
        }
    }
}
