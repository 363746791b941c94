package com.zoomfactor.backend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpUrlTest {

    @Test
    void aFullUrlIsRead() {
        assertThat(SmtpUrl.parse("smtp://mailer:s%40cret:x@smtp.example.com:2525"))
                .isEqualTo(new SmtpUrl(false, "smtp.example.com", 2525, "mailer", "s@cret:x"));
    }

    @Test
    void portsDependOnTheSchemeAndLoginIsOptional() {
        assertThat(SmtpUrl.parse("smtp://relay").port()).isEqualTo(587);
        assertThat(SmtpUrl.parse("smtps://u:p@relay").port()).isEqualTo(465);
        assertThat(SmtpUrl.parse("smtps://u:p@relay").tls()).isTrue();
        assertThat(SmtpUrl.parse("smtp://relay").login()).isFalse();
        assertThat(SmtpUrl.parse("smtp://u:p@relay").login()).isTrue();
    }

    @Test
    void thePasswordIsNeverShown() {
        SmtpUrl url = SmtpUrl.parse("smtp://mailer:topsecret@smtp.example.com:25");
        assertThat(url.toString()).isEqualTo("smtp://mailer@smtp.example.com:25").doesNotContain("topsecret");
        AppConfig config = AppConfig.fromEnvironment(Map.of(AppConfig.SMTP_URL, "smtp://mailer:topsecret@smtp:25",
                AppConfig.PUBLIC_URL, "https://zf.example.com", AppConfig.DATA_DIR, "/tmp/zf"));
        assertThat(config.toString()).doesNotContain("topsecret").contains("smtp://mailer@smtp:25");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://relay:25", "smtp://", "smtp://relay:25/path", "smtp://relay:25?x=1", "smtp:relay",
            "smtp://relay:99999"})
    void whatIsNotAnSmtpUrlIsRefused(String value) {
        assertThatThrownBy(() -> SmtpUrl.parse(value)).isInstanceOf(ConfigException.class);
    }

    @Test
    void mailNeedsAPublicUrlAndAPlausibleSender() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of(AppConfig.SMTP_URL, "smtp://relay:25")))
                .hasMessageContaining(AppConfig.PUBLIC_URL);
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of(AppConfig.SMTP_URL, "smtp://relay:25",
                AppConfig.PUBLIC_URL, "https://zf.example.com", AppConfig.MAIL_FROM, "not an address")))
                .hasMessageStartingWith(AppConfig.MAIL_FROM);
        AppConfig config = AppConfig.fromEnvironment(Map.of(AppConfig.SMTP_URL, "smtp://relay:25",
                AppConfig.PUBLIC_URL, "https://zf.example.com", AppConfig.MAIL_FROM, "Agency Reports <r@agency.example>",
                AppConfig.DATA_DIR, "/tmp/zf"));
        assertThat(config.mail().orElseThrow().from()).isEqualTo("Agency Reports <r@agency.example>");
        assertThat(new MailSettings(SmtpUrl.parse("smtp://relay.example:25"), null).from())
                .isEqualTo("Zoom Factor <no-reply@relay.example>");
    }

    @Test
    void withoutAnSmtpUrlThereIsNoMail() {
        assertThat(AppConfig.fromEnvironment(Map.of(AppConfig.DATA_DIR, "/tmp/zf")).mail()).isEmpty();
        assertThat(Path.of("/tmp/zf")).isAbsolute();
    }
}
