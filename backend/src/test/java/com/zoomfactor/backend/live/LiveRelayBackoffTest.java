package com.zoomfactor.backend.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The live channel's pauses while the database is away: the relay's between reconnect attempts, a subscription's between
 * tries (reconnecting itself is in resilience.DatabaseRestartTest).
 */
class LiveRelayBackoffTest {

    @Test
    void theRelayRetriesSoonThenLessOftenButNeverGivesUp() {
        assertThat(LiveRelay.reconnectDelay(0)).isEqualTo(LiveRelay.RECONNECT_MS);
        assertThat(LiveRelay.reconnectDelay(1)).isEqualTo(2 * LiveRelay.RECONNECT_MS);
        assertThat(LiveRelay.reconnectDelay(2)).isEqualTo(4 * LiveRelay.RECONNECT_MS);
        assertThat(LiveRelay.reconnectDelay(10)).isEqualTo(LiveRelay.MAX_RECONNECT_MS);
        // a negative delay would make the subscriber give up; a long outage must not overflow into one
        assertThat(LiveRelay.reconnectDelay(Integer.MAX_VALUE)).isEqualTo(LiveRelay.MAX_RECONNECT_MS);
    }

    @Test
    void aWaitingSubscriptionTriesLessAndLessOftenAtJitteredMoments() {
        for (int waited = 0; waited < 40; waited++) {
            long ceiling = Math.min(LiveSession.MAX_SUBSCRIBE_RETRY_MS, LiveSession.SUBSCRIBE_RETRY_MS << Math.min(waited, 16));
            for (int sample = 0; sample < 50; sample++) {
                assertThat(LiveSession.subscribeRetryDelay(waited)).as("try %d", waited).isBetween(ceiling / 2, ceiling);
            }
        }
        assertThat(LiveSession.subscribeRetryDelay(Integer.MAX_VALUE)).isBetween(LiveSession.MAX_SUBSCRIBE_RETRY_MS / 2,
                LiveSession.MAX_SUBSCRIBE_RETRY_MS);
        long distinct = java.util.stream.IntStream.range(0, 100).mapToLong(i -> LiveSession.subscribeRetryDelay(3)).distinct().count();
        assertThat(distinct).as("spread out, not all at once").isGreaterThan(10);
    }
}
