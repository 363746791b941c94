package com.zoomfactor.backend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClickHouseUrlTest {

    @Test
    void aFullUrlIsRead() {
        ClickHouseUrl url = ClickHouseUrl.parse("http://zf:s%40cret:x@ch.internal:8124/analytics");
        assertThat(url).isEqualTo(new ClickHouseUrl(false, "ch.internal", 8124, "analytics", "zf", "s@cret:x"));
        assertThat(url.authorization()).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString("zf:s@cret:x".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void portsAndUserHaveDefaults() {
        assertThat(ClickHouseUrl.parse("http://ch/zf")).isEqualTo(new ClickHouseUrl(false, "ch", 8123, "zf", "default", ""));
        assertThat(ClickHouseUrl.parse("https://u:p@ch/zf").port()).isEqualTo(8443);
        assertThat(ClickHouseUrl.parse("https://u:p@ch/zf").tls()).isTrue();
    }

    @Test
    void thePasswordIsNeverShown() {
        ClickHouseUrl url = ClickHouseUrl.parse("http://zf:topsecret@ch:8123/zf");
        assertThat(url.toString()).isEqualTo("http://zf@ch:8123/zf").doesNotContain("topsecret");
        AppConfig config = AppConfig.fromEnvironment(Map.of("ZF_CLICKHOUSE_URL", "http://zf:topsecret@ch:8123/zf"));
        assertThat(config.clickhouseUrl()).contains(url);
        assertThat(config.toString()).contains("http://zf@ch:8123/zf").doesNotContain("topsecret");
    }

    @Test
    void withoutTheSettingEventsStayInPostgres() {
        assertThat(AppConfig.fromEnvironment(Map.of()).clickhouseUrl()).isEmpty();
        assertThat(AppConfig.fromEnvironment(Map.of("ZF_CLICKHOUSE_URL", "  ")).clickhouseUrl()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://u:p@ch/zf", "ch:8123/zf", "http://u:p@ch:8123/", "http://u:p@ch:8123",
            "http://u:p@ch:99999/zf", "http://u:p@ch/zf?user=x", "http://u:p@ch/zf#x", "http://u:p@ch/zf;DROP",
            "http://u:p@ch/a/b", "http://:p@ch/zf", "not a url", "http:///zf"})
    void badUrlsAreRefusedWithTheSettingsName(String value) {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("ZF_CLICKHOUSE_URL", value)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("ZF_CLICKHOUSE_URL: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(":p@"));
    }
}
