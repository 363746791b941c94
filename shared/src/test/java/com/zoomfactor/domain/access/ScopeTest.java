package com.zoomfactor.domain.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void theDocumentedScopesExistUnderTheirPublicKeys() {
        assertThat(Scope.find("read")).contains(Scope.READ);
        assertThat(Scope.find("metrics:write")).contains(Scope.METRICS_WRITE);
        assertThat(Scope.find("admin")).contains(Scope.ADMIN);
        assertThat(Scope.find("write")).isEmpty();
        assertThat(Scope.knownKeys()).isEqualTo("read, metrics:write, admin");
    }
}
