package com.zoomfactor.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpaqueTokenTest {

    private final UUID agency = UUID.randomUUID();

    @Test
    void aTokenReadsBackAsItselfAndMatchesOnlyItsOwnHash() {
        OpaqueToken token = OpaqueToken.generate(OpaqueToken.API_TOKEN, agency);
        OpaqueToken read = OpaqueToken.parse(OpaqueToken.API_TOKEN, token.encode()).orElseThrow();
        assertThat(read.id()).isEqualTo(token.id());
        assertThat(read.agencyId()).isEqualTo(agency);
        assertThat(read.matches(token.secretHash())).isTrue();
        assertThat(read.matches(OpaqueToken.generate(OpaqueToken.API_TOKEN, agency).secretHash())).isFalse();
        assertThat(read.matches(null)).isFalse();
    }

    @Test
    void theVisiblePrefixIsTheStartOfTheTokenAndDiffersBetweenTokens() {
        OpaqueToken one = OpaqueToken.generate(OpaqueToken.API_TOKEN, agency);
        OpaqueToken two = OpaqueToken.generate(OpaqueToken.API_TOKEN, agency);
        assertThat(one.encode()).startsWith(one.visiblePrefix());
        assertThat(one.visiblePrefix()).hasSize("zfk_".length() + 8).isNotEqualTo(two.visiblePrefix());
    }

    @Test
    void aTokenOfAnotherKindIsNotRead() {
        String invitation = OpaqueToken.generate(OpaqueToken.INVITATION, agency).encode();
        assertThat(OpaqueToken.parse(OpaqueToken.API_TOKEN, invitation)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "zfk_", "zfk_***", "zfk_AAAA", "Bearer zfk_x", "eyJhbGciOiJIUzI1NiJ9.e30.x"})
    void malformedTextIsNotAToken(String text) {
        assertThat(OpaqueToken.parse(OpaqueToken.API_TOKEN, text)).isEmpty();
    }

    @Test
    void onlyTheCanonicalSpellingIsAccepted() {
        String text = OpaqueToken.generate(OpaqueToken.API_TOKEN, agency).encode();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(text.charAt(text.length() - 1));
        // the last character carries 2 bits of data and 4 of padding: flipping a padding bit keeps the bytes
        String sameBytes = text.substring(0, text.length() - 1) + alphabet.charAt(last ^ 1);
        assertThat(java.util.Base64.getUrlDecoder().decode(sameBytes.substring(4)))
                .isEqualTo(java.util.Base64.getUrlDecoder().decode(text.substring(4)));
        assertThat(OpaqueToken.parse(OpaqueToken.API_TOKEN, sameBytes)).isEmpty();
    }
}
