package com.zoomfactor.backend.imports.files;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The values of export files, as the tools write them: {@code "3,047"}, {@code 1.234,5} (a European locale),
 * {@code "1777.0"}, {@code 12.14%}, {@code 0,43 %}, {@code 00:00:45}, and {@code -}, {@code --} or an empty cell for
 * "no value" (which is not zero).
 */
public final class Cells {

    private static final Set<String> MISSING = Set.of("", "-", "--", "—", "–", "n/a", "na", "none", "null", "(not set)");
    private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}([,.' ]\\d{3})+");
    private static final Pattern DURATION = Pattern.compile("<?(\\d+):(\\d{1,2}):(\\d{1,2}(?:\\.\\d+)?)|(\\d+):(\\d{1,2}(?:\\.\\d+)?)");

    private Cells() {
    }

    /** Whether the cell says there is no value. */
    public static boolean isMissing(String text) {
        return text == null || MISSING.contains(clean(text).toLowerCase(Locale.ROOT));
    }

    /**
     * A number, or empty when the cell is missing or not a number. A percent sign is dropped (see {@link #ratio}
     * for percentages as fractions). With {@code decimalComma}, {@code 1.234,5} is 1234.5; without, {@code 3,047}
     * is 3047 and {@code 0,43} (a decimal comma no thousands grouping can explain) is 0.43.
     */
    public static OptionalDouble number(String text, boolean decimalComma) {
        if (isMissing(text)) {
            return OptionalDouble.empty();
        }
        String s = clean(text);
        if (s.endsWith("%")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        if (s.startsWith("(") && s.endsWith(")")) {
            s = "-" + s.substring(1, s.length() - 1);
        }
        s = s.replace(" ", "").replace("'", "");
        String plain;
        if (decimalComma) {
            plain = s.replace(".", "").replace(',', '.');
        } else if (s.indexOf(',') >= 0 && s.indexOf('.') >= 0) {
            // both: whichever comes last separates the decimals
            plain = s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replace(".", "").replace(',', '.') : s.replace(",", "");
        } else if (s.indexOf(',') >= 0) {
            plain = GROUPED.matcher(s).matches() ? s.replace(",", "") : s.replace(',', '.');
        } else {
            plain = s;
        }
        try {
            double value = Double.parseDouble(plain);
            return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** A share as a fraction: {@code 12.14%} is 0.1214; a bare number is taken as already a fraction (GA4 writes 0.1214). */
    public static OptionalDouble ratio(String text, boolean decimalComma) {
        if (isMissing(text)) {
            return OptionalDouble.empty();
        }
        OptionalDouble value = number(text, decimalComma);
        if (value.isEmpty()) {
            return value;
        }
        return clean(text).endsWith("%") ? OptionalDouble.of(value.getAsDouble() / 100.0) : value;
    }

    /** A duration in seconds: {@code 00:00:45}, {@code 1:02:03}, {@code 02:03}, or seconds as a number ({@code 45.3}). */
    public static OptionalDouble seconds(String text, boolean decimalComma) {
        if (isMissing(text)) {
            return OptionalDouble.empty();
        }
        var m = DURATION.matcher(clean(text));
        if (m.matches()) {
            if (m.group(1) != null) {
                return OptionalDouble.of(Long.parseLong(m.group(1)) * 3600.0 + Long.parseLong(m.group(2)) * 60.0
                        + Double.parseDouble(m.group(3)));
            }
            return OptionalDouble.of(Long.parseLong(m.group(4)) * 60.0 + Double.parseDouble(m.group(5)));
        }
        return number(text, decimalComma);
    }

    /** A header as matched: trimmed, lower case, accents and BOM and surrounding quotes removed, spaces collapsed. */
    public static String headerKey(String header) {
        String s = clean(header).replace("\"", "");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", " ").strip();
    }

    /**
     * Whether the cell's {@link #headerKey} is one of {@code keys}, which hold only lower-case letters and spaces (the
     * words of a totals row). Checked for every data row, so a cell holding an ASCII character that no step of
     * {@code headerKey} removes or turns into a letter (a digit, {@code /}, {@code .}, {@code -}...) — a date, a
     * number, a page path — is ruled out without building its key (accent stripping and regular expressions).
     */
    public static boolean keyIn(String text, Set<String> keys) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128 && !Character.isLetter(c) && !Character.isWhitespace(c) && c != '"' && c != '_') {
                return false;
            }
        }
        return keys.contains(headerKey(text));
    }

    /**
     * A day written {@code YYYYMMDD} (exactly eight ASCII digits), or null when the text is not that or no such day
     * exists: what {@code LocalDate.parse(text, BASIC_ISO_DATE)} after a {@code \d{8}} match gives, without the
     * formatter's cost (it dominated reading a GA4 report by day).
     */
    public static java.time.LocalDate basicDate(String text) {
        if (text.length() != 8) {
            return null;
        }
        for (int i = 0; i < 8; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return java.time.LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 4, 6, 10),
                    Integer.parseInt(text, 6, 8, 10));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The column of the first header matching any of the names ({@link #headerKey}), or -1. */
    public static int column(List<String> header, String... names) {
        for (String name : names) {
            String key = headerKey(name);
            for (int i = 0; i < header.size(); i++) {
                if (headerKey(header.get(i)).equals(key)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Trims ordinary and non-breaking spaces (French thousands) and a stray byte order mark. */
    private static String clean(String text) {
        return text.replace('\uFEFF', ' ').replace('\u00A0', ' ').replace('\u202F', ' ').strip();
    }
}
