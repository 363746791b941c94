package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Cells;
import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.imports.files.Rows;
import com.zoomfactor.backend.imports.files.Sheet;
import com.zoomfactor.backend.imports.files.Upload;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What Google Analytics downloads (GA4 reports and explorations, Universal Analytics reports) have in common: a text
 * file of one or more tables, each after a block of {@code #} preamble lines that may state the date range; a table's
 * header names its dimensions first (a date, a page, or something else) and its metrics after. Each family member
 * says which headers mean what and how its dates and ranges are written.
 *
 * <p>How tables become points: a table with a date column gives daily points; a table with a page column gives
 * {@code web.pageviews} by page (the only website metric the catalogue breaks down by page) over the range, or by
 * day when it has a date column too; a table with neither (a summary) gives one period point per metric over the
 * range, except for metrics that another table of the same file gives by day (the daily values already say it).
 * A table broken down by anything else (country, channel...) cannot be stored: it is passed over, and said so when
 * nothing else in the file could be read.
 */
abstract class AnalyticsReport implements ExportFormat {

    /** How a metric's cells are written. */
    enum Unit { COUNT, RATIO, SECONDS }

    /** A catalogue metric and the headers that give it, the preferred one first. */
    record MetricAlias(String metric, Unit unit, List<String> headers) {
        MetricAlias(String metric, Unit unit, String... headers) {
            this(metric, unit, List.of(headers));
        }
    }

    /** A date range stated by the preamble. */
    record Range(LocalDate start, LocalDate end) {
    }

    /** Rows of a total, in the languages the tools write them ({@link Cells#headerKey} form). */
    private static final Set<String> TOTALS = Set.of("total", "totals", "grand total", "totaux", "total general",
            "gesamt", "gesamtsumme", "summe", "totale", "totale complessivo", "total geral");

    private static final java.util.regex.Pattern DAY_NUMBER = java.util.regex.Pattern.compile("\\d{1,5}");

    /** Rows of a summary table kept until the end: a summary has one row, so this is only a guard. */
    private static final int MAX_SUMMARY_POINTS = 10_000;

    /** The metrics this family maps, each with its headers in order of preference. */
    protected abstract List<MetricAlias> metrics();

    /** Headers of a column holding the day. */
    protected abstract List<String> dateHeaders();

    /** Headers of a column holding a day as an offset from the range's start ("Nth day"), if the family has one. */
    protected List<String> dayIndexHeaders() {
        return List.of();
    }

    /** Headers of a column naming the page (path, title, URL). */
    protected abstract List<String> pageHeaders();

    /** Headers of columns that are metrics this family knows but the catalogue has not (so they end the dimensions). */
    protected abstract List<String> ignoredMetricHeaders();

    /** A day as this family writes it in a date column, or empty. */
    protected abstract Optional<LocalDate> day(String text);

    /** The range a preamble line states ({@code # Start date: 20240101}...), merged into what is known so far. */
    protected abstract Optional<Range> range(String preambleLine, Range known);

    /** The preamble lines (cells joined back) of the first rows, for recognition. */
    static List<String> preamble(List<Row> head) {
        return head.stream().filter(row -> row.first().startsWith("#")).map(AnalyticsReport::line).toList();
    }

    /** A preamble row's text: a comma inside a title split it into cells, which are put back together. */
    static String line(Row row) {
        return String.join(",", row.cells()).strip();
    }

    /** Whether a header row names at least one of this family's metrics. */
    boolean namesAMetric(Row header) {
        return metrics().stream().anyMatch(alias -> Cells.column(header.cells(), alias.headers().toArray(String[]::new)) >= 0);
    }

    /** The upload's table: a text file (these tools download no zips nor workbooks). */
    static Optional<Sheet> textSheet(Upload upload) {
        return upload.kind() == Upload.Kind.TEXT && upload.sheets().size() == 1
                ? Optional.of(upload.sheets().get(0)) : Optional.empty();
    }

    @Override
    public void read(Upload upload, ImportSink sink) {
        Sheet sheet = upload.sheets().get(0);
        Reading reading = new Reading(sheet, sink);
        try (Rows rows = sheet.rows()) {
            while (rows.hasNext()) {
                reading.row(rows.next());
            }
        }
        reading.finish();
    }

    /** A table's header, as understood. */
    private record Table(List<String> headers, int date, int dayIndex, int page, Map<String, Column> columns,
                         String skipped) {
        boolean summary() {
            return date < 0 && dayIndex < 0 && page < 0;
        }
    }

    private record Column(int index, String header, Unit unit) {
    }

    private record Pending(Row row, String metric, LocalDate start, LocalDate end, double value) {
    }

    /** One pass over the file's rows: which table we are in, the range so far, the summaries kept for the end. */
    private final class Reading {
        private final Sheet sheet;
        private final ImportSink sink;
        private Range range;
        private Table table;
        private boolean summaryRowSeen;
        private boolean rangeProblemSaid;
        private final Set<String> daily = new HashSet<>();
        private final List<Pending> summaries = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();
        private long written;
        private boolean problems;

        Reading(Sheet sheet, ImportSink sink) {
            this.sheet = sheet;
            this.sink = sink;
        }

        void row(Row row) {
            if (row.first().startsWith("#")) {
                // a preamble block ends the table before it; the next row that is not one is a header
                table = null;
                range(line(row), range).ifPresent(r -> range = r);
                return;
            }
            if (row.isBlank()) {
                return;
            }
            if (table == null) {
                table = header(row);
                summaryRowSeen = false;
                if (table.skipped() != null && skipped.size() < 10) {
                    skipped.add(table.skipped());
                }
                return;
            }
            if (table.skipped() == null) {
                data(row);
            }
        }

        private Table header(Row row) {
            List<String> cells = row.cells();
            int firstMetric = -1;
            Map<String, Column> columns = new LinkedHashMap<>();
            for (MetricAlias alias : metrics()) {
                for (String name : alias.headers()) {
                    int index = Cells.column(cells, name);
                    if (index >= 0) {
                        columns.put(alias.metric(), new Column(index, cells.get(index).strip(), alias.unit()));
                        break;
                    }
                }
            }
            for (int i = 0; i < cells.size() && firstMetric < 0; i++) {
                int index = i;
                if (columns.values().stream().anyMatch(c -> c.index() == index)
                        || isKnownMetric(cells.get(i))) {
                    firstMetric = i;
                }
            }
            String described = "'" + String.join(", ", cells) + "' (line " + row.line() + ")";
            if (columns.isEmpty()) {
                return new Table(cells, -1, -1, -1, Map.of(), described + ": no column this product reads");
            }
            int date = -1;
            int dayIndex = -1;
            int page = -1;
            for (int i = 0; i < firstMetric; i++) {
                String header = cells.get(i);
                if (date < 0 && Cells.column(List.of(header), dateHeaders().toArray(String[]::new)) == 0) {
                    date = i;
                } else if (dayIndex < 0 && Cells.column(List.of(header), dayIndexHeaders().toArray(String[]::new)) == 0) {
                    dayIndex = i;
                } else if (page < 0 && Cells.column(List.of(header), pageHeaders().toArray(String[]::new)) == 0) {
                    page = i;
                } else if (!header.isBlank()) {
                    return new Table(cells, -1, -1, -1, Map.of(), described + ": broken down by '" + header.strip()
                            + "', which the catalogue has no dimension for");
                }
            }
            if (page >= 0) {
                // only page views are broken down by page in the catalogue: the table's other columns cannot be kept
                Column views = columns.get("web.pageviews");
                if (views == null) {
                    return new Table(cells, -1, -1, -1, Map.of(), described + ": broken down by page without a views column");
                }
                columns = Map.of("web.pageviews", views);
            }
            return new Table(cells, date, dayIndex, page, columns, null);
        }

        private boolean isKnownMetric(String header) {
            return Cells.column(List.of(header), ignoredMetricHeaders().toArray(String[]::new)) == 0;
        }

        private void data(Row row) {
            if (Cells.keyIn(row.first(), TOTALS)) {
                return;
            }
            LocalDate start;
            LocalDate end;
            if (table.date() >= 0) {
                String text = row.cell(table.date());
                if (text.isEmpty()) {
                    return; // Universal Analytics' totals row under a day table has an empty date
                }
                Optional<LocalDate> day = day(text);
                if (day.isEmpty()) {
                    sink.problem(row, header(table.date()) + ": '" + text + "' is not a date");
                    problems = true;
                    return;
                }
                start = day.get();
                end = start;
            } else if (table.dayIndex() >= 0) {
                String text = row.cell(table.dayIndex());
                if (text.isEmpty()) {
                    return;
                }
                if (!DAY_NUMBER.matcher(text).matches()) {
                    sink.problem(row, header(table.dayIndex()) + ": '" + text + "' is not a day number");
                    problems = true;
                    return;
                }
                if (!haveRange(row)) {
                    return;
                }
                start = range.start().plusDays(Long.parseLong(text));
                end = start;
            } else {
                if (!haveRange(row)) {
                    return;
                }
                start = range.start();
                end = range.end();
            }
            String page = null;
            if (table.page() >= 0) {
                page = row.cell(table.page());
                if (page.isEmpty() || Cells.isMissing(page)) {
                    return; // a page table's totals row leaves the page empty
                }
            }
            boolean summary = table.summary();
            if (summary && summaryRowSeen) {
                sink.problem(row, "a second row in a table without a date or page column: only one total per range");
                problems = true;
                return;
            }
            summaryRowSeen = summaryRowSeen || summary;
            for (Map.Entry<String, Column> entry : table.columns().entrySet()) {
                Column column = entry.getValue();
                String text = row.cell(column.index());
                if (Cells.isMissing(text)) {
                    continue;
                }
                OptionalDouble value = switch (column.unit()) {
                    case COUNT -> Cells.number(text, sheet.decimalComma());
                    case RATIO -> Cells.ratio(text, sheet.decimalComma());
                    case SECONDS -> Cells.seconds(text, sheet.decimalComma());
                };
                if (value.isEmpty()) {
                    sink.problem(row, column.header() + ": '" + text + "' is not a number");
                    problems = true;
                    continue;
                }
                if (summary) {
                    if (summaries.size() < MAX_SUMMARY_POINTS) {
                        summaries.add(new Pending(row, entry.getKey(), start, end, value.getAsDouble()));
                    }
                } else {
                    if (start.equals(end) && page == null) {
                        daily.add(entry.getKey());
                    }
                    sink.point(row, entry.getKey(), start, end, page, value.getAsDouble());
                    written++;
                }
            }
        }

        private String header(int column) {
            return column < table.headers().size() ? table.headers().get(column).strip() : "column " + (column + 1);
        }

        private boolean haveRange(Row row) {
            if (range != null && range.start() != null && range.end() != null) {
                return true;
            }
            if (!rangeProblemSaid) {
                sink.problem(row, "the file states no date range (its '#' lines have no start and end date), so "
                        + "this table's totals have no period");
                rangeProblemSaid = true;
                problems = true;
            }
            return false;
        }

        void finish() {
            for (Pending pending : summaries) {
                if (!daily.contains(pending.metric())) {
                    sink.point(pending.row(), pending.metric(), pending.start(), pending.end(), null, pending.value());
                    written++;
                }
            }
            if (written == 0 && !problems) {
                sink.problem(skipped.isEmpty()
                        ? "No table with a date, a page or a total of the metrics this product reads was found"
                        : "No table this product can store was found: " + String.join("; ", skipped));
            }
        }
    }
}
