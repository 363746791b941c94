package com.zoomfactor.backend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    @Test
    void aFullUriIsParsedIntoItsParts() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://agency:s3cret@db.example.com:6432/zoomfactor");
        assertThat(url).isEqualTo(new DatabaseUrl("db.example.com", 6432, "zoomfactor", "agency", "s3cret"));
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6432/zoomfactor");
    }

    @Test
    void thePortDefaultsTo5432AndThePostgresSchemeIsAccepted() {
        assertThat(DatabaseUrl.parse("postgres://u@localhost/db").port()).isEqualTo(5432);
    }

    @Test
    void percentEncodedCredentialsAreDecodedAndPlusSignsKept() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://us%40er:p%3Aw+d@localhost:5432/db");
        assertThat(url.user()).isEqualTo("us@er");
        assertThat(url.password()).isEqualTo("p:w+d");
    }

    @Test
    void thePasswordNeverAppearsInToString() {
        assertThat(DatabaseUrl.parse("postgresql://u:topsecret@h:1/d").toString())
                .doesNotContain("topsecret")
                .isEqualTo("postgresql://u@h:1/d");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://u:p@h:5432/db",
        "postgresql://h:5432/db",
        "postgresql://u:p@h:5432/",
        "postgresql://u:p@:5432/db",
        "not a uri at all",
        "postgresql://u:p@h:99999/db"})
    void malformedUrisAreRefused(String uri) {
        assertThatThrownBy(() -> DatabaseUrl.parse(uri)).isInstanceOf(ConfigException.class);
    }
}
