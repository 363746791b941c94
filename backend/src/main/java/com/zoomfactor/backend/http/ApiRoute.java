package com.zoomfactor.backend.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** One line of the API's route table: method, path ({@code :param} style), handler. */
public record ApiRoute(HttpMethod method, String path, Handler<RoutingContext> handler) {

    public ApiRoute {
        if (!path.startsWith("/api/")) {
            throw new IllegalArgumentException("API paths start with /api/: " + path);
        }
    }

    public static ApiRoute get(String path, Handler<RoutingContext> handler) {
        return new ApiRoute(HttpMethod.GET, path, handler);
    }

    public static ApiRoute post(String path, Handler<RoutingContext> handler) {
        return new ApiRoute(HttpMethod.POST, path, handler);
    }
}
