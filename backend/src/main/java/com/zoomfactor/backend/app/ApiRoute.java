package com.zoomfactor.backend.app;

import com.zoomfactor.backend.auth.Access;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * One line of the API's route table: method, path ({@code :param} style), who may call it, handler, and the
 * largest request body it reads (bigger ones answer 413 before anything else happens); a WebSocket route reads no
 * body: its request is upgraded.
 */
public record ApiRoute(HttpMethod method, String path, Access access, Handler<RoutingContext> handler, long bodyLimit,
                       boolean webSocket, boolean streamed) {

    /** What most routes read at most: a JSON document of 1 MiB. */
    public static final long DEFAULT_BODY_LIMIT = 1024 * 1024;

    public ApiRoute {
        if (!path.startsWith("/api/")) {
            throw new IllegalArgumentException("API paths start with /api/: " + path);
        }
        if (bodyLimit <= 0) {
            throw new IllegalArgumentException("body limit must be positive: " + bodyLimit);
        }
    }

    public static ApiRoute get(String path, Access access, Handler<RoutingContext> handler) {
        return new ApiRoute(HttpMethod.GET, path, access, handler, DEFAULT_BODY_LIMIT, false, false);
    }

    public static ApiRoute post(String path, Access access, Handler<RoutingContext> handler) {
        return new ApiRoute(HttpMethod.POST, path, access, handler, DEFAULT_BODY_LIMIT, false, false);
    }

    public static ApiRoute put(String path, Access access, Handler<RoutingContext> handler) {
        return new ApiRoute(HttpMethod.PUT, path, access, handler, DEFAULT_BODY_LIMIT, false, false);
    }

    public static ApiRoute patch(String path, Access access, Handler<RoutingContext> handler) {
        return new ApiRoute(HttpMethod.PATCH, path, access, handler, DEFAULT_BODY_LIMIT, false, false);
    }

    public static ApiRoute delete(String path, Access access, Handler<RoutingContext> handler) {
        return new ApiRoute(HttpMethod.DELETE, path, access, handler, DEFAULT_BODY_LIMIT, false, false);
    }

    /** A GET that opens a WebSocket; its handler upgrades the request. */
    public static ApiRoute webSocket(String path, Access access, Handler<RoutingContext> handler) {
        return new ApiRoute(HttpMethod.GET, path, access, handler, DEFAULT_BODY_LIMIT, true, false);
    }

    /** The same route reading bodies of up to {@code bytes}. */
    public ApiRoute withBodyLimit(long bytes) {
        return new ApiRoute(method, path, access, handler, bytes, webSocket, streamed);
    }

    /**
     * The same route with its handler reading the body as a stream (an upload of up to {@code bytes}, written to disk
     * as it arrives): no body handler buffers it; the request is paused until the handler reads it, and a declared
     * length over the limit is refused with 413 before anything else.
     */
    public ApiRoute streamingBodyOf(long bytes) {
        return new ApiRoute(method, path, access, handler, bytes, webSocket, true);
    }
}
