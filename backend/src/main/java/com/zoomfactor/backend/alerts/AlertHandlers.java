package com.zoomfactor.backend.alerts;

import com.zoomfactor.backend.scope.ClientCheckStore;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.alerts.Alerts.Alert;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.events.EventStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The alerts fired on a client: listed newest first (open, acknowledged, or both), and acknowledged once by a person
 * with an optional note. Discussion of an alert is a comment thread pinned to it ({@code alertId} on a comment).
 */
public final class AlertHandlers {

    static final int MAX_LIST = 200;
    static final int MAX_NOTE = 2_000;

    private static final String LIST = "SELECT " + Alerts.ALERT_COLUMNS + Alerts.ALERT_FROM + """
             WHERE a.agency_id = $1 AND a.client_id = $2
               AND ($3::text IS NULL OR ($3 = 'open') = (a.acknowledged_at IS NULL))
             ORDER BY a.fired_at DESC, a.day DESC, a.id LIMIT $4""";
    private static final String ONE = "SELECT " + Alerts.ALERT_COLUMNS + Alerts.ALERT_FROM
            + " WHERE a.agency_id = $1 AND a.client_id = $2 AND a.id = $3";
    private static final String ACKNOWLEDGE = """
            UPDATE alerts SET acknowledged_by = $4, acknowledged_at = now(), ack_note = $5
             WHERE agency_id = $1 AND client_id = $2 AND id = $3 AND acknowledged_at IS NULL""";

    private final Tenancy tenancy;

    public AlertHandlers(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /** GET /api/clients/{id}/alerts[?state=open|acknowledged] — newest first, at most 200. */
    public void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        String state = QueryParams.text(ctx, "state").map(s -> {
            if (!s.equals("open") && !s.equals("acknowledged")) {
                throw ApiException.badRequest("state must be \"open\" or \"acknowledged\"");
            }
            return s;
        }).orElse(null);
        UUID agencyId = caller.agencyId();
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        .compose(exists -> sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId, state, MAX_LIST))))
                .map(rows -> {
                    List<Alert> alerts = new ArrayList<>();
                    rows.forEach(row -> alerts.add(Alerts.alert(row)));
                    return alerts;
                })
                .onSuccess(alerts -> JsonResponses.send(ctx, 200, alerts))
                .onFailure(ctx::fail);
    }

    /**
     * POST /api/clients/{id}/alerts/{alertId}/acknowledge {note?} — once: acknowledging an acknowledged alert is a 409
     * naming who did it, so that two people reacting at once learn of each other rather than overwrite a note.
     */
    public void acknowledge(RoutingContext ctx) {
        Caller.Person person = Caller.person(ctx);
        UUID clientId = ClientScope.visibleId(ctx, person);
        UUID id = PathParams.uuid(ctx, "alertId", "alert");
        String note = JsonBody.of(ctx, true).optionalText("note", MAX_NOTE).orElse(null);
        UUID agencyId = person.agencyId();
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        .compose(exists -> Alerts.lockClient(sql, clientId))
                        .compose(locked -> one(sql, agencyId, clientId, id))
                        .compose(current -> {
                            if (current.acknowledgement() != null) {
                                throw ApiException.conflict("This alert was already acknowledged by "
                                        + (current.acknowledgement().name() == null ? "someone"
                                        : current.acknowledgement().name()) + " at " + current.acknowledgement().at());
                            }
                            return sql.preparedQuery(ACKNOWLEDGE)
                                    .execute(Tuple.of(agencyId, clientId, id, person.personId(), note));
                        })
                        .compose(updated -> {
                            if (updated.rowCount() == 0) { // acknowledged meanwhile by someone else
                                throw ApiException.conflict("This alert was just acknowledged by someone else");
                            }
                            return one(sql, agencyId, clientId, id);
                        })
                        .compose(alert -> EventStore.record(sql, agencyId, clientId, AlertEvaluator.LIVE_KIND,
                                        new JsonObject().put("action", "acknowledged")
                                                .put("alert", JsonResponses.toJsonObject(alert)))
                                .compose(seq -> ActivityStore.record(sql, person, clientId, "alert.acknowledged",
                                        "acknowledged the alert: " + alert.message()
                                                + (note == null ? "" : " — " + note)))
                                .map(alert)))
                .onSuccess(alert -> JsonResponses.send(ctx, 200, alert))
                .onFailure(ctx::fail);
    }

    static Future<Alert> one(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(ONE).execute(Tuple.of(agencyId, clientId, id)).map(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound(Alerts.ALERT_NOT_FOUND);
            }
            return Alerts.alert(rows.iterator().next());
        });
    }
}
