package com.zoomfactor.backend.observations;

import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Turns the text fields of one point — from a JSON batch or a CSV row — into a {@link Point}, or reports every
 * problem with it. The same rules for every way data gets in.
 */
public final class PointReader {

    /** Dates before this are typing mistakes, not analytics history. */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final int MAX_DIMENSION_LENGTH = 500;
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,49}");

    private final LocalDate latest;

    /** {@code today} bounds dates: a point may not lie more than a day in the future. */
    public PointReader(LocalDate today) {
        this.latest = today.plusDays(1);
    }

    /** The raw fields of a point; {@code null} where absent. Value may be a number already or its text. */
    public record Fields(String metric, String date, String from, String to, Object value, String dimension,
                         String competitorId, String source) {
    }

    /**
     * The point, or empty after reporting each problem through {@code problem(field, message)}.
     */
    public Optional<Point> read(Fields fields, BiConsumer<String, String> problem) {
        Counting counting = new Counting(problem);
        String[][] texts = {{"metric", fields.metric()}, {"date", fields.date()}, {"from", fields.from()},
                {"to", fields.to()}, {"dimension", fields.dimension()}, {"competitorId", fields.competitorId()},
                {"source", fields.source()}};
        for (String[] text : texts) {
            if (text[1] != null && text[1].indexOf('\u0000') >= 0) {
                counting.accept(text[0], "must not contain the NUL character");
            }
        }
        if (counting.count > 0) {
            return Optional.empty();
        }

        Metric metric = null;
        if (fields.metric() == null || fields.metric().isBlank()) {
            counting.accept("metric", "is required");
        } else {
            metric = MetricCatalogue.find(fields.metric().trim()).orElse(null);
            if (metric == null) {
                counting.accept("metric", "unknown metric '" + fields.metric().trim() + "' (see GET /api/metrics)");
            }
        }

        LocalDate start = null;
        LocalDate end = null;
        boolean hasDate = present(fields.date());
        boolean hasPeriod = present(fields.from()) || present(fields.to());
        if (hasDate && hasPeriod) {
            counting.accept("date", "give either date, or from and to, not both");
        } else if (hasDate) {
            start = date(fields.date(), "date", counting);
            end = start;
        } else if (hasPeriod) {
            // a period needs both ends: one alone (or the other null) is the client's mistake, not a crash
            if (!present(fields.from())) {
                counting.accept("from", "is required with to (a period has both)");
            } else {
                start = date(fields.from(), "from", counting);
            }
            if (!present(fields.to())) {
                counting.accept("to", "is required with from (a period has both)");
            } else {
                end = date(fields.to(), "to", counting);
            }
            if (start != null && end != null && end.isBefore(start)) {
                counting.accept("to", "is before from");
            }
        } else {
            counting.accept("date", "is required (or from and to for a period)");
        }

        Double value = number(fields.value(), counting);
        if (value != null && metric != null) {
            Optional<String> outOfRange = ValueBounds.problemWith(metric.unit(), value);
            if (outOfRange.isPresent()) {
                counting.accept("value", outOfRange.get());
            }
        }

        String dimension = present(fields.dimension()) ? fields.dimension().trim() : null;
        if (dimension != null && metric != null && !metric.takesDimension()) {
            counting.accept("dimension", metric.key() + " takes no dimension");
        }
        if (dimension != null && dimension.length() > MAX_DIMENSION_LENGTH) {
            counting.accept("dimension", "is longer than " + MAX_DIMENSION_LENGTH + " characters");
        }

        UUID competitor = null;
        if (present(fields.competitorId())) {
            try {
                competitor = UUID.fromString(fields.competitorId().trim());
            } catch (IllegalArgumentException e) {
                counting.accept("competitorId", "is not an id");
            }
        }

        String source = present(fields.source()) ? fields.source().trim() : null;
        if (source != null && !SOURCE.matcher(source).matches()) {
            counting.accept("source", "must be a short lower-case name such as ga4, search-console or api");
        }

        if (counting.count > 0) {
            return Optional.empty();
        }
        return Optional.of(new Point(metric.key(), start, end, dimension, competitor, value, source));
    }

    private LocalDate date(String text, String field, BiConsumer<String, String> problem) {
        try {
            LocalDate date = isoDate(text.trim());
            if (date.isBefore(EARLIEST) || date.isAfter(latest)) {
                problem.accept(field, "must lie between " + EARLIEST + " and tomorrow");
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            problem.accept(field, "is not a date (YYYY-MM-DD)");
            return null;
        }
    }

    /** YYYY-MM-DD without the general parser's cost (it dominated validation); anything else goes the long way. */
    private static LocalDate isoDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                try {
                    return LocalDate.of(year, month, day);
                } catch (java.time.DateTimeException e) {
                    throw new DateTimeParseException("not a date", text, 0);
                }
            }
        }
        return LocalDate.parse(text);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static Double number(Object raw, BiConsumer<String, String> problem) {
        if (raw == null || (raw instanceof String text && text.isBlank())) {
            problem.accept("value", "is required");
            return null;
        }
        double value;
        if (raw instanceof Number number) {
            value = number.doubleValue();
        } else if (raw instanceof String text) {
            try {
                value = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                problem.accept("value", "is not a number");
                return null;
            }
        } else {
            problem.accept("value", "is not a number");
            return null;
        }
        if (!Double.isFinite(value)) {
            problem.accept("value", "must be a finite number");
            return null;
        }
        return value;
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    /** Counts the problems reported for this point. */
    private static final class Counting implements BiConsumer<String, String> {
        private final BiConsumer<String, String> delegate;
        private int count;

        Counting(BiConsumer<String, String> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void accept(String field, String message) {
            count++;
            delegate.accept(field, message);
        }
    }
}
