package com.zoomfactor.backend.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking HTTP client for tests, on the test's own Vert.x; calls return the complete response, after checking it
 * against openapi.json ({@link OpenApiContract}).
 */
public final class Http {

    private final WebClient client;
    private final int port;

    public Http(Vertx vertx, int port) {
        this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port)
                .setFollowRedirects(false));
        this.port = port;
    }

    public HttpResponse<Buffer> get(String path) {
        return send(HttpMethod.GET, path, null, null, null);
    }

    public HttpResponse<Buffer> get(String path, String header, String value) {
        return send(HttpMethod.GET, path, null, header, value);
    }

    public HttpResponse<Buffer> send(HttpMethod method, String path, Buffer body) {
        return send(method, path, body, null, null);
    }

    /** A JSON call with an optional bearer token and an optional JSON body. */
    public HttpResponse<Buffer> call(HttpMethod method, String path, String bearer, JsonObject body) {
        return send(method, path, body == null ? null : body.toBuffer(),
                bearer == null ? null : "Authorization", bearer == null ? null : "Bearer " + bearer);
    }

    /** Like {@link #call} with a raw Authorization header value. */
    public HttpResponse<Buffer> callWithAuthorization(HttpMethod method, String path, String authorization) {
        return send(method, path, null, "Authorization", authorization);
    }

    /** A JSON call with a bearer token and one more header. */
    public HttpResponse<Buffer> callWithHeaders(HttpMethod method, String path, String bearer, JsonObject body,
                                                String header, String value) {
        HttpRequest<Buffer> request = client.request(method, port, "localhost", path)
                .putHeader("Authorization", "Bearer " + bearer)
                .putHeader("Content-Type", "application/json")
                .putHeader(header, value);
        return await(method, path, request.sendBuffer(body.toBuffer()));
    }

    /** Sends a raw body of the given content type. */
    public HttpResponse<Buffer> sendText(HttpMethod method, String path, String bearer, String contentType, String body) {
        HttpRequest<Buffer> request = client.request(method, port, "localhost", path)
                .putHeader("Authorization", "Bearer " + bearer);
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        return await(method, path, request.sendBuffer(Buffer.buffer(body)));
    }

    /** Sends raw bytes (a file) of the given content type, with optional extra headers (name, value, …). */
    public HttpResponse<Buffer> sendBytes(HttpMethod method, String path, String bearer, String contentType, Buffer body,
                                          String... headers) {
        HttpRequest<Buffer> request = client.request(method, port, "localhost", path)
                .putHeader("Authorization", "Bearer " + bearer);
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.putHeader(headers[i], headers[i + 1]);
        }
        return await(method, path, request.sendBuffer(body));
    }

    /** A raw body of the given content type (none when null) with these headers, no credentials. */
    public HttpResponse<Buffer> sendWithHeaders(HttpMethod method, String path, String contentType, String body,
                                                java.util.Map<String, String> headers) {
        HttpRequest<Buffer> request = client.request(method, port, "localhost", path);
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        headers.forEach(request::putHeader);
        return await(method, path, body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
    }

    /** A call carrying a Cookie header and no body. */
    public HttpResponse<Buffer> callWithCookie(HttpMethod method, String path, String cookie) {
        return send(method, path, null, "Cookie", cookie);
    }

    private HttpResponse<Buffer> send(HttpMethod method, String path, Buffer body, String header, String value) {
        HttpRequest<Buffer> request = client.request(method, port, "localhost", path);
        if (header != null) {
            request.putHeader(header, value);
        }
        if (body != null) {
            request.putHeader("Content-Type", "application/json");
        }
        return await(method, path, body == null ? request.send() : request.sendBuffer(body));
    }

    /** Every answer is checked against openapi.json: a response the document does not promise fails the test. */
    private static HttpResponse<Buffer> await(HttpMethod method, String path, Future<HttpResponse<Buffer>> response) {
        HttpResponse<Buffer> answer;
        try {
            answer = response.await(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(method + " " + path + " got no answer within 30 s", e);
        }
        Buffer body = answer.body();
        OpenApiContract.get().check(method.name(), path, answer.statusCode(), answer.getHeader("Content-Type"),
                body == null ? "" : body.toString(java.nio.charset.StandardCharsets.UTF_8));
        return answer;
    }
}
