package com.zoomfactor.domain.alerts;

import com.zoomfactor.domain.metrics.Aggregation;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which days of a daily series breach a rule. An alert marks the <em>start</em> of a breach: a day in breach whose
 * previous day with a value was not (or had no value before it), so a series that stays above a threshold for a
 * week, or a level shift that takes a while to enter the band, is one alert, not seven. A threshold is compared
 * with the day's value; an adaptive rule with the day's {@link AdaptiveBand}.
 */
public final class AlertEvaluation {

    /** A breaching day: its value, what it was held against (a threshold, or a band and its baseline) and why, in words. */
    public record Breach(LocalDate day, double value, Double threshold, Double low, Double high, Double baseline,
                         String message) {
    }

    private AlertEvaluation() {
    }

    /**
     * The breaches starting on a day from..to (inclusive) of {@code series} (day → value). Days before {@code from}
     * are history: they feed the band but were not watched, so a breach already under way on {@code from} starts
     * there. {@code subject} names the series in the messages ("web.unique_visitors", "the Zoom Factor").
     */
    /**
     * The last day a metric rule may judge, on the client's {@code today}: a day still under way has a partial value
     * (a running total, an average of the morning), so it is judged once it has ended, except where the partial value
     * can only grow past the line: a metric that adds up ({@link Aggregation#SUM}) watched for going above. A day
     * breaching "below" at 01:00 with 3 visits of an eventual 900 must not become an alert that stays.
     */
    public static LocalDate lastJudgedDay(AlertRule rule, Aggregation aggregation, LocalDate today) {
        return rule.direction() == AlertDirection.ABOVE && aggregation == Aggregation.SUM ? today : today.minusDays(1);
    }

    public static List<Breach> evaluate(AlertRule rule, TreeMap<LocalDate, Double> series, String subject,
                                        LocalDate from, LocalDate to) {
        List<Breach> breaches = new ArrayList<>();
        if (to.isBefore(from)) {
            return breaches; // a rule that starts watching today, on a day not yet judged
        }
        for (Map.Entry<LocalDate, Double> day : series.subMap(from, true, to, true).entrySet()) {
            Optional<Breach> breach = check(rule, series, subject, day.getKey(), day.getValue());
            if (breach.isPresent()) {
                Map.Entry<LocalDate, Double> before = series.lowerEntry(day.getKey());
                // a day before `from` was not watched: the rule did not see a breach there
                boolean continues = before != null && !before.getKey().isBefore(from)
                        && check(rule, series, subject, before.getKey(), before.getValue()).isPresent();
                if (!continues) {
                    breaches.add(breach.get());
                }
            }
        }
        return breaches;
    }

    /** Whether one day breaches the rule, on its own. */
    static Optional<Breach> check(AlertRule rule, TreeMap<LocalDate, Double> series, String subject, LocalDate day,
                                  double value) {
        if (!Double.isFinite(value)) {
            return Optional.empty();
        }
        if (rule.kind() == AlertRule.Kind.THRESHOLD) {
            Threshold threshold = new Threshold(rule.direction(), rule.threshold());
            if (!threshold.breachedBy(value)) {
                return Optional.empty();
            }
            String message = String.format(Locale.ROOT, "%s was %s on %s, %s the threshold of %s", subject,
                    number(value), day, rule.direction().key(), number(threshold.value()));
            return Optional.of(new Breach(day, value, threshold.value(), null, null, null, message));
        }
        return AdaptiveBand.on(day, series)
                .filter(band -> band.outside(value, rule.direction().band()))
                .map(band -> new Breach(day, value, null, band.low(), band.high(), band.baseline(),
                        String.format(Locale.ROOT, "%s was %s on %s, %s its normal band of %s to %s (the median of the"
                                        + " %d days before, %s, ± %s spreads)", subject, number(value), day,
                                value > band.high() ? "above" : "below", number(band.low()), number(band.high()),
                                AdaptiveBand.WINDOW_DAYS, number(band.baseline()), number(AdaptiveBand.K))));
    }

    /** At most three decimals, no trailing zeros, thousands separated: 1,234.5 */
    public static String number(double value) {
        DecimalFormat format = new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(value);
    }
}
