package com.zoomfactor.domain.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void eightToOneHundredTwentyEightCharactersAreAccepted() {
        assertThat(PasswordPolicy.problem("12345678")).isEmpty();
        assertThat(PasswordPolicy.problem("x".repeat(128))).isEmpty();
    }

    @Test
    void shorterOrLongerPasswordsAreRefusedWithTheReason() {
        assertThat(PasswordPolicy.problem("1234567")).get().asString().contains("at least 8");
        assertThat(PasswordPolicy.problem("x".repeat(129))).get().asString().contains("at most 128");
        assertThat(PasswordPolicy.problem(null)).isPresent();
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        // eight emoji are eight characters even though each takes two UTF-16 units
        assertThat(PasswordPolicy.problem("\uD83D\uDE00".repeat(8))).isEmpty();
        assertThat(PasswordPolicy.problem("\uD83D\uDE00".repeat(4))).isPresent();
    }
}
