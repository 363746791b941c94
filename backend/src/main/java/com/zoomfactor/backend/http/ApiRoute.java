package com.zoomfactor.backend.http;

import com.zoomfactor.backend.auth.Access;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** One line of the API's route table: method, path ({@code :param} style), who may call it, handler. */
public record ApiRoute(HttpMethod method, String path, Access access, Handler<RoutingContext> handler) {

    public ApiRoute {
        if (!path.startsWith("/api/")) {
            throw new IllegalArgumentException("API paths start with /api/: " + path);
        }
    }

    public static ApiRoute get(String path, Access access, Handler<RoutingContext> handler) {
        return new ApiRoute(HttpMethod.GET, path, access, handler);
    }

    public static ApiRoute post(String path, Access access, Handler<RoutingContext> handler) {
        return new ApiRoute(HttpMethod.POST, path, access, handler);
    }

    public static ApiRoute patch(String path, Access access, Handler<RoutingContext> handler) {
        return new ApiRoute(HttpMethod.PATCH, path, access, handler);
    }

    public static ApiRoute delete(String path, Access access, Handler<RoutingContext> handler) {
        return new ApiRoute(HttpMethod.DELETE, path, access, handler);
    }
}
