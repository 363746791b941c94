package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.imports.files.Rows;
import com.zoomfactor.backend.imports.files.Sheet;
import com.zoomfactor.backend.imports.files.Upload;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A social export with one row per day and one column per counter (X's by-day tweet activity, X's 2024+ account
 * overview): each mapped column becomes the day's point of its catalogue metric. Rows may come in any order (the
 * account overview is newest first); a missing cell writes no point.
 */
abstract class SocialDailyTable implements ExportFormat {

    /** A catalogue metric and the headers its column goes by (across versions: {@code likes}, {@code favorites}). */
    record Column(String metric, String... headers) {
    }

    /** The headers of the date column. */
    abstract String[] dateHeaders();

    /** The column groups a header must have, besides the date, to be this format. */
    abstract List<String[]> signature();

    /** Whether a header that has the signature is still another format's (a per-post export's). */
    boolean excludes(SocialTables.Header header) {
        return false;
    }

    /** The columns written, each to its metric. */
    abstract List<Column> columns();

    private List<String[]> required() {
        List<String[]> required = new ArrayList<>();
        required.add(dateHeaders());
        required.addAll(signature());
        return required;
    }

    private Optional<SocialTables.Header> header(Sheet sheet) {
        return SocialTables.header(sheet, required()).filter(header -> !excludes(header));
    }

    @Override
    public boolean recognises(Upload upload) {
        return upload.kind() == Upload.Kind.TEXT && header(upload.sheets().get(0)).isPresent();
    }

    @Override
    public void read(Upload upload, ImportSink sink) {
        Sheet sheet = upload.sheets().get(0);
        Optional<SocialTables.Header> found = header(sheet);
        if (found.isEmpty()) {
            sink.problem("No " + label() + " header: expected the columns " + expected() + "; found "
                    + sheet.head(1).stream().findFirst().map(row -> SocialTables.found(row.cells())).orElse("nothing"));
            return;
        }
        SocialTables.Header header = found.get();
        int date = header.column(dateHeaders());
        List<Column> columns = columns();
        int[] at = columns.stream().mapToInt(column -> header.column(column.headers())).toArray();
        boolean decimalComma = sheet.decimalComma();
        try (Rows rows = sheet.rows()) {
            while (rows.hasNext()) {
                Row row = rows.next();
                if (row.line() <= header.line() || row.isBlank() || SocialTables.isTotals(row)) {
                    continue;
                }
                Optional<LocalDate> day = SocialTables.day(row.cell(date));
                if (day.isEmpty()) {
                    sink.problem(row, header.cells().get(date).strip() + ": '" + row.cell(date) + "' is not a date");
                    continue;
                }
                List<String> problems = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    OptionalDouble value = SocialTables.number(row, at[i], header.cells().get(Math.max(at[i], 0)).strip(),
                            decimalComma, problems);
                    if (value.isPresent()) {
                        sink.point(row, columns.get(i).metric(), day.get(), day.get(), null, value.getAsDouble());
                    }
                }
                problems.forEach(problem -> sink.problem(row, problem));
            }
        }
    }

    private String expected() {
        return String.join(", ", required().stream().map(names -> names[0]).toList()) + " (and any of "
                + String.join(", ", columns().stream().map(column -> column.headers()[0]).toList()) + ")";
    }

    static String[] names(String... names) {
        return Arrays.copyOf(names, names.length);
    }
}
