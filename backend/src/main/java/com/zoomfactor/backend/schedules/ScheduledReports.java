package com.zoomfactor.backend.schedules;

import com.zoomfactor.backend.clients.ClientStore;
import com.zoomfactor.backend.goals.GoalForecasts;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.outbox.Attachment;
import com.zoomfactor.backend.outbox.MailLayout;
import com.zoomfactor.backend.outbox.Outbox;
import com.zoomfactor.backend.reports.ReportMaker;
import com.zoomfactor.backend.scores.ScoreService;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes a schedule's report for a period (the PDF and the summary in words) and either enqueues it, one e-mail per
 * recipient with the PDF attached, or queues it for review. All in the caller's transaction: the e-mails commit with
 * whatever caused them (the schedule moving on, an approval), and each goes once per schedule, period and recipient.
 */
public final class ScheduledReports {

    /** Where a recipient stops a report (the SPA's confirm page; a POST there is the one-click unsubscribe). */
    public static final String UNSUBSCRIBE_PATH = "/unsubscribe";

    /** A report made: its summary and PDF, and the client's name. */
    record Made(String clientName, String summary, byte[] pdf) {
    }

    private final Outbox outbox;
    private final ReportMaker maker;
    private final ScoreService scores;
    private final GoalForecasts goals;
    private final UnsubscribeTokens unsubscribes;

    public ScheduledReports(Outbox outbox, ReportMaker maker, ScoreService scores, GoalForecasts goals,
                            UnsubscribeTokens unsubscribes) {
        this.outbox = outbox;
        this.unsubscribes = unsubscribes;
        this.maker = maker;
        this.scores = scores;
        this.goals = goals;
    }

    public Outbox outbox() {
        return outbox;
    }

    UnsubscribeTokens unsubscribes() {
        return unsubscribes;
    }

    /** The report of the period: the score at its end against the one at the previous period's end, goals, PDF. */
    Future<Made> make(SqlConnection sql, UUID agencyId, ReportSchedule schedule, ScheduleTimes.Period period) {
        UUID clientId = schedule.clientId();
        return ClientStore.name(sql, agencyId, clientId).compose(name -> scores.scoreIn(sql, agencyId, clientId,
                        period.to())
                .compose(now -> scores.scoreIn(sql, agencyId, clientId, period.previousTo())
                        .compose(before -> goals.all(sql, agencyId, clientId)
                                .map(goalList -> ReportSummary.write(schedule.frequency(), period, now.score(),
                                        before.score(), goalList))))
                .compose(summary -> maker.pdf(sql, agencyId, clientId, period.from(), period.to())
                        .map(pdf -> new Made(name.orElse("the client"), summary, pdf))));
    }

    /**
     * Enqueues the report to every recipient; {@code cause} names what sends it (a schedule's period, or one "send
     * now"), so the same cause never sends twice. The delivery ids (empty without mail configured, or when sent).
     */
    Future<List<UUID>> send(SqlConnection sql, UUID agencyId, ReportSchedule schedule, ScheduleTimes.Period period,
                            String clientName, String summary, byte[] pdf, String cause) {
        String span = Cadence.WEEKLY.equals(schedule.frequency()) ? "Weekly" : "Monthly";
        String subject = span + " report for " + oneLine(clientName) + ": " + period.from() + " to " + period.to();
        List<String> paragraphs = Arrays.asList(summary.split("\\n\\s*\\n"));
        Attachment file = new Attachment(ReportMaker.filename(clientName, period.from(), period.to(), "pdf"),
                "application/pdf", pdf);
        List<UUID> ids = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (String to : schedule.recipients()) {
            chain = chain.compose(done -> outbox.enqueue(sql, agencyId, schedule.clientId(), "report",
                            cause + ":" + fingerprint(to),
                            MailLayout.composeUnsubscribable(to, subject, oneLine(clientName) + ": your "
                                            + span.toLowerCase(Locale.ROOT) + " report", paragraphs,
                                    new MailLayout.Action("Open the dashboard",
                                            outbox.link("/clients/" + schedule.clientId())),
                                    // recipients have no account: their own signed link, not the settings page
                                    outbox.link(UNSUBSCRIBE_PATH + "?token="
                                            + unsubscribes.issue(agencyId, schedule.id(), to)))
                                    .attach(file))
                    .map(id -> {
                        id.ifPresent(ids::add);
                        return null;
                    }));
        }
        return chain.map(ids);
    }

    /** {@code value}, when e-mail is configured; a 409 saying it is not otherwise (nothing could be sent). */
    static <T> T requireMail(Outbox outbox, T value) {
        if (!outbox.mail().configured()) {
            throw ApiException.conflict("E-mail is not configured on this server (ZF_SMTP_URL): no report can be sent");
        }
        return value;
    }

    /** The cause of a schedule's report of a period: the same run, however often tried, is one e-mail each. */
    static String periodCause(UUID scheduleId, ScheduleTimes.Period period) {
        return "report:" + scheduleId + ":" + period.from();
    }

    /** A recipient in a dedupe key: short and fixed in length, whatever the address. */
    private static String fingerprint(String address) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String oneLine(String text) {
        return Optional.ofNullable(text).orElse("").replaceAll("[\\r\\n]+", " ");
    }
}
