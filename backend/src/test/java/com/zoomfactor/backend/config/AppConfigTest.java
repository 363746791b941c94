package com.zoomfactor.backend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppConfigTest {

    @Test
    void anEmptyEnvironmentGivesTheDocumentedDefaults() {
        AppConfig config = AppConfig.fromEnvironment(Map.of());
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".zoomfactor"));
        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.embeddedDbPort()).isEmpty();
    }

    @Test
    void everySettingIsRead() {
        AppConfig config = AppConfig.fromEnvironment(Map.of(
                "ZF_PORT", "9090",
                "ZF_DATA_DIR", "/var/lib/zf",
                "ZF_DATABASE_URL", "postgresql://zf:secret@db.internal:6543/zoom",
                "ZF_EMBEDDED_DB_PORT", "15432"));
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/zf"));
        assertThat(config.databaseUrl()).contains(new DatabaseUrl("db.internal", 6543, "zoom", "zf", "secret"));
        assertThat(config.embeddedDbPort()).isEqualTo(OptionalInt.of(15432));
    }

    @Test
    void blankValuesCountAsAbsent() {
        AppConfig config = AppConfig.fromEnvironment(Map.of("ZF_PORT", " ", "ZF_DATABASE_URL", ""));
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.databaseUrl()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"eighty", "-1", "65536", "80.5"})
    void aBadPortIsRefusedNamingTheVariable(String value) {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("ZF_PORT", value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ZF_PORT");
    }

    @Test
    void theEmbeddedDatabaseCannotUsePortZero() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("ZF_EMBEDDED_DB_PORT", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ZF_EMBEDDED_DB_PORT");
    }

    @Test
    void aBadDatabaseUrlIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("ZF_DATABASE_URL", "mysql://x@y/z")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ZF_DATABASE_URL: ");
    }

    @Test
    void thePublicUrlIsReadWithoutItsTrailingSlash() {
        assertThat(AppConfig.fromEnvironment(Map.of()).publicUrl()).isEmpty();
        AppConfig config = AppConfig.fromEnvironment(Map.of("ZF_PUBLIC_URL", "https://ZF.example.com:8443/app/"));
        assertThat(config.publicUrl().orElseThrow().toString()).isEqualTo("https://ZF.example.com:8443/app");
        assertThat(AppConfig.fromEnvironment(Map.of("ZF_PUBLIC_URL", "http://localhost:8080")).publicUrl()
                .orElseThrow().toString()).isEqualTo("http://localhost:8080");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zf.example.com", "ftp://zf.example.com", "https://", "javascript:alert(1)",
            "https://zf.example.com/?next=x", "https://zf.example.com/#top", "https://user:pw@zf.example.com",
            "https://zf example.com", "/relative/path", "mailto:ops@zf.example.com"})
    void aPublicUrlThatIsNotAPlainHttpUrlIsRefusedNamingTheVariable(String value) {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("ZF_PUBLIC_URL", value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ZF_PUBLIC_URL");
    }

    @Test
    void aProxyIsTrustedOnlyWhenSaidSo() {
        assertThat(AppConfig.fromEnvironment(Map.of()).trustProxy()).isFalse();
        assertThat(AppConfig.fromEnvironment(Map.of("ZF_TRUST_PROXY", "true")).trustProxy()).isTrue();
        assertThat(AppConfig.fromEnvironment(Map.of("ZF_TRUST_PROXY", "false")).trustProxy()).isFalse();
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("ZF_TRUST_PROXY", "yes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ZF_TRUST_PROXY");
    }
}
