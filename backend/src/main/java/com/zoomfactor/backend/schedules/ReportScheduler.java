package com.zoomfactor.backend.schedules;

import com.zoomfactor.backend.outbox.PeriodicLook;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the scheduled reports that are due: every server looks now and then, claims due schedules (each by one server
 * at a time, for a lease), and for each makes the report of the last full period in the client's time zone, enqueues
 * it (or queues it for review) and moves the schedule to its next run, in one transaction. A server that dies
 * mid-report leaves the claim to expire; the next try enqueues nothing twice (one cause per schedule and period).
 * Time is the outbox's clock, so tests can move to the hour.
 */
public final class ReportScheduler {

    /** How long a claim holds: far longer than making one report takes. */
    static final long LEASE_MS = 10 * 60_000;
    /** Schedules claimed per look; the rest wait for the next look. */
    static final int BATCH = 20;

    private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);

    private final Tenancy tenancy;
    private final ScheduledReports reports;
    private final PeriodicLook looks;

    public ReportScheduler(Vertx vertx, Tenancy tenancy, ScheduledReports reports) {
        this.tenancy = tenancy;
        this.reports = reports;
        this.looks = new PeriodicLook(vertx, reports.outbox(), this::runOnce, LOG, "Looking for due report schedules");
    }

    /** Looks now and then every 30 poll intervals of the outbox (30 s by default); nothing without e-mail. */
    public void start() {
        looks.start();
    }

    /** Runs the schedules due now; how many were run (sent or queued for review). */
    public Future<Integer> runOnce() {
        Instant now = reports.outbox().clock().instant();
        return tenancy.outsideAnyAgency(sql -> ReportScheduleStore.claim(sql, now, LEASE_MS, BATCH)).compose(due -> {
            Future<Integer> chain = Future.succeededFuture(0);
            for (ReportScheduleStore.Claimed one : due) {
                chain = chain.compose(ran -> tenancy.inAgency(one.agencyId(), sql -> run(sql, one, now))
                        .map(done -> ran + 1)
                        .recover(failure -> {
                            // the claim expires with its lease and the schedule is tried again then
                            LOG.warn("Scheduled report {} failed: {}", one.id(), failure.getMessage());
                            return Future.succeededFuture(ran);
                        }));
            }
            return chain;
        });
    }

    private Future<Void> run(SqlConnection sql, ReportScheduleStore.Claimed claimed, Instant now) {
        Outbox outbox = reports.outbox();
        return ReportScheduleStore.byId(sql, claimed.agencyId(), claimed.id()).compose(schedule -> ReportScheduleStore
                .timeZone(sql, claimed.agencyId(), schedule.clientId()).compose(zoneName -> {
                    ZoneId zone = ZoneId.of(zoneName);
                    // the run due covers the period before its own local day, however late it is made
                    ScheduleTimes.Period period = ScheduleTimes.coveredBy(schedule.frequency(),
                            claimed.dueAt().atZone(zone).toLocalDate());
                    // a server down for weeks sends the latest period only, not every one it missed
                    Instant next = ScheduleTimes.nextRun(schedule.cadence(), zone,
                            now.isAfter(claimed.dueAt()) ? now : claimed.dueAt());
                    return reports.make(sql, claimed.agencyId(), schedule, period)
                            .compose(made -> schedule.review()
                                    ? ReportReviewStore.insert(sql, claimed.agencyId(), schedule.clientId(),
                                            schedule.id(), period.from(), period.to(), made.summary(), made.pdf())
                                    : reports.send(sql, claimed.agencyId(), schedule, period, made.clientName(),
                                            made.summary(), made.pdf(), ScheduledReports.periodCause(schedule.id(),
                                                    period)).<Void>mapEmpty())
                            .compose(done -> ReportScheduleStore.advance(sql, claimed.agencyId(), schedule.id(),
                                    claimed.dueAt(), next));
                }))
                .recover(failure -> failure instanceof ApiException gone && gone.status() == 404
                        ? Future.succeededFuture() // deleted since it was claimed
                        : Future.failedFuture(failure));
    }

    /** Stops looking; completes when a look under way has ended. */
    public Future<Void> stop() {
        return looks.stop();
    }
}
