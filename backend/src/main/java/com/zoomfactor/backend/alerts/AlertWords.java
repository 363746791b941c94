package com.zoomfactor.backend.alerts;

import com.zoomfactor.backend.alerts.AlertStore.Alert;
import com.zoomfactor.domain.metrics.HumanFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * A fired alert in people's words, for messages that leave the app (e-mails, webhooks): the metric by its label, the
 * values in its unit, the day as "Sat 5 Dec" — "Unique visitors was 649 on Sat 5 Dec, above the threshold of 500".
 */
final class AlertWords {

    private AlertWords() {
    }

    static String sentence(Alert alert, String clientName) {
        boolean score = AlertRuleStore.SCORE.equals(alert.metric());
        String subject = score ? "The Zoom Factor" : HumanFormat.label(alert.metric());
        String day = HumanFormat.day(alert.day(), LocalDate.now(ZoneOffset.UTC));
        String against;
        if (alert.threshold() != null) {
            against = (alert.value() > alert.threshold() ? "above" : "below") + " the threshold of "
                    + value(alert, alert.threshold());
        } else {
            against = (alert.value() > alert.bandHigh() ? "above" : "below") + " its normal band of "
                    + value(alert, alert.bandLow()) + " to " + value(alert, alert.bandHigh());
        }
        return String.format(Locale.ROOT, "%s of %s was %s on %s, %s.", subject, clientName, value(alert, alert.value()),
                day, against);
    }

    private static String value(Alert alert, double value) {
        return AlertRuleStore.SCORE.equals(alert.metric())
                ? HumanFormat.value(com.zoomfactor.domain.metrics.Unit.COUNT, value)
                : HumanFormat.value(alert.metric(), value);
    }
}
