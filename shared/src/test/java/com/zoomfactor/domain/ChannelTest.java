package com.zoomfactor.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ChannelTest {

    @ParameterizedTest
    @CsvSource({"website,WEBSITE", "twitter,TWITTER", " LinkedIn ,LINKEDIN", "search,SEARCH", "newsletter,NEWSLETTER"})
    void knownKeysAreFoundWhateverTheirCaseAndSpacing(String key, Channel expected) {
        assertThat(Channel.of(key)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "myspace", "web site"})
    void unknownKeysAreRefusedWithTheListOfKnownOnes(String key) {
        assertThat(Channel.find(key)).isEmpty();
        assertThatThrownBy(() -> Channel.of(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("website, twitter, facebook, linkedin");
    }

    @Test
    void everyKeyIsUniqueAndLowerCase() {
        assertThat(java.util.Arrays.stream(Channel.values()).map(Channel::key))
                .doesNotHaveDuplicates()
                .allMatch(k -> k.equals(k.toLowerCase(java.util.Locale.ROOT)));
    }

    @Test
    void nullIsNotAChannel() {
        assertThat(Channel.find(null)).isEmpty();
    }
}
