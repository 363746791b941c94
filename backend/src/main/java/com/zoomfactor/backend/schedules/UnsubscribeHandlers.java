package com.zoomfactor.backend.schedules;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.clients.ClientStore;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.scope.RequestScope;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * A scheduled report's recipient leaves it without signing in (they have no account), by the signed link of their
 * e-mail: {@code POST /api/unsubscribe {token}} from the confirm page, or the mail client's one-click
 * {@code POST /unsubscribe?token=…} (RFC 8058). The address leaves that one schedule; a schedule left without
 * recipients is deleted. Idempotent: a second call, or a schedule already gone, answers the same.
 */
public final class UnsubscribeHandlers {

    /** A token and little else. */
    public static final int MAX_BODY = 4 * 1024;
    /** Who the activity feed says did it. */
    static final String ACTOR = "Unsubscribe link";
    private static final String ONE_CLICK = "One-Click";

    private final Tenancy tenancy;
    private final UnsubscribeTokens tokens;

    /** What an unsubscribe answers: the client and cadence stopped (null when the schedule is gone). */
    record Unsubscribed(boolean unsubscribed, String client, String frequency) {
    }

    public UnsubscribeHandlers(Tenancy tenancy, ScheduledReports reports) {
        this.tenancy = tenancy;
        this.tokens = reports.unsubscribes();
    }

    /** POST /api/unsubscribe {token} */
    public void confirm(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        body.refuseUnknownFields(Set.of("token"));
        String token = body.optionalText("token", 200).orElseThrow(() -> ApiException.badRequest("token is required"));
        new RequestScope.Answer<>(ctx, unsubscribe(tokens.verify(token))).ok();
    }

    /** POST /unsubscribe?token=… with the form body {@code List-Unsubscribe=One-Click}: the mail client's button. */
    public void oneClick(RoutingContext ctx) {
        String token = ctx.queryParams().get("token");
        if (!ONE_CLICK.equals(ctx.request().getFormAttribute("List-Unsubscribe"))) {
            throw ApiException.badRequest("a one-click unsubscribe posts List-Unsubscribe=One-Click");
        }
        new RequestScope.Answer<>(ctx, unsubscribe(tokens.verify(token))).ok();
    }

    private Future<Unsubscribed> unsubscribe(UnsubscribeTokens.Subscription subscription) {
        return tenancy.inAgency(subscription.agencyId(), sql -> ReportScheduleStore
                .lock(sql, subscription.agencyId(), subscription.scheduleId()).compose(found -> {
                    if (found.isEmpty()) {
                        return Future.succeededFuture(new Unsubscribed(true, null, null));
                    }
                    ReportSchedule schedule = found.get();
                    List<String> leaving = schedule.recipients().stream().filter(subscription::names).toList();
                    List<String> staying = schedule.recipients().stream().filter(a -> !subscription.names(a)).toList();
                    Future<Void> change = leaving.isEmpty() ? Future.succeededFuture()
                            // remembered first: the schedule may go with its last recipient
                            : ReportUnsubscribeStore.add(sql, subscription.agencyId(), schedule.clientId(), leaving)
                            .compose(kept -> staying.isEmpty()
                                    ? ReportScheduleStore.deleteById(sql, subscription.agencyId(), schedule.id())
                                    : ReportScheduleStore.setRecipients(sql, subscription.agencyId(), schedule.id(),
                                            staying))
                            .compose(done -> ActivityStore.recordAutomatic(sql, subscription.agencyId(),
                                    schedule.clientId(), ACTOR, "report_schedule.unsubscribed",
                                    String.join(", ", leaving) + " unsubscribed from the " + schedule.frequency()
                                            + " report" + (staying.isEmpty()
                                            ? "; it had no other recipient, so the schedule was deleted" : "")))
                            .mapEmpty();
                    return change.compose(done -> ClientStore.name(sql, subscription.agencyId(), schedule.clientId()))
                            .map(name -> new Unsubscribed(true, name.orElse(null), schedule.frequency()));
                }));
    }
}
