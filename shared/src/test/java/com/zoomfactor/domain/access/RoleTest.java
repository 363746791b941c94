package com.zoomfactor.domain.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleTest {

    @ParameterizedTest(name = "{0} may manage {1}: {2}")
    @CsvSource({
        "OWNER,OWNER,true", "OWNER,ADMIN,true", "OWNER,ANALYST,true", "OWNER,VIEWER,true",
        "ADMIN,OWNER,false", "ADMIN,ADMIN,true", "ADMIN,ANALYST,true", "ADMIN,VIEWER,true",
        "ANALYST,OWNER,false", "ANALYST,ADMIN,false", "ANALYST,ANALYST,false", "ANALYST,VIEWER,false",
        "VIEWER,OWNER,false", "VIEWER,ADMIN,false", "VIEWER,ANALYST,false", "VIEWER,VIEWER,false"})
    void whoMayManageWhom(Role actor, Role target, boolean allowed) {
        assertThat(actor.mayManage(target)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({"owner,OWNER", " Admin ,ADMIN", "analyst,ANALYST", "VIEWER,VIEWER"})
    void keysAreFoundWhateverTheirCase(String key, Role role) {
        assertThat(Role.find(key)).contains(role);
    }

    @ParameterizedTest
    @CsvSource({"superuser", "''", "client"})
    void unknownKeysAreNotRoles(String key) {
        assertThat(Role.find(key)).isEmpty();
    }
}
