package com.zoomfactor.domain.metrics;

import java.util.Locale;

/**
 * A metric's value written for people, in its unit: counts with thousands separators ("12,480"), ratios as
 * percentages ("43.5 %"), durations in hours, minutes and seconds ("1 m 5 s"), search positions with a number sign
 * ("#3.2"). Used wherever a value leaves the product for a reader (the PDF, the shared dashboard's captions).
 */
public final class ValueFormat {

    private ValueFormat() {
    }

    /** The value in its unit; "–" for a value that is not a finite number. */
    public static String format(Unit unit, double value) {
        if (!Double.isFinite(value)) {
            return "–";
        }
        return switch (unit) {
            case COUNT -> count(value);
            case RATIO -> percent(value);
            case SECONDS -> duration(value);
            case POSITION -> "#" + trimmed(value, 1);
        };
    }

    /** A share of 1 as a percentage with one decimal when it has one: 0.435 → "43.5 %", 0.86 → "86 %". */
    public static String percent(double share) {
        return trimmed(share * 100, 1) + " %";
    }

    /**
     * Seconds as "1 h 2 m 5 s", "1 m 5 s", "42 s" (rounded to the second; a part that is zero is left out between
     * others: 3605 → "1 h 5 s"); under ten seconds keeps a tenth ("2.5 s").
     */
    public static String duration(double seconds) {
        if (seconds < 0) {
            return "-" + duration(-seconds);
        }
        if (seconds < 10) {
            return trimmed(seconds, 1) + " s";
        }
        long total = Math.round(seconds);
        long hours = total / 3600;
        long minutes = total % 3600 / 60;
        long rest = total % 60;
        StringBuilder out = new StringBuilder();
        if (hours > 0) {
            out.append(hours).append(" h");
        }
        if (minutes > 0) {
            out.append(out.isEmpty() ? "" : " ").append(minutes).append(" m");
        }
        if (rest > 0 || out.isEmpty()) {
            out.append(out.isEmpty() ? "" : " ").append(rest).append(" s");
        }
        return out.toString();
    }

    /** A count: whole numbers with thousands separators, fractions (averages) with one decimal. */
    public static String count(double value) {
        if (Math.abs(value - Math.rint(value)) < 1e-9) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%,.1f", value);
    }

    /** At most {@code decimals} decimals, trailing zeros dropped: 86.0 → "86", 43.50 → "43.5". */
    private static String trimmed(double value, int decimals) {
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        if (text.contains(".")) {
            text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return "-0".equals(text) ? "0" : text;
    }
}
