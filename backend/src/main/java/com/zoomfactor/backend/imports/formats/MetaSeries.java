package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Cells;
import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.imports.files.Rows;
import com.zoomfactor.backend.imports.files.Sheet;
import com.zoomfactor.backend.imports.files.Upload;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Meta Business Suite's per-metric series (Insights → a chart → Export), one file per metric, UTF-16LE with a BOM:
 * <pre>
 * sep=,
 * "Facebook reach"
 * "Date","Primary"
 * "2024-03-01T00:00:00","1234"
 * </pre>
 * The title line names the metric; dates are local midnights, so the day is the date part. Recognised by a
 * {@code "Date","Primary"} header with a one-cell title above it. A series whose title has no catalogue metric (views,
 * viewers, demographics) is reported as such and writes nothing.
 */
public final class MetaSeries implements ExportFormat {

    /** Titles (as {@link Cells#headerKey}) → catalogue metric. */
    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("facebook reach", "facebook.reach"),
            Map.entry("reach", "facebook.reach"),
            Map.entry("facebook visits", "facebook.page_visitors"),
            Map.entry("facebook page visits", "facebook.page_visitors"),
            Map.entry("visits", "facebook.page_visitors"),
            Map.entry("page visits", "facebook.page_visitors"),
            Map.entry("facebook follows", "facebook.new_follows"),
            Map.entry("follows", "facebook.new_follows"),
            Map.entry("new follows", "facebook.new_follows"),
            Map.entry("facebook new follows", "facebook.new_follows"),
            Map.entry("content interactions", "facebook.interactions"),
            Map.entry("facebook content interactions", "facebook.interactions"),
            Map.entry("interactions", "facebook.interactions"),
            Map.entry("link clicks", "facebook.link_clicks"),
            Map.entry("facebook link clicks", "facebook.link_clicks"));

    /** The series' header and the title line above it. */
    private record Layout(long headerLine, int date, int primary, String title) {
    }

    @Override
    public String key() {
        return "meta-series";
    }

    @Override
    public String label() {
        return "Meta Business Suite metric series";
    }

    private static Optional<Layout> layout(Sheet sheet) {
        String title = null;
        for (Row row : sheet.head(SocialTables.HEAD_ROWS)) {
            int date = Cells.column(row.cells(), "Date");
            int primary = Cells.column(row.cells(), "Primary");
            if (date >= 0 && primary >= 0) {
                return title == null ? Optional.empty() : Optional.of(new Layout(row.line(), date, primary, title));
            }
            if (row.filled() == 1 && !row.first().toLowerCase().startsWith("sep=")) {
                title = row.cells().stream().filter(cell -> !cell.isBlank()).findFirst().orElseThrow().strip();
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean recognises(Upload upload) {
        return upload.kind() == Upload.Kind.TEXT && layout(upload.sheets().get(0)).isPresent();
    }

    @Override
    public void read(Upload upload, ImportSink sink) {
        Sheet sheet = upload.sheets().get(0);
        Optional<Layout> found = layout(sheet);
        if (found.isEmpty()) {
            sink.problem("No Meta series: expected a title line, then \"Date\",\"Primary\"");
            return;
        }
        Layout layout = found.get();
        String metric = TITLES.get(Cells.headerKey(layout.title()));
        if (metric == null) {
            sink.problem("The series '" + layout.title() + "' has no metric in the catalogue; the series read are "
                    + "Facebook reach, Facebook visits, Facebook follows, Content interactions and Link clicks");
            return;
        }
        try (Rows rows = sheet.rows()) {
            while (rows.hasNext()) {
                Row row = rows.next();
                if (row.line() <= layout.headerLine() || row.isBlank() || SocialTables.isTotals(row)) {
                    continue;
                }
                Optional<LocalDate> day = SocialTables.day(row.cell(layout.date()));
                if (day.isEmpty()) {
                    sink.problem(row, "Date: '" + row.cell(layout.date()) + "' is not a date");
                    continue;
                }
                List<String> problems = new ArrayList<>();
                OptionalDouble value = SocialTables.number(row, layout.primary(), "Primary", sheet.decimalComma(),
                        problems);
                problems.forEach(problem -> sink.problem(row, problem));
                if (value.isPresent()) {
                    sink.point(row, metric, day.get(), day.get(), null, value.getAsDouble());
                }
            }
        }
    }
}
