package com.zoomfactor.backend.notifications;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.scope.RequestScope;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** The caller's own notifications in their agency: listed newest first, marked read one by one or all at once. */
public final class NotificationHandlers {

    static final int MAX_LIST = 200;

    private final RequestScope scope;

    public NotificationHandlers(Tenancy tenancy) {
        this.scope = new RequestScope(tenancy);
    }

    /** GET /api/notifications[?unread=true] — the caller's, in this agency, newest first (at most 200). */
    public void list(RoutingContext ctx) {
        Caller.Person person = Caller.person(ctx);
        boolean unread = QueryParams.flag(ctx, "unread");
        scope.inAgency(ctx, (caller, sql) -> NotificationStore.list(sql, person.agencyId(), person.personId(), unread,
                MAX_LIST)).ok();
    }

    /** POST /api/notifications/{notificationId}/read */
    public void markRead(RoutingContext ctx) {
        Caller.Person person = Caller.person(ctx);
        long id = PathParams.number(ctx, "notificationId", "notification");
        scope.inAgency(ctx, (caller, sql) -> NotificationStore.markRead(sql, person.agencyId(), person.personId(), id)
                .map(found -> {
                    if (!found) {
                        throw ApiException.notFound("No such notification");
                    }
                    return found;
                })).noContent();
    }

    /** POST /api/notifications/read-all */
    public void markAllRead(RoutingContext ctx) {
        Caller.Person person = Caller.person(ctx);
        scope.inAgency(ctx, (caller, sql) -> NotificationStore.markAllRead(sql, person.agencyId(), person.personId())
                .map(marked -> Map.of("marked", marked))).ok();
    }
}
