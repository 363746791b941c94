package com.zoomfactor.backend.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Ids in paths. A malformed id names nothing, so it answers 404 like a missing or foreign one. */
public final class PathParams {

    private PathParams() {
    }

    public static UUID uuid(RoutingContext ctx, String name, String what) {
        try {
            return UUID.fromString(ctx.pathParam(name));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.notFound("No such " + what);
        }
    }

    /** A positive whole-number id. */
    public static long number(RoutingContext ctx, String name, String what) {
        try {
            long id = Long.parseLong(ctx.pathParam(name));
            if (id <= 0) {
                throw ApiException.notFound("No such " + what);
            }
            return id;
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiException.notFound("No such " + what);
        }
    }
}
