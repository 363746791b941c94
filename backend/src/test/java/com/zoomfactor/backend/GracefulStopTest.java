package com.zoomfactor.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class GracefulStopTest {

    @Test
    void aRequestInFlightWhenTheStopBeginsIsStillAnswered(Vertx vertx) throws Exception {
        TestServer server = TestServer.start(GracefulStopTest.class);
        HttpClient client = vertx.createHttpClient();
        HttpClientRequest request = client.request(HttpMethod.POST, server.port(), "localhost", "/api/auth/login")
                .await(10, TimeUnit.SECONDS);
        request.setChunked(true);
        // the server's "100 Continue" proves that it has the request's head and waits for its body
        request.putHeader("Expect", "100-continue");
        Promise<Void> continued = Promise.promise();
        request.continueHandler(ignored -> continued.tryComplete());
        Future<HttpClientResponse> response = request.response();
        request.sendHead().await(10, TimeUnit.SECONDS);
        continued.future().await(10, TimeUnit.SECONDS);
        request.write("half of a body").await(10, TimeUnit.SECONDS);

        Future<Void> stopping = server.stop();
        Thread.sleep(300);
        assertThat(stopping.isComplete()).as("the stop waits for the request in flight").isFalse();

        request.end("and the rest");
        HttpClientResponse answer = response.await(10, TimeUnit.SECONDS);
        Buffer body = answer.body().await(10, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as("a half-sent body is not JSON, and it is answered").isEqualTo(400);
        assertThat(new JsonObject(body).getInteger("status")).isEqualTo(400);

        stopping.await(15, TimeUnit.SECONDS);
    }
}
