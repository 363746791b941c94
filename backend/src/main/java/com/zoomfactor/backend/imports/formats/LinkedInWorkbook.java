package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Cells;
import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.imports.files.Rows;
import com.zoomfactor.backend.imports.files.Sheet;
import com.zoomfactor.backend.imports.files.Upload;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What LinkedIn's page analytics workbooks ({@code .xls} before 2024, {@code .xlsx} since) have in common: every sheet
 * starts with a description row (one sentence, "Aggregated metrics for the posts of your page...") above its header
 * row, the header names columns in English as {@code Name (organic|sponsored|total)}, and a daily sheet has a
 * {@code Date} column holding either a real date cell (read as an ISO date by {@link Upload}) or text in US order
 * ({@code 01/18/2025}). Demographic sheets (location, job function, seniority, industry, company size) have no date
 * and are never read.
 */
abstract class LinkedInWorkbook implements ExportFormat {

    /** The header is the first row that names the wanted columns, within this many rows of the sheet's top. */
    static final int HEADER_SEARCH_ROWS = 6;

    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})(?:[T ].*)?");
    private static final Pattern US = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})(?:\\s.*)?");
    private static final Set<String> TOTALS = Set.of("total", "totals", "grand total", "total general", "gesamt",
            "summe", "totaal");

    /** One column of a daily sheet and the catalogue metric it becomes, with its names across versions. */
    record DailyColumn(String metric, String... aliases) {
    }

    /** A table found in a sheet: its header row and the column of each name asked for. */
    record Table(Sheet sheet, Row header) {

        int column(String... aliases) {
            return Cells.column(header.cells(), aliases);
        }
    }

    /** The first sheet of a workbook upload whose header (near the top) has a column for every group of aliases. */
    static Optional<Table> find(Upload upload, List<String[]> required) {
        if (upload.kind() != Upload.Kind.WORKBOOK) {
            return Optional.empty();
        }
        for (Sheet sheet : upload.sheets()) {
            Optional<Table> table = table(sheet, required);
            if (table.isPresent()) {
                return table;
            }
        }
        return Optional.empty();
    }

    /** The sheet's header row, when one of its first rows has a column for every group of aliases. */
    static Optional<Table> table(Sheet sheet, List<String[]> required) {
        for (Row row : sheet.head(HEADER_SEARCH_ROWS)) {
            if (required.stream().allMatch(aliases -> Cells.column(row.cells(), aliases) >= 0)) {
                return Optional.of(new Table(sheet, row));
            }
        }
        return Optional.empty();
    }

    /**
     * Reads a daily sheet: one point per row and mapped column, the day from the {@code Date} column. Blank rows,
     * totals rows and rows above the header are skipped; a missing cell writes nothing; a date or number that cannot
     * be read is a problem naming the column and the text.
     */
    static void readDaily(Table table, List<DailyColumn> columns, ImportSink sink) {
        int dateColumn = table.column("Date");
        int[] index = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            index[i] = table.column(columns.get(i).aliases());
        }
        try (Rows rows = table.sheet().rows()) {
            while (rows.hasNext()) {
                Row row = rows.next();
                if (row.line() <= table.header().line() || row.isBlank() || isTotals(row.cell(dateColumn))) {
                    continue;
                }
                Optional<LocalDate> day = date(row.cell(dateColumn));
                if (day.isEmpty()) {
                    sink.problem(row, "Date: '" + row.cell(dateColumn) + "' is not a date");
                    continue;
                }
                for (int i = 0; i < columns.size(); i++) {
                    if (index[i] < 0) {
                        continue;
                    }
                    String text = row.cell(index[i]);
                    if (Cells.isMissing(text)) {
                        continue;
                    }
                    OptionalDouble value = Cells.number(text, false);
                    if (value.isEmpty()) {
                        sink.problem(row, table.header().cell(index[i]) + ": '" + text + "' is not a number");
                    } else {
                        sink.point(row, columns.get(i).metric(), day.get(), day.get(), null, value.getAsDouble());
                    }
                }
            }
        }
    }

    /** A day as LinkedIn writes it: an ISO date (a date cell, as the upload reads it) or US text ({@code 01/18/2025}). */
    static Optional<LocalDate> date(String text) {
        String s = text == null ? "" : text.strip();
        try {
            Matcher iso = ISO.matcher(s);
            if (iso.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3))));
            }
            Matcher us = US.matcher(s);
            if (us.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(us.group(3)), Integer.parseInt(us.group(1)),
                        Integer.parseInt(us.group(2))));
            }
        } catch (DateTimeException e) {
            // 02/31/2025: not a day
        }
        return Optional.empty();
    }

    /** Whether a first cell says the row sums the others. */
    static boolean isTotals(String first) {
        return TOTALS.contains(first.strip().toLowerCase(Locale.ROOT));
    }
}
