package com.zoomfactor.backend.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests Netty's decoder could not read (a bad request line, a request line or headers over the limits): Vert.x
 * hands them to {@code HttpServer#invalidRequestHandler} instead of the router. Its default answers with an empty
 * body; here they get the API's {@code {status, message}}, {@code Connection: close} (the decoder has given up on the
 * connection) and an access-log line like any other request.
 */
public final class ProtocolErrors implements Handler<HttpServerRequest> {

    /** Longest request line (method, URI, version): room for long query strings, not for abuse. */
    public static final int MAX_REQUEST_LINE = 8192;
    /** All header lines together: a 4 KiB token plus the usual browser headers and cookies, with room to spare. */
    public static final int MAX_HEADERS = 16384;

    private static final Logger ACCESS = LoggerFactory.getLogger("zoomfactor.access");

    @Override
    public void handle(HttpServerRequest request) {
        long started = System.nanoTime();
        Throwable cause = request.decoderResult().cause();
        int status;
        String message;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            message = "The request line is too long: at most " + MAX_REQUEST_LINE + " bytes";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            message = "The request headers are too large: at most " + MAX_HEADERS + " bytes in all";
        } else {
            status = 400;
            message = "The request is not valid HTTP/1.1";
        }
        String method = String.valueOf(request.method());
        String path;
        try {
            path = LoggedPath.of(request);
        } catch (RuntimeException unreadable) {
            path = "-";
        }
        String logged = path;
        request.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JsonResponses.JSON)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(body(status, message))
                .onComplete(written -> {
                    ACCESS.info("{} {} {} {}ms", method, logged, status, (System.nanoTime() - started) / 1_000_000);
                    request.connection().close();
                });
    }

    /** The API's error body. */
    static String body(int status, String message) {
        return new JsonObject().put("status", status).put("message", message).encode();
    }
}
