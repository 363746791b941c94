package com.zoomfactor.backend.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The relay's pauses between reconnect attempts (its reconnecting itself is in resilience.DatabaseRestartTest). */
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
}
