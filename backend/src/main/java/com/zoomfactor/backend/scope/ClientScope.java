package com.zoomfactor.backend.scope;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.PathParams;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** The client a request is about: named in the path and visible to the caller (a client viewer sees one client). */
public final class ClientScope {

    public static final String NOT_FOUND = "No such client";

    private ClientScope() {
    }

    /**
     * Mounted before every route under {@code /api/clients/:id}: a malformed or hidden client id is a 404 before the
     * handler reads its input, so that no answer about the body tells anything about a client the caller cannot see.
     */
    public static void requireVisible(RoutingContext ctx) {
        visibleId(ctx, Caller.of(ctx));
        ctx.next();
    }

    /** The client id of the path ({@code :id}), or 404 when malformed or hidden from a client viewer. */
    public static UUID visibleId(RoutingContext ctx, Caller caller) {
        UUID id = PathParams.uuid(ctx, "id", "client");
        if (!caller.maySee(id)) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return id;
    }
}
