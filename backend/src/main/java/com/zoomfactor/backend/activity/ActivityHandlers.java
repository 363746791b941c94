package com.zoomfactor.backend.activity;

import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.scope.RequestScope;
import io.vertx.ext.web.RoutingContext;

/** A client's activity feed, newest first, page by page. */
public final class ActivityHandlers {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;

    private final RequestScope scope;

    public ActivityHandlers(Tenancy tenancy) {
        this.scope = new RequestScope(tenancy);
    }

    /** GET /api/clients/{id}/activity[?before=&limit=] */
    public void list(RoutingContext ctx) {
        int limit = QueryParams.integer(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        Long before = QueryParams.text(ctx, "before").map(text -> {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("before must be an entry id (a whole number)");
            }
        }).orElse(null);
        scope.inClient(ctx, (caller, clientId, sql) -> ActivityStore.page(sql, caller.agencyId(), clientId, before, limit))
                .ok();
    }
}
