package com.zoomfactor.backend.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zoomfactor.backend.http.ApiException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailLayoutTest {

    @Test
    void everyMessageHasATextAndAnHtmlPartWithTheLinkInBoth() {
        Email email = MailLayout.compose("ann@example.com", "Hello", "Hello <Ann>", List.of("Line & more"),
                new MailLayout.Action("Open", "https://app.example/x?a=1&b=2"), null);
        assertThat(email.text()).contains("Hello <Ann>").contains("Line & more").contains("Open: https://app.example/x?a=1&b=2");
        assertThat(email.html()).contains("Hello &lt;Ann&gt;").contains("Line &amp; more")
                .contains("href=\"https://app.example/x?a=1&amp;b=2\"");
        assertThat(email.headers()).doesNotContainKey("List-Unsubscribe");
    }

    @Test
    void aRecurringMessageSaysWhereToChangeWhatOneReceives() {
        Email email = MailLayout.compose("ann@example.com", "Digest", "Digest", List.of("x"), null,
                "https://app.example/settings/notifications");
        assertThat(email.headers()).containsEntry("List-Unsubscribe", "<https://app.example/settings/notifications>");
        assertThat(email.text()).contains("https://app.example/settings/notifications");
        assertThat(email.html()).contains("href=\"https://app.example/settings/notifications\"");
    }

    @Test
    void aMessageToSomeoneWithoutAnAccountCarriesItsOneClickUnsubscribeLink() {
        String link = "https://app.example/unsubscribe?token=AQ_x-1";
        Email email = MailLayout.composeUnsubscribable("ceo@client.example", "Weekly report", "Report", List.of("x"),
                null, link);
        assertThat(email.headers()).containsEntry("List-Unsubscribe", "<" + link + ">")
                .containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        assertThat(email.text()).contains("Stop receiving it: " + link).doesNotContain("notification settings");
        assertThat(email.html()).contains("href=\"" + link + "\">unsubscribe</a>");
    }

    @Test
    void headersCannotBeInjectedAndAddressesMustBeSingle() {
        assertThatThrownBy(() -> MailLayout.compose("ann@example.com", "Hi\r\nBcc: all@example.com", "h", List.of(),
                null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Email.deliverable("ann@example.com")).isTrue();
        assertThat(Email.deliverable("ann@example.com, bob@example.com")).isFalse();
        assertThat(Email.deliverable("Ann <ann@example.com>")).isFalse();
        assertThat(Email.deliverable("ann@example.com\r\nBcc: x@y.z")).isFalse();
    }

    @Test
    void aMessageGoesToAtMostAHundredRecipients() {
        Outbox.requireRecipientsWithin(Collections.nCopies(Outbox.MAX_RECIPIENTS, "a@example.com"));
        assertThatThrownBy(() -> Outbox.requireRecipientsWithin(Collections.nCopies(1_000, "a@example.com")))
                .isInstanceOf(ApiException.class).hasMessageContaining("at most 100 recipients");
    }

    @Test
    void retriesWaitLongerEachTimeUpToTheCap() {
        DeliveryTuning tuning = DeliveryTuning.DEFAULT;
        assertThat(tuning.retryDelayMs(1)).isBetween(27_000L, 33_000L);
        assertThat(tuning.retryDelayMs(3)).isBetween(108_000L, 132_000L);
        assertThat(tuning.retryDelayMs(30)).isLessThanOrEqualTo((long) (6 * 3_600_000 * 1.1));
    }
}
