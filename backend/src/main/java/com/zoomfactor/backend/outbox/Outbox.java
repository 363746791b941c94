package com.zoomfactor.backend.outbox;

import com.zoomfactor.backend.config.AppConfig;
import com.zoomfactor.backend.config.HostAllowList;
import com.zoomfactor.backend.http.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * What the rest of the server uses to send e-mail and call webhooks: enqueue inside the transaction of the change
 * that causes the delivery (committed with it, or not at all), once per cause (its {@code dedupeKey}); the
 * {@link DeliveryWorker} delivers. Without {@code ZF_SMTP_URL} nothing is enqueued as e-mail and {@link #mail()} says
 * so, for the API to answer it.
 *
 * <p>A scheduled report, say, enqueues its e-mail with the PDF attached:
 * <pre>{@code outbox.enqueue(sql, agencyId, clientId, "report", "report:" + scheduleId + ":" + period,
 *     MailLayout.compose(to, subject, heading, paragraphs, action, settingsUrl)
 *         .attach(new Attachment("report.pdf", "application/pdf", pdf)))}</pre>
 */
public final class Outbox {

    /** Whether e-mail is configured, as API answers carry it ({@code "mail": {"configured": false}}). */
    public record MailStatus(boolean configured) {
    }

    /** A message goes to at most this many people at once (a report's recipients, say); more is a client mistake. */
    public static final int MAX_RECIPIENTS = 100;

    private final boolean mailConfigured;
    private final Optional<URI> appUrl;
    private final HostAllowList webhookHosts;
    private volatile DeliveryTuning tuning = DeliveryTuning.DEFAULT;
    private volatile Clock clock = Clock.systemUTC();

    public Outbox(AppConfig config) {
        this.mailConfigured = config.mail().isPresent();
        this.appUrl = config.publicUrl();
        this.webhookHosts = config.webhookAllowedHosts();
    }

    public MailStatus mail() {
        return new MailStatus(mailConfigured);
    }

    /** The absolute link to a page of the app, for a message (e-mail is only enqueued with a public URL configured). */
    public String link(String path) {
        return appUrl.map(URI::toString).orElse("") + path;
    }

    /** The non-public hosts webhooks may reach ({@code ZF_WEBHOOK_ALLOWED_HOSTS}). */
    public HostAllowList webhookHosts() {
        return webhookHosts;
    }

    /**
     * Enqueues the e-mail in the caller's transaction, unless this cause already did; nothing when mail is not
     * configured. The delivery's id, or empty.
     */
    public Future<Optional<UUID>> enqueue(SqlConnection sql, UUID agencyId, UUID clientId, String kind,
                                          String dedupeKey, Email email) {
        if (!mailConfigured) {
            return Future.succeededFuture(Optional.empty());
        }
        return OutboxStore.enqueueEmail(sql, agencyId, clientId, kind, dedupeKey, email, tuning.maxAttempts());
    }

    /** Enqueues a call of a webhook with this body in the caller's transaction, unless this cause already did. */
    public Future<Optional<UUID>> enqueueWebhook(SqlConnection sql, UUID agencyId, UUID clientId, UUID webhookId,
                                                 String url, String event, String dedupeKey, String body) {
        return OutboxStore.enqueueWebhook(sql, agencyId, clientId, webhookId, url, event, dedupeKey, body,
                tuning.maxAttempts());
    }

    /**
     * Refuses a list of recipients longer than {@link #MAX_RECIPIENTS} (a 400 naming the limit): one message is not a
     * mailing list.
     */
    public static void requireRecipientsWithin(Collection<String> recipients) {
        if (recipients.size() > MAX_RECIPIENTS) {
            throw ApiException.badRequest("at most " + MAX_RECIPIENTS
                    + " recipients per message, got " + recipients.size());
        }
    }

    public DeliveryTuning tuning() {
        return tuning;
    }

    /** Replaces the pacing (tests shorten the waits between attempts). */
    public void tune(DeliveryTuning replacement) {
        this.tuning = replacement;
    }

    /** The time deliveries and digests go by: the system's, or a test's. */
    public Clock clock() {
        return clock;
    }

    /** Replaces the clock (tests move the day forward to the digest's hour). */
    public void useClock(Clock replacement) {
        this.clock = replacement;
    }
}
