package com.zoomfactor.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceHealthTest {

    @Test
    void aServerWhoseDatabaseAnswersIsOkAndUp() {
        ServiceHealth health = ServiceHealth.of(true, "1.2.3");
        assertThat(health.status()).isEqualTo(ServiceHealth.Status.OK);
        assertThat(health.db()).isEqualTo(ServiceHealth.DatabaseState.UP);
        assertThat(health.version()).isEqualTo("1.2.3");
        assertThat(health.healthy()).isTrue();
    }

    @Test
    void aServerWhoseDatabaseIsSilentIsUnavailableAndDown() {
        ServiceHealth health = ServiceHealth.of(false, "1.2.3");
        assertThat(health.status()).isEqualTo(ServiceHealth.Status.UNAVAILABLE);
        assertThat(health.db()).isEqualTo(ServiceHealth.DatabaseState.DOWN);
        assertThat(health.healthy()).isFalse();
    }

    @Test
    void okWithTheDatabaseDownIsAContradictionAndRefused() {
        assertThatThrownBy(() -> new ServiceHealth(ServiceHealth.Status.OK, ServiceHealth.DatabaseState.DOWN, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wireNamesAreLowerCase() {
        assertThat(ServiceHealth.Status.OK.wire()).isEqualTo("ok");
        assertThat(ServiceHealth.Status.UNAVAILABLE.wire()).isEqualTo("unavailable");
        assertThat(ServiceHealth.DatabaseState.UP.wire()).isEqualTo("up");
        assertThat(ServiceHealth.DatabaseState.DOWN.wire()).isEqualTo("down");
    }
}
