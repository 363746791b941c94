package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Cells;
import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.imports.files.Sheet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the social family's formats (X / Twitter and Meta exports) share: finding a header row among the first rows by
 * the columns it must have, the dates these tools write, HTML entities in post texts, whole counters, and the per-day
 * totals a per-post export adds up by publish day.
 */
final class SocialTables {

    /** Rows looked at to find a header (Meta's series have two lines above theirs). */
    static final int HEAD_ROWS = 8;

    private static final Set<String> TOTALS = Set.of("total", "totals", "grand total", "summe", "gesamt", "totale",
            "totaal", "all");
    private static final Pattern ISO_DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T ].*)?");
    private static final Pattern ZONED = Pattern.compile("\\d{4}-\\d{2}-\\d{2} .* [+-]\\d{4}");
    private static final Pattern US_DAY = Pattern.compile("\\d{1,2}/\\d{1,2}/\\d{4}.*");
    private static final Pattern WEEKDAY = Pattern.compile("^[A-Za-z]{3,9}\\.?,\\s*");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED_ENTITIES = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "nbsp", "\u00A0", "hellip", "\u2026", "mdash", "\u2014", "ndash", "\u2013");

    /** X's classic time: {@code 2021-11-30 16:00 +0000}. */
    private static final DateTimeFormatter TWEET_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss] xx")
            .withResolverStyle(ResolverStyle.STRICT);
    /** X's 2024+ day, the weekday already cut off: {@code Feb 18, 2025}. */
    private static final DateTimeFormatter MONTH_DAY_YEAR = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("MMM d, uuuu").toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    /** Meta's {@code Publish time}: {@code 03/14/2024 09:30}. */
    private static final DateTimeFormatter US_TIME = DateTimeFormatter.ofPattern("MM/dd/uuuu HH:mm[:ss]")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    private SocialTables() {
    }

    /** A header row found in a sheet: its line, and the columns it names. */
    record Header(long line, List<String> cells) {

        /** The column of the first of these names, or -1. */
        int column(String... names) {
            return Cells.column(cells, names);
        }

        boolean has(String... names) {
            return column(names) >= 0;
        }
    }

    /**
     * The first row among the first {@link #HEAD_ROWS} that has a column for every group of names (each group: one
     * column under any of its aliases).
     */
    static Optional<Header> header(Sheet sheet, List<String[]> required) {
        for (Row row : sheet.head(HEAD_ROWS)) {
            if (row.filled() >= required.size() && required.stream().allMatch(names -> Cells.column(row.cells(), names) >= 0)) {
                return Optional.of(new Header(row.line(), row.cells()));
            }
        }
        return Optional.empty();
    }

    /** Whether a row is a totals line rather than a day or a post. */
    static boolean isTotals(Row row) {
        return Cells.keyIn(row.first(), TOTALS);
    }

    /** The columns a file has, for a problem saying what was found. */
    static String found(List<String> cells) {
        List<String> named = new ArrayList<>();
        for (String cell : cells) {
            if (!cell.isBlank() && named.size() < 20) {
                named.add(cell.strip());
            }
        }
        return String.join(", ", named);
    }

    /** {@code 2021-11-30 16:00 +0000} (X's classic time), or empty. */
    static Optional<OffsetDateTime> tweetTime(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text.strip(), TWEET_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * A day as the social tools write it: {@code 2025-02-18}, {@code 2025-02-18T00:00:00} (Meta's series: the day is
     * the date part), {@code 2021-11-30 00:00 +0000} (X's classic files: the day as X states it), {@code Tue, Feb 18,
     * 2025} or {@code Feb 18, 2025} (X's 2024+ exports; the weekday is not checked), {@code 2/18/2025}.
     */
    static Optional<LocalDate> day(String text) {
        String s = text.strip();
        try {
            if (ISO_DAY.matcher(s).matches()) {
                if (ZONED.matcher(s).matches()) {
                    return Optional.of(OffsetDateTime.parse(s, TWEET_TIME).toLocalDate());
                }
                return Optional.of(LocalDate.parse(s.substring(0, 10)));
            }
            if (US_DAY.matcher(s).matches()) {
                return Optional.of(LocalDate.parse(s.split(" ")[0], US_DATE));
            }
            String noWeekday = WEEKDAY.matcher(s).replaceFirst("");
            return Optional.of(LocalDate.parse(noWeekday, MONTH_DAY_YEAR));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Meta's {@code MM/DD/YYYY HH:MM} in the page's time zone, which the file does not state (kept as UTC). */
    static Optional<LocalDateTime> usTime(String text) {
        try {
            return Optional.of(LocalDateTime.parse(text.strip(), US_TIME));
        } catch (DateTimeParseException e) {
            return day(text).map(LocalDate::atStartOfDay);
        }
    }

    /** A post's publish time without a zone, read as UTC (the day is what the file says). */
    static OffsetDateTime utc(LocalDateTime time) {
        return time.atOffset(ZoneOffset.UTC);
    }

    /** Post texts as X writes them: {@code &amp;}, {@code &lt;}, {@code &#39;}, {@code &#x1F600;} decoded. */
    static String decodeEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.startsWith("#")) {
                int code = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                replacement = Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : m.group();
            } else {
                replacement = NAMED_ENTITIES.getOrDefault(name.toLowerCase(Locale.ROOT), m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A cell's value, or empty when the cell is missing; {@code problems} gets a message when it is not a number. */
    static OptionalDouble number(Row row, int column, String name, boolean decimalComma, List<String> problems) {
        if (column < 0) {
            return OptionalDouble.empty();
        }
        String text = row.cell(column);
        if (Cells.isMissing(text)) {
            return OptionalDouble.empty();
        }
        OptionalDouble value = Cells.number(text, decimalComma);
        if (value.isEmpty()) {
            problems.add(name + ": '" + text + "' is not a number");
        }
        return value;
    }

    /** A post counter: a whole non-negative number ({@code "1777.0"} is 1777), or empty with a problem. */
    static Optional<Long> count(Row row, int column, String name, boolean decimalComma, List<String> problems) {
        OptionalDouble value = number(row, column, name, decimalComma, problems);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        double v = value.getAsDouble();
        if (v < 0 || v != Math.rint(v) || v > Long.MAX_VALUE) {
            problems.add(name + ": '" + row.cell(column) + "' is not a whole count");
            return Optional.empty();
        }
        return Optional.of((long) v);
    }

    /**
     * Counters added up by day while a file streams past (a day's memory, not a row's): what a per-post export writes
     * for its publish days. Each day's points name the first row of that day.
     */
    static final class DailyTotals {
        private final Map<LocalDate, Map<String, Double>> days = new TreeMap<>();
        private final Map<LocalDate, Row> firstRow = new TreeMap<>();

        void add(Row row, LocalDate day, String metric, double value) {
            firstRow.putIfAbsent(day, row);
            days.computeIfAbsent(day, d -> new LinkedHashMap<>()).merge(metric, value, Double::sum);
        }

        void writeTo(ImportSink sink) {
            days.forEach((day, metrics) -> metrics.forEach((metric, value) ->
                    sink.point(firstRow.get(day), metric, day, day, null, value)));
        }
    }
}
