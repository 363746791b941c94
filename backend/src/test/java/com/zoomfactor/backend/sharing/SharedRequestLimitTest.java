package com.zoomfactor.backend.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SharedRequestLimitTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final SharedRequestLimit limit = new SharedRequestLimit(now::get);

    @Test
    void aLinkIsReadAHundredAndTwentyTimesAMinuteThenWaitsForTheMinuteToEnd() {
        UUID link = UUID.randomUUID();
        for (int i = 0; i < SharedRequestLimit.PER_MINUTE; i++) {
            assertThat(limit.acquire(link)).isZero();
        }
        now.addAndGet(20_000);
        assertThat(limit.acquire(link)).isEqualTo(40);
        // another link is counted apart
        assertThat(limit.acquire(UUID.randomUUID())).isZero();
        now.addAndGet(40_000);
        assertThat(limit.acquire(link)).as("a new minute").isZero();
    }

    @Test
    void finishedMinutesAreForgottenWhenManyLinksAreCounted() {
        for (int i = 0; i < SharedRequestLimit.MAX_KEYS; i++) {
            limit.acquire(UUID.randomUUID());
        }
        now.addAndGet(SharedRequestLimit.WINDOW_MS + 2_000);
        UUID link = UUID.randomUUID();
        assertThat(limit.acquire(link)).isZero();
        for (int i = 1; i < SharedRequestLimit.PER_MINUTE; i++) {
            assertThat(limit.acquire(link)).isZero();
        }
        assertThat(limit.acquire(link)).isPositive();
    }

    @Test
    void failuresAreCountedPerAddressAndNeverUseUpALinksReads() {
        UUID link = UUID.randomUUID();
        for (int i = 0; i < SharedRequestLimit.FAILURES_PER_MINUTE; i++) {
            limit.failed("203.0.113.9");
            assertThat(limit.failureWait("203.0.113.9")).isZero();
        }
        limit.failed("203.0.113.9");
        now.addAndGet(15_000);
        assertThat(limit.failureWait("203.0.113.9")).isEqualTo(45);
        assertThat(limit.failureWait("198.51.100.1")).as("another address").isZero();
        assertThat(limit.acquire(link)).as("the link's own reads are untouched").isZero();
        now.addAndGet(45_000);
        assertThat(limit.failureWait("203.0.113.9")).as("a new minute").isZero();
    }
}
