package com.zoomfactor.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggedPathTest {

    @Test
    void credentialsInAPathAreCutToTheirPrefix() {
        assertThat(LoggedPath.redact("/api/shared/zfs_abc.def_ghi")).isEqualTo("/api/shared/zfs_…");
        assertThat(LoggedPath.redact("/api/shared/zfs_abc/unlock")).isEqualTo("/api/shared/zfs_…/unlock");
        assertThat(LoggedPath.redact("/shared/zfs_secret")).isEqualTo("/shared/zfs_…");
        assertThat(LoggedPath.redact("/api/tokens/zfk_x")).isEqualTo("/api/tokens/zfk_…");
    }

    @Test
    void otherPathsAreLoggedAsTheyAre() {
        assertThat(LoggedPath.redact("/api/clients/6f1c/goals")).isEqualTo("/api/clients/6f1c/goals");
        assertThat(LoggedPath.redact("/api/zfs")).isEqualTo("/api/zfs");
        assertThat(LoggedPath.redact("/api/clients/azfs_x")).isEqualTo("/api/clients/azfs_x");
    }
}
