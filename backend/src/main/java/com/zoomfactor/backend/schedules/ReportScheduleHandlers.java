package com.zoomfactor.backend.schedules;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.outbox.Email;
import com.zoomfactor.backend.outbox.Outbox;
import com.zoomfactor.backend.scope.RequestScope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** A client's report schedules: create, list, read, change, delete, and send one now. */
public final class ReportScheduleHandlers {

    private static final Set<String> FIELDS = Set.of("frequency", "dayOfWeek", "dayOfMonth", "hour", "recipients",
            "review");

    private final RequestScope scope;
    private final ScheduledReports reports;

    public ReportScheduleHandlers(Tenancy tenancy, ScheduledReports reports) {
        this.scope = new RequestScope(tenancy);
        this.reports = reports;
    }

    /** GET /api/clients/{id}/report-schedules */
    public void list(RoutingContext ctx) {
        scope.inClient(ctx, (caller, clientId, sql) -> ReportScheduleStore.list(sql, caller.agencyId(), clientId)).ok();
    }

    /** GET /api/clients/{id}/report-schedules/{scheduleId} */
    public void get(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "scheduleId", "report schedule");
        scope.inClient(ctx, (caller, clientId, sql) -> ReportScheduleStore.one(sql, caller.agencyId(), clientId, id))
                .ok();
    }

    /** POST /api/clients/{id}/report-schedules {frequency, dayOfWeek?, dayOfMonth?, hour, recipients, review?} */
    public void create(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        body.refuseUnknownFields(FIELDS);
        Cadence cadence = cadence(body.optionalText("frequency", 20)
                        .orElseThrow(() -> ApiException.badRequest("frequency is required: weekly or monthly")),
                whole(body, "dayOfWeek"), whole(body, "dayOfMonth"), requiredHour(body));
        List<String> recipients = recipients(body);
        boolean review = review(body, false);
        scope.inClient(ctx, (caller, clientId, sql) -> ReportUnsubscribeStore
                .refuseReturning(sql, caller.agencyId(), clientId, recipients)
                .compose(allowed -> nextRun(sql, caller.agencyId(), clientId, cadence))
                .compose(next -> ReportScheduleStore.insert(sql, caller.agencyId(), clientId, cadence, recipients,
                        review, next, caller instanceof Caller.Person p ? p.personId() : null))
                .compose(id -> ReportScheduleStore.one(sql, caller.agencyId(), clientId, id))).created();
    }

    /** PATCH /api/clients/{id}/report-schedules/{scheduleId}: any of the fields; the next run is computed again. */
    public void update(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "scheduleId", "report schedule");
        JsonBody body = JsonBody.of(ctx);
        body.refuseUnknownFields(FIELDS);
        List<String> recipients = body.has("recipients") ? recipients(body) : null;
        Integer hour = body.has("hour") ? requiredHour(body) : null;
        scope.inClient(ctx, (caller, clientId, sql) -> ReportScheduleStore.one(sql, caller.agencyId(), clientId, id)
                .compose(current -> {
                    String frequency = body.optionalText("frequency", 20).orElse(current.frequency());
                    boolean same = frequency.equals(current.frequency());
                    Cadence cadence = cadence(frequency,
                            body.has("dayOfWeek") ? whole(body, "dayOfWeek") : same ? current.dayOfWeek() : null,
                            body.has("dayOfMonth") ? whole(body, "dayOfMonth") : same ? current.dayOfMonth() : null,
                            hour == null ? current.hour() : hour);
                    return ReportUnsubscribeStore.refuseReturning(sql, caller.agencyId(), clientId,
                                    recipients == null ? List.of()
                                            : ReportUnsubscribeStore.addedTo(current.recipients(), recipients))
                            .compose(allowed -> nextRun(sql, caller.agencyId(), clientId, cadence))
                            .compose(next -> ReportScheduleStore
                            .update(sql, caller.agencyId(), clientId, id, cadence,
                                    recipients == null ? current.recipients() : recipients,
                                    review(body, current.review()), next));
                })
                .compose(done -> ReportScheduleStore.one(sql, caller.agencyId(), clientId, id))).ok();
    }

    /** DELETE /api/clients/{id}/report-schedules/{scheduleId} */
    public void delete(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "scheduleId", "report schedule");
        scope.inClient(ctx, (caller, clientId, sql) -> ReportScheduleStore.delete(sql, caller.agencyId(), clientId, id))
                .noContent();
    }

    /**
     * POST /api/clients/{id}/report-schedules/{scheduleId}/send: the report of the last full period, to its
     * recipients now (without review: the caller is the reviewer). 202 with the delivery ids; 409 without mail.
     */
    public void send(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "scheduleId", "report schedule");
        Outbox outbox = reports.outbox();
        Instant now = outbox.clock().instant();
        scope.inClient(ctx, (caller, clientId, sql) -> ReportScheduleStore.one(sql, caller.agencyId(), clientId, id)
                // after the schedule is found: another agency's id is a 404 whatever the server's mail
                .map(schedule -> ScheduledReports.requireMail(outbox, schedule))
                .compose(schedule -> ReportScheduleStore.timeZone(sql, caller.agencyId(), clientId).compose(zone -> {
                    ScheduleTimes.Period period = ScheduleTimes.coveredBy(schedule.frequency(),
                            now.atZone(ZoneId.of(zone)).toLocalDate());
                    return reports.make(sql, caller.agencyId(), schedule, period)
                            .compose(made -> reports.send(sql, caller.agencyId(), schedule, period, made.clientName(),
                                    made.summary(), made.pdf(), "report-now:" + UUID.randomUUID()))
                            .map(ids -> new Sent(ids, period.from(), period.to(), outbox.mail()));
                }))).json(202);
    }

    /** GET /api/clients/{id}/report-unsubscribes: the addresses that left the client's reports by their link. */
    public void unsubscribed(RoutingContext ctx) {
        scope.inClient(ctx, (caller, clientId, sql) -> ReportUnsubscribeStore.list(sql, caller.agencyId(), clientId)).ok();
    }

    /**
     * DELETE /api/clients/{id}/report-unsubscribes?address=: the address may be added to the client's schedules
     * again (its owner asked); nobody is added by this alone.
     */
    public void allowAgain(RoutingContext ctx) {
        String address = ctx.queryParams().get("address");
        if (address == null || address.isBlank()) {
            throw ApiException.badRequest("address is required: the e-mail address to allow again");
        }
        if (!Email.deliverable(address.trim())) {
            throw ApiException.badRequest("address: not an e-mail address: " + address);
        }
        scope.inClient(ctx, (caller, clientId, sql) -> ReportUnsubscribeStore.remove(sql, caller.agencyId(), clientId,
                        address)
                .compose(removed -> ActivityStore.record(sql, caller, clientId, "report_schedule.resubscribed",
                        address.trim() + " may receive this client's reports again"))).noContent();
    }

    /** What "send now" answers: a delivery per recipient, the period the report covers. */
    record Sent(List<UUID> deliveries, LocalDate from, LocalDate to, Outbox.MailStatus mail) {
    }

    /** The first run after now in the client's time zone. */
    private Future<Instant> nextRun(SqlConnection sql, UUID agencyId, UUID clientId, Cadence cadence) {
        return ReportScheduleStore.timeZone(sql, agencyId, clientId).map(zone -> ScheduleTimes.nextRun(cadence,
                ZoneId.of(zone), reports.outbox().clock().instant()));
    }

    private static Cadence cadence(String frequency, Integer dayOfWeek, Integer dayOfMonth, int hour) {
        try {
            return new Cadence(frequency, dayOfWeek, dayOfMonth, hour);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static int requiredHour(JsonBody body) {
        Integer hour = whole(body, "hour");
        if (hour == null) {
            throw ApiException.badRequest("hour is required: 0 to 23, in the client's time zone");
        }
        return hour;
    }

    private static Integer whole(JsonBody body, String field) {
        Object value = body.raw(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer number)) {
            throw ApiException.badRequest(field + " must be a whole number");
        }
        return number;
    }

    private static boolean review(JsonBody body, boolean otherwise) {
        Object value = body.raw("review");
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof Boolean review)) {
            throw ApiException.badRequest("review must be true or false");
        }
        return review;
    }

    /** One to {@link Outbox#MAX_RECIPIENTS} e-mail addresses, repeats (in any case) counted once. */
    private static List<String> recipients(JsonBody body) {
        JsonArray given = body.requiredArray("recipients");
        List<String> raw = new ArrayList<>();
        for (Object item : given) {
            if (!(item instanceof String address) || !Email.deliverable(address.trim())) {
                throw ApiException.badRequest("recipients: not an e-mail address: " + item);
            }
            raw.add(address.trim());
        }
        Outbox.requireRecipientsWithin(raw);
        Set<String> seen = new LinkedHashSet<>();
        List<String> recipients = new ArrayList<>();
        for (String address : raw) {
            if (seen.add(address.toLowerCase(Locale.ROOT))) {
                recipients.add(address);
            }
        }
        if (recipients.isEmpty()) {
            throw ApiException.badRequest("recipients must list at least one e-mail address");
        }
        return recipients;
    }
}
