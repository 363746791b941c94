package com.zoomfactor.backend.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zoomfactor.backend.http.ApiException;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.0.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "255.255.255.255", "224.0.0.1", "::1", "::", "fe80::1", "fd12:3456::1", "::ffff:10.0.0.1",
            "64:ff9b::a00:1"})
    void nonPublicAddressesAreNotPublic(String address) throws Exception {
        assertThat(WebhookUrls.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"})
    void publicAddressesArePublic(String address) throws Exception {
        assertThat(WebhookUrls.isPublic(InetAddress.getByName(address))).isTrue();
    }

    @Test
    void onlyHttpUrlsWithAHostAndNoCredentials() {
        assertThat(WebhookUrls.parse(" https://hooks.example.com/x ").getHost()).isEqualTo("hooks.example.com");
        for (String bad : new String[] {"ftp://example.com/x", "https://user:pw@example.com/", "https:///path",
                "mailto:a@b.c", "https://example.com/#frag", "not a url"}) {
            assertThatThrownBy(() -> WebhookUrls.parse(bad)).as(bad).isInstanceOf(ApiException.class);
        }
    }

    @Test
    void listsCutTheSecretPartOfAUrl() {
        assertThat(WebhookUrls.redact("https://hooks.slack.com/services/T000/B000/XXXXSECRET"))
                .isEqualTo("https://hooks.slack.com/services/…");
        assertThat(WebhookUrls.redact("https://example.com/hook")).isEqualTo("https://example.com/hook");
    }

    @Test
    void aFailureInTheLogNeverCarriesTheSecretPath() {
        URI url = URI.create("https://hooks.slack.com/services/T000/B000/XXXXSECRET?token=abc");
        String message = WebhookSender.withoutSecrets(new RuntimeException("The timeout period of 2000ms has been exceeded"
                + " while executing POST /services/T000/B000/XXXXSECRET?token=abc for server hooks.slack.com:443"), url);
        assertThat(message).doesNotContain("XXXXSECRET").doesNotContain("token=abc").contains("POST /…");
    }

    @Test
    void slackAndTeamsUrlsGetTheirOwnBodies() {
        assertThat(WebhookUrls.formatFor(URI.create("https://hooks.slack.com/services/T/B/X"))).isEqualTo("slack");
        assertThat(WebhookUrls.formatFor(URI.create("https://acme.webhook.office.com/webhookb2/x"))).isEqualTo("teams");
        assertThat(WebhookUrls.formatFor(URI.create("https://example.com/hook"))).isEqualTo("json");
    }
}
