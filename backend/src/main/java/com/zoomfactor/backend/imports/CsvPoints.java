package com.zoomfactor.backend.imports;

import com.fasterxml.jackson.annotation.JsonValue;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.observations.InvalidPoints;
import com.zoomfactor.backend.observations.Point;
import com.zoomfactor.backend.observations.PointError;
import com.zoomfactor.backend.observations.PointReader;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file of observations, in one of two shapes told apart by the header:
 * <ul>
 *   <li>long: {@code date,metric,value[,dimension][,competitorId][,source]} (or {@code from,to} instead of
 *       {@code date} for period totals), one point per line;</li>
 *   <li>wide: {@code date,<metric key>,<metric key>,...}, one point per non-empty cell.</li>
 * </ul>
 * Every problem is reported with its line (the header is line 1) and column; Apache Commons CSV does the parsing.
 * Blocking CPU work: call off the event loop.
 */
public final class CsvPoints {

    public static final int MAX_POINTS = 200_000;

    static final Set<String> LONG_COLUMNS = Set.of("date", "from", "to", "metric", "value", "dimension", "competitorid",
            "source");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .setTrim(true)
            .get();

    public enum Form {
        LONG, WIDE;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The points read, each with the line it came from. */
    public record Parsed(Form form, int rows, List<Point> points, int[] lines) {
    }

    private CsvPoints() {
    }

    public static Parsed parse(String text, PointReader reader) {
        List<PointError> errors = new ArrayList<>();
        List<Point> points = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int rows = 0;
        Form form;
        try (CSVParser parser = CSVParser.parse(stripByteOrderMark(text), FORMAT)) {
            List<String> header = parser.getHeaderNames().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
            form = formOf(header, errors);
            if (!errors.isEmpty()) {
                throw new InvalidPoints(errors, 0);
            }
            Map<String, Integer> column = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                column.put(header.get(i), i);
            }
            for (CSVRecord record : parser) {
                rows++;
                int line = (int) record.getRecordNumber() + 1;
                if (record.size() != header.size()) {
                    errors.add(PointError.atCell(line, null, null,
                            "has " + record.size() + " cells where the header has " + header.size()));
                    continue;
                }
                if (form == Form.LONG) {
                    readLong(record, line, column, reader, points, lines, errors);
                } else {
                    readWide(record, line, header, reader, points, lines, errors);
                }
                if (points.size() > MAX_POINTS) {
                    throw new ApiException(413, "A file holds at most " + MAX_POINTS + " points: split it into several files");
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException malformed) {
            throw new InvalidPoints(List.of(PointError.atCell(0, null, null,
                    "the file is not valid CSV: " + malformed.getMessage())), 0);
        }
        if (!errors.isEmpty()) {
            throw new InvalidPoints(errors, rows);
        }
        if (points.isEmpty()) {
            throw ApiException.badRequest("The file holds no points");
        }
        return new Parsed(form, rows, points, lines.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Form formOf(List<String> header, List<PointError> errors) {
        if (header.contains("metric") || header.contains("value")) {
            for (int i = 0; i < header.size(); i++) {
                if (!LONG_COLUMNS.contains(header.get(i))) {
                    errors.add(PointError.atCell(1, i + 1, header.get(i), "unknown column; the long form has "
                            + "date (or from, to), metric, value and optionally dimension, competitorId, source"));
                }
            }
            for (String required : List.of("metric", "value")) {
                if (!header.contains(required)) {
                    errors.add(PointError.atCell(1, null, required, "column missing"));
                }
            }
            if (!header.contains("date") && !(header.contains("from") && header.contains("to"))) {
                errors.add(PointError.atCell(1, null, "date", "column missing (or from and to for periods)"));
            }
            return Form.LONG;
        }
        if (header.isEmpty() || !header.get(0).equals("date")) {
            errors.add(PointError.atCell(1, 1, header.isEmpty() ? null : header.get(0),
                    "the first column must be date (wide form) or the header must name metric and value (long form)"));
            return Form.WIDE;
        }
        for (int i = 1; i < header.size(); i++) {
            if (MetricCatalogue.find(header.get(i)).isEmpty()) {
                errors.add(PointError.atCell(1, i + 1, header.get(i), "unknown metric (see GET /api/metrics)"));
            }
        }
        if (header.size() < 2) {
            errors.add(PointError.atCell(1, null, null, "the wide form needs at least one metric column after date"));
        }
        return Form.WIDE;
    }

    private static void readLong(CSVRecord record, int line, Map<String, Integer> column, PointReader reader,
                                 List<Point> points, List<Integer> lines, List<PointError> errors) {
        PointReader.Fields fields = new PointReader.Fields(cell(record, column, "metric"), cell(record, column, "date"),
                cell(record, column, "from"), cell(record, column, "to"), cell(record, column, "value"),
                cell(record, column, "dimension"), cell(record, column, "competitorid"), cell(record, column, "source"));
        reader.read(fields, (field, message) -> errors.add(PointError.atCell(line,
                columnNumber(column, field), field, message))).ifPresent(point -> {
                    points.add(point);
                    lines.add(line);
                });
    }

    private static void readWide(CSVRecord record, int line, List<String> header, PointReader reader,
                                 List<Point> points, List<Integer> lines, List<PointError> errors) {
        String date = record.get(0);
        for (int i = 1; i < header.size(); i++) {
            String cell = record.get(i);
            if (cell == null || cell.isEmpty()) {
                continue;
            }
            int cellColumn = i + 1;
            String metric = header.get(i);
            PointReader.Fields fields = new PointReader.Fields(metric, date, null, null, cell, null, null, null);
            reader.read(fields, (field, message) -> errors.add(field.equals("date")
                    ? PointError.atCell(line, 1, "date", message)
                    : PointError.atCell(line, cellColumn, metric, message)))
                    .ifPresent(point -> {
                        points.add(point);
                        lines.add(line);
                    });
        }
    }

    private static String cell(CSVRecord record, Map<String, Integer> column, String name) {
        Integer index = column.get(name);
        return index == null ? null : record.get(index);
    }

    private static Integer columnNumber(Map<String, Integer> column, String field) {
        Integer index = column.get(field.toLowerCase(Locale.ROOT));
        return index == null ? null : index + 1;
    }

    private static String stripByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
