package com.zoomfactor.backend.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookEventsTest {

    private static final String TEXT = "Unique visitors of Acme was 649 on Sat 5 Dec, above the threshold of 500.";

    @Test
    void slackGetsItsTextField() {
        JsonObject body = WebhookEvents.body("slack", "k", "alert.fired", UUID.randomUUID(), TEXT, new JsonObject());
        assertThat(body.getMap()).containsOnlyKeys("text").containsEntry("text", TEXT);
    }

    @Test
    void teamsGetsAMessageCard() {
        JsonObject body = WebhookEvents.body("teams", "k", "alert.fired", UUID.randomUUID(), TEXT, new JsonObject());
        assertThat(body.getString("@type")).isEqualTo("MessageCard");
        assertThat(body.getString("@context")).isEqualTo("https://schema.org/extensions");
        assertThat(body.getString("text")).isEqualTo(TEXT);
        assertThat(body.getString("summary")).isNotBlank();
    }

    @Test
    void everyOtherReceiverGetsTheEventWithItsData() {
        UUID client = UUID.randomUUID();
        JsonObject body = WebhookEvents.body("json", "webhook:1:alert.fired:2", "alert.fired", client, TEXT,
                new JsonObject().put("alert", new JsonObject().put("value", 649)));
        assertThat(body.getString("id")).isEqualTo("webhook:1:alert.fired:2");
        assertThat(body.getString("event")).isEqualTo("alert.fired");
        assertThat(body.getString("clientId")).isEqualTo(client.toString());
        assertThat(body.getString("text")).isEqualTo(TEXT);
        assertThat(body.getJsonObject("data").getJsonObject("alert").getInteger("value")).isEqualTo(649);
    }
}
