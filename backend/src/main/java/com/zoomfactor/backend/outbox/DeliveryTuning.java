package com.zoomfactor.backend.outbox;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How the delivery worker paces itself: how often it looks for due deliveries, how long a claim lasts, how many it
 * sends at once, how long it waits between attempts (exponential, with jitter) and how many it makes.
 *
 * @param pollMs        between looks for due deliveries when the last look found none
 * @param leaseMs       how long a claimed delivery stays with its worker (longer than any send may take)
 * @param batch         deliveries sent at once by one server
 * @param firstRetryMs  the wait after the first failed attempt; it doubles with each attempt
 * @param maxRetryMs    the longest wait between attempts
 * @param maxAttempts   attempts before a delivery is failed for good
 * @param sendTimeoutMs connecting and answering, per attempt (SMTP and HTTP)
 */
public record DeliveryTuning(long pollMs, int leaseMs, int batch, long firstRetryMs, long maxRetryMs, int maxAttempts,
                             int sendTimeoutMs) {

    /** Attempts after 30 s, 1, 2, 4 … minutes, up to 6 h apart, 10 in all (about 17 hours). */
    public static final DeliveryTuning DEFAULT = new DeliveryTuning(1_000, 120_000, 16, 30_000, 6 * 3_600_000L, 10,
            30_000);

    public DeliveryTuning {
        if (leaseMs <= 2L * sendTimeoutMs) {
            throw new IllegalArgumentException("a lease must outlast a send (connect and answer) with room to settle");
        }
        if (maxAttempts < 1 || maxAttempts > 50 || batch < 1 || pollMs < 1 || firstRetryMs < 1) {
            throw new IllegalArgumentException("not a usable tuning: " + this);
        }
    }

    /** The wait after attempt {@code attempt} (1 for the first) failed: doubling, capped, ± 10 % so retries spread. */
    public long retryDelayMs(int attempt) {
        double exact = Math.min((double) maxRetryMs, firstRetryMs * Math.pow(2, Math.max(0, attempt - 1)));
        return Math.max(1, Math.round(exact * ThreadLocalRandom.current().nextDouble(0.9, 1.1)));
    }
}
