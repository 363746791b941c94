package com.zoomfactor.domain.metrics;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Values and days as people read them in messages (e-mails, webhooks): a metric by its label, a ratio as a
 * percentage, seconds as minutes and seconds, counts with thousands separated, a day as "Sat 5 Dec" (with the year
 * when it is not {@code today}'s). English, as the rest of the product's words.
 */
public final class HumanFormat {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_WITH_YEAR = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private HumanFormat() {
    }

    /** The label of a metric key ("Unique visitors"), or the key itself when the catalogue does not know it. */
    public static String label(String metricKey) {
        return MetricCatalogue.find(metricKey).map(Metric::label).orElse(metricKey);
    }

    /** A value in its metric's unit: "649", "12,480", "42.5%", "1 m 5 s", "position 3.2". */
    public static String value(String metricKey, double value) {
        Unit unit = MetricCatalogue.find(metricKey).map(Metric::unit).orElse(Unit.COUNT);
        return value(unit, value);
    }

    public static String value(Unit unit, double value) {
        return switch (unit) {
            case RATIO -> number(value * 100, 1) + "%";
            case SECONDS -> duration(value);
            case POSITION -> "position " + number(value, 1);
            case COUNT -> number(value, Math.abs(value) >= 100 ? 0 : 2);
        };
    }

    /** "Sat 5 Dec", or "Fri 5 Dec 2025" when the year is not the year of {@code today}. */
    public static String day(LocalDate day, LocalDate today) {
        return (day.getYear() == today.getYear() ? DAY : DAY_WITH_YEAR).format(day);
    }

    /** Seconds as "45 s", "1 m 5 s", "2 h 3 m"; fractions of a second below a minute keep one decimal. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return String.valueOf(seconds);
        }
        String sign = seconds < 0 ? "-" : "";
        double s = Math.abs(seconds);
        if (s < 60) {
            return sign + number(s, 1) + " s";
        }
        long whole = Math.round(s);
        long hours = whole / 3600;
        long minutes = whole % 3600 / 60;
        long rest = whole % 60;
        return sign + (hours > 0 ? hours + " h " + minutes + " m" : minutes + " m " + rest + " s");
    }

    private static String number(double value, int decimals) {
        DecimalFormat format = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(java.math.RoundingMode.HALF_UP); // as people round: 42.25 s reads 42.3 s
        return format.format(value);
    }
}
