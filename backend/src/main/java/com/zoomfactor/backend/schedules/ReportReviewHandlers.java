package com.zoomfactor.backend.schedules;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.clients.ClientStore;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.scope.RequestScope;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The review queue: scheduled reports waiting for an analyst to approve (the summary edited, maybe) or skip. */
public final class ReportReviewHandlers {

    static final int MAX_SUMMARY = 5000;
    private static final Set<String> STATES = Set.of("pending", "approved", "skipped");

    private final RequestScope scope;
    private final ScheduledReports reports;

    public ReportReviewHandlers(Tenancy tenancy, ScheduledReports reports) {
        this.scope = new RequestScope(tenancy);
        this.reports = reports;
    }

    /** GET /api/clients/{id}/report-reviews[?state=pending|approved|skipped], newest first. */
    public void list(RoutingContext ctx) {
        String state = state(ctx);
        scope.inClient(ctx, (caller, clientId, sql) -> ReportReviewStore.list(sql, caller.agencyId(), clientId, state))
                .ok();
    }

    /** GET /api/report-reviews[?state=…]: the queue of every client of the agency (the review screen), newest first. */
    public void listAll(RoutingContext ctx) {
        String state = state(ctx);
        scope.inAgency(ctx, (caller, sql) -> ReportReviewStore.list(sql, caller.agencyId(), null, state)).ok();
    }

    private static String state(RoutingContext ctx) {
        String state = ctx.queryParams().get("state");
        if (state != null && !STATES.contains(state)) {
            throw ApiException.badRequest("state must be pending, approved or skipped");
        }
        return state;
    }

    /** POST /api/clients/{id}/report-reviews/{reviewId}/approve {summary?}: sends it, with the summary as edited. */
    public void approve(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "reviewId", "report review");
        JsonBody body = JsonBody.of(ctx, true);
        body.refuseUnknownFields(Set.of("summary"));
        String summary = body.optionalText("summary", MAX_SUMMARY).orElse(null);
        scope.inClient(ctx, (caller, clientId, sql) -> ReportReviewStore.decide(sql, caller.agencyId(), clientId, id,
                        "approved", summary, person(caller))
                // without mail the approval rolls back: the report stays pending
                .map(decided -> ScheduledReports.requireMail(reports.outbox(), decided))
                .compose(decided -> ReportScheduleStore.byId(sql, caller.agencyId(), decided.review().scheduleId())
                        .compose(schedule -> ClientStore.name(sql, caller.agencyId(), clientId).compose(name -> {
                            ReportReview review = decided.review();
                            // the period the review was made for, whatever the schedule says now
                            ScheduleTimes.Period period = new ScheduleTimes.Period(review.from(), review.to(), null,
                                    null);
                            return reports.send(sql, caller.agencyId(), schedule, period, name.orElse("the client"),
                                    review.summary(), decided.pdf(), ScheduledReports.periodCause(schedule.id(), period));
                        }))
                        .map(ids -> new Approved(decided.review(), ids)))).ok();
    }

    /** POST /api/clients/{id}/report-reviews/{reviewId}/skip: this period's report is not sent. */
    public void skip(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "reviewId", "report review");
        scope.inClient(ctx, (caller, clientId, sql) -> ReportReviewStore.decide(sql, caller.agencyId(), clientId, id,
                "skipped", null, person(caller)).map(ReportReviewStore.Decided::review)).ok();
    }

    /** What an approval answers: the review decided, and a delivery per recipient. */
    record Approved(ReportReview review, List<UUID> deliveries) {
    }

    private static UUID person(Caller caller) {
        return caller instanceof Caller.Person p ? p.personId() : null;
    }
}
