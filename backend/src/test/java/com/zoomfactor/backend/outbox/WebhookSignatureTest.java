package com.zoomfactor.backend.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String BODY = "{\"a\":1}";

    @Test
    void theSignatureIsAnHmacOfTheTimestampAndTheBody() {
        // computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(WebhookSignature.header("whsec_test", 1_700_000_000L, BODY)).isEqualTo(
                "t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789");
    }

    @Test
    void aReceiverAcceptsOnlyTheSameBodySecretAndARecentTimestamp() {
        String header = WebhookSignature.header("whsec_test", 1_700_000_000L, BODY);
        assertThat(WebhookSignature.verify("whsec_test", header, BODY, 1_700_000_100L)).isTrue();
        assertThat(WebhookSignature.verify("whsec_test", header, BODY, 1_700_000_000L + 301)).as("too late").isFalse();
        assertThat(WebhookSignature.verify("whsec_test", header, BODY, 1_700_000_000L - 301)).as("from the future")
                .isFalse();
        assertThat(WebhookSignature.verify("whsec_other", header, BODY, 1_700_000_000L)).isFalse();
        assertThat(WebhookSignature.verify("whsec_test", header, "{\"a\":2}", 1_700_000_000L)).isFalse();
        assertThat(WebhookSignature.verify("whsec_test", "t=x,v1=00", BODY, 1_700_000_000L)).isFalse();
        assertThat(WebhookSignature.verify("whsec_test", "v1=00", BODY, 1_700_000_000L)).isFalse();
    }

    @Test
    void secretsAreRandomAndRecognisable() {
        String one = WebhookSignature.newSecret();
        assertThat(one).matches("whsec_[A-Za-z0-9_-]{43}").isNotEqualTo(WebhookSignature.newSecret());
    }
}
