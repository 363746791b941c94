package com.zoomfactor.backend.outbox;

import com.zoomfactor.backend.config.AppConfig;
import com.zoomfactor.backend.config.HostAllowList;
import com.zoomfactor.backend.config.MailSettings;
import com.zoomfactor.backend.db.Tenancy;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: claims due deliveries in every agency (a lease, so that several servers share the work and a
 * dead server's claims come due again), sends each (SMTP or HTTP), logs the attempt and settles it: delivered, due
 * again after an exponential wait, or failed for good after the last attempt or a permanent refusal. Each delivery
 * carries its row's id as its idempotency key, so a receiver can tell a retry from a new message. Stopping lets the
 * sends under way finish and settle, so a graceful restart repeats nothing.
 */
public final class DeliveryWorker {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Vertx vertx;
    private final Tenancy tenancy;
    private final Outbox outbox;
    private final Optional<MailSettings> mailSettings;
    private final HostAllowList webhookHosts;
    private Senders senders;
    /** Settled deliveries are kept this long (the log answers "what happened lately", it is no archive). */
    static final int KEEP_DAYS = 90;
    /** How often old deliveries are pruned. */
    static final long PRUNE_EVERY_MS = 3_600_000;

    /** How long a stop waits for the sends under way. */
    static final long STOP_GRACE_MS = 10_000;

    private volatile Future<?> current = Future.succeededFuture();
    private volatile boolean stopped;
    private long timer = -1;
    private long pruning = -1;
    private boolean looking;

    public DeliveryWorker(Vertx vertx, Tenancy tenancy, Outbox outbox, AppConfig config) {
        this.vertx = vertx;
        this.tenancy = tenancy;
        this.outbox = outbox;
        this.mailSettings = config.mail();
        this.webhookHosts = config.webhookAllowedHosts();
    }

    /** The SMTP and HTTP clients, made with the send timeout of the tuning in force. */
    private record Senders(int timeoutMs, Optional<MailSender> mail, WebhookSender webhooks) {

        void close() {
            mail.ifPresent(MailSender::close);
            webhooks.close();
        }
    }

    /** The clients for this tuning's timeout (made again when a test changes it; the old ones are closed). */
    private Senders senders(DeliveryTuning tuning) {
        if (senders == null || senders.timeoutMs() != tuning.sendTimeoutMs()) {
            if (senders != null) {
                senders.close();
            }
            int timeout = tuning.sendTimeoutMs();
            senders = new Senders(timeout, mailSettings.map(settings -> new MailSender(vertx, settings, timeout)),
                    new WebhookSender(vertx, webhookHosts, timeout, Clock.systemUTC()));
        }
        return senders;
    }

    /** Starts looking for due deliveries, at once and then every poll interval. */
    public void start() {
        vertx.runOnContext(v -> look());
        pruning = vertx.setPeriodic(PRUNE_EVERY_MS, id -> tenancy.outsideAnyAgency(sql -> OutboxStore.prune(sql, KEEP_DAYS))
                .onSuccess(gone -> {
                    if (gone > 0) {
                        LOG.info("Pruned {} deliveries settled more than {} days ago", gone, KEEP_DAYS);
                    }
                })
                .onFailure(failure -> LOG.warn("Pruning old deliveries failed: {}", failure.getMessage())));
    }

    private void schedule(long delayMs) {
        if (!stopped) {
            timer = vertx.setTimer(delayMs, id -> look());
        }
    }

    /** One look: claims a batch, delivers it, and looks again at once when the batch was full. */
    private void look() {
        if (stopped || looking) {
            return;
        }
        looking = true;
        DeliveryTuning tuning = outbox.tuning();
        Senders using = senders(tuning);
        current = tenancy.outsideAnyAgency(sql -> OutboxStore.claim(sql, tuning.leaseMs(), tuning.batch()))
                .compose(claimed -> Future.join(claimed.stream().map(one -> deliver(one, tuning, using)).toList())
                        .map(all -> claimed.size()))
                .onComplete(done -> {
                    looking = false;
                    if (done.failed() && !stopped) {
                        LOG.warn("Looking for due deliveries failed: {}", done.cause().getMessage());
                    }
                    boolean full = done.succeeded() && done.result() >= tuning.batch();
                    schedule(full ? 1 : tuning.pollMs());
                });
    }

    private Future<Void> deliver(OutboxStore.Claimed claimed, DeliveryTuning tuning, Senders using) {
        return tenancy.inAgency(claimed.agencyId(), sql -> OutboxStore.load(sql, claimed.agencyId(), claimed.id()))
                .compose(found -> {
                    if (found.isEmpty()) {
                        return Future.<Void>succeededFuture(); // settled meanwhile
                    }
                    OutboxStore.Pending delivery = found.get();
                    long started = System.nanoTime();
                    Future<Attempted> attempted = delivery.isEmail()
                            ? using.mail().map(m -> m.send(delivery)).orElseGet(() -> Future.succeededFuture(
                                    Attempted.failed(null, "mail is not configured (ZF_SMTP_URL)", false)))
                            : using.webhooks().send(delivery);
                    return attempted.compose(result -> settle(claimed, delivery, result,
                            (int) ((System.nanoTime() - started) / 1_000_000), tuning));
                })
                .onFailure(failure -> LOG.warn("Delivery {} could not be settled now (it comes due again): {}",
                        claimed.id(), failure.getMessage()));
    }

    private Future<Void> settle(OutboxStore.Claimed claimed, OutboxStore.Pending delivery, Attempted result,
                                int durationMs, DeliveryTuning tuning) {
        OutboxStore.Outcome outcome = result.delivered() ? OutboxStore.Outcome.DELIVERED
                : result.permanent() || delivery.attempt() >= delivery.maxAttempts() ? OutboxStore.Outcome.FAILED
                : OutboxStore.Outcome.RETRY;
        if (outcome == OutboxStore.Outcome.FAILED) {
            LOG.warn("Delivery {} ({} {}) failed after {} attempt(s): {}", delivery.id(), delivery.channel(),
                    delivery.kind(), delivery.attempt(), result.error());
        }
        return tenancy.inAgency(claimed.agencyId(), sql -> OutboxStore.settle(sql, claimed.agencyId(), delivery.id(),
                delivery.attempt(), result.status(), result.error(), durationMs, outcome,
                tuning.retryDelayMs(delivery.attempt())));
    }

    /**
     * Stops claiming; completes when the sends under way have finished and settled, or after {@link #STOP_GRACE_MS}
     * (a receiver that never answers must not hold a stop for its whole timeout: such a delivery stays claimed until
     * its lease ends, and is sent again, with the same idempotency key).
     */
    public Future<Void> stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (pruning >= 0) {
            vertx.cancelTimer(pruning);
        }
        Promise<Void> done = Promise.promise();
        long grace = vertx.setTimer(STOP_GRACE_MS, id -> done.tryComplete());
        current.onComplete(all -> {
            vertx.cancelTimer(grace);
            done.tryComplete();
        });
        return done.future().andThen(stopped -> {
            if (senders != null) {
                senders.close();
            }
        });
    }
}
