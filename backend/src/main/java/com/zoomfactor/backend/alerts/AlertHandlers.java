package com.zoomfactor.backend.alerts;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.scope.RequestScope;
import com.zoomfactor.domain.live.LiveKind;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * The alerts fired on a client: listed newest first (open, acknowledged, or both), and acknowledged once by a person
 * with an optional note. Discussion of an alert is a comment thread pinned to it ({@code alertId} on a comment).
 */
public final class AlertHandlers {

    static final int MAX_LIST = 200;
    static final int MAX_NOTE = 2_000;

    private final RequestScope scope;

    public AlertHandlers(Tenancy tenancy) {
        this.scope = new RequestScope(tenancy);
    }

    /** GET /api/clients/{id}/alerts[?state=open|acknowledged] — newest first, at most 200. */
    public void list(RoutingContext ctx) {
        String state = QueryParams.text(ctx, "state").map(s -> {
            if (!s.equals("open") && !s.equals("acknowledged")) {
                throw ApiException.badRequest("state must be \"open\" or \"acknowledged\"");
            }
            return s;
        }).orElse(null);
        scope.inClient(ctx, (caller, clientId, sql) -> AlertStore.list(sql, caller.agencyId(), clientId, state,
                MAX_LIST)).ok();
    }

    /**
     * POST /api/clients/{id}/alerts/{alertId}/acknowledge {note?} — once: acknowledging an acknowledged alert is a 409
     * naming who did it, so that two people reacting at once learn of each other rather than overwrite a note.
     */
    public void acknowledge(RoutingContext ctx) {
        Caller.Person person = Caller.person(ctx);
        UUID id = PathParams.uuid(ctx, "alertId", "alert");
        String note = JsonBody.of(ctx, true).optionalText("note", MAX_NOTE).orElse(null);
        scope.inClient(ctx, (caller, clientId, sql) -> AlertStore.lockClient(sql, clientId)
                .compose(locked -> AlertStore.one(sql, caller.agencyId(), clientId, id))
                .compose(current -> {
                    if (current.acknowledgement() != null) {
                        throw ApiException.conflict("This alert was already acknowledged by "
                                + (current.acknowledgement().name() == null ? "someone"
                                : current.acknowledgement().name()) + " at " + current.acknowledgement().at());
                    }
                    return AlertStore.acknowledge(sql, caller.agencyId(), clientId, id, person.personId(), note);
                })
                .compose(acknowledged -> {
                    if (!acknowledged) { // acknowledged meanwhile by someone else
                        throw ApiException.conflict("This alert was just acknowledged by someone else");
                    }
                    return AlertStore.one(sql, caller.agencyId(), clientId, id);
                })
                .compose(alert -> ActivityStore.recordChange(sql, person, clientId, LiveKind.ALERT,
                        new JsonObject().put("action", "acknowledged").put("alert", JsonResponses.toJsonObject(alert)),
                        "alert.acknowledged", "acknowledged the alert: " + alert.message()
                                + (note == null ? "" : " — " + note)).map(alert))).ok();
    }
}
