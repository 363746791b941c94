package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.imports.files.Rows;
import com.zoomfactor.backend.imports.files.Sheet;
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
abstract class SocialDailyTable extends SocialTable {

    /** A catalogue metric and the headers its column goes by (across versions: {@code likes}, {@code favorites}). */
    record Column(String metric, String... headers) {
    }

    /** The headers of the date column. */
    abstract String[] dateHeaders();

    /** The column groups a header must have, besides the date, to be this format. */
    abstract List<String[]> signature();

    /** The columns written, each to its metric. */
    abstract List<Column> columns();

    @Override
    List<String[]> required() {
        List<String[]> required = new ArrayList<>();
        required.add(dateHeaders());
        required.addAll(signature());
        return required;
    }

    @Override
    void read(Sheet sheet, SocialTables.Header header, ImportSink sink) {
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

    @Override
    String expected() {
        return super.expected() + " (and any of "
                + String.join(", ", columns().stream().map(column -> column.headers()[0]).toList()) + ")";
    }

    static String[] names(String... names) {
        return Arrays.copyOf(names, names.length);
    }
}
