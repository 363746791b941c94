package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Cells;
import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.imports.files.Rows;
import com.zoomfactor.backend.imports.files.Sheet;
import com.zoomfactor.backend.imports.files.Upload;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Google Search Console performance export: the zip the Performance report's "Export → Download CSV" gives
 * ({@code Queries.csv}, {@code Pages.csv}, {@code Countries.csv}, {@code Devices.csv}, {@code Search appearance.csv},
 * {@code Dates.csv} — {@code Chart.csv} in newer exports — and {@code Filters.csv}), or one of its files alone. Each
 * table is a dimension column then {@code Clicks, Impressions, CTR, Position}; CTR is a percentage ({@code 0.43%},
 * {@code 0,43 %} in French). Headers follow the account's language: the alias table below has English, French,
 * German and Spanish. Sheets are told apart by their header, not their file name (names are localised too).
 *
 * <p>Dates/Chart rows are daily totals. Queries rows are totals over the export's range, which the file does not
 * state: it is taken from {@code Filters.csv} when that names dates, else from the first and last day of the
 * Dates/Chart file of the same zip; a Queries file without either is refused rather than guessed. Pages, countries,
 * devices and search appearance are not read: the catalogue breaks search results down by query only.
 */
public final class SearchConsolePerformance implements ExportFormat {

    private static final String[] CLICKS = {"Clicks", "Clics", "Klicks"};
    private static final String[] IMPRESSIONS = {"Impressions", "Impressionen", "Impresiones"};
    private static final String[] CTR = {"CTR"};
    private static final String[] POSITION = {"Position", "Posición", "Posizione", "Position moyenne"};
    private static final String[] QUERY = {"Top queries", "Query", "Queries", "Requêtes les plus fréquentes",
            "Requêtes", "Requête", "Häufigste Suchanfragen", "Suchanfragen", "Consultas principales", "Consultas",
            "Query principali"};
    private static final String[] DATE = {"Date", "Datum", "Fecha", "Data"};
    private static final String[] OTHER = {"Top pages", "Page", "Pages", "Pages les plus populaires", "Page",
            "Häufigste Seiten", "Seiten", "Páginas principales", "Country", "Countries", "Pays", "Land", "País",
            "Device", "Devices", "Appareil", "Appareils", "Gerät", "Dispositivo", "Search appearance",
            "Apparence dans les résultats de recherche", "Darstellung in der Suche", "Aspecto en los resultados de búsqueda"};
    private static final String[] FILTER = {"Filter", "Filtre", "Filtro"};
    private static final String[] VALUE = {"Value", "Valeur", "Wert", "Valor"};
    /** A Filters.csv row naming the range, or each end of it. */
    private static final String[] RANGE_FILTER = {"Date", "Date range", "Période", "Plage de dates", "Datum",
            "Zeitraum", "Fecha", "Intervalo de fechas"};
    private static final String[] START_FILTER = {"Start date", "Date de début", "Startdatum", "Fecha de inicio"};
    private static final String[] END_FILTER = {"End date", "Date de fin", "Enddatum", "Fecha de finalización"};

    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern WRITTEN = Pattern.compile("([A-Za-z]{3})[a-z]* (\\d{1,2}), (\\d{4})");

    private enum Kind { QUERIES, DATES, FILTERS, OTHER }

    private record Table(Sheet sheet, Kind kind) {
    }

    @Override
    public String key() {
        return "search-console";
    }

    @Override
    public String label() {
        return "Google Search Console performance export (zip or CSV)";
    }

    /** A sheet whose header is a query, page, country, device, appearance or date column, then the four metrics. */
    @Override
    public boolean recognises(Upload upload) {
        return upload.kind() != Upload.Kind.WORKBOOK
                && upload.sheets().stream().anyMatch(sheet -> kind(sheet).filter(k -> k != Kind.FILTERS).isPresent());
    }

    private static Optional<Kind> kind(Sheet sheet) {
        List<Row> head = sheet.head(1);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        List<String> header = head.get(0).cells();
        if (header.size() == 2 && Cells.column(header, FILTER) == 0 && Cells.column(header, VALUE) == 1) {
            return Optional.of(Kind.FILTERS);
        }
        if (Cells.column(header, CLICKS) < 0 || Cells.column(header, IMPRESSIONS) < 0
                || Cells.column(header, POSITION) < 0) {
            return Optional.empty();
        }
        List<String> first = header.subList(0, 1);
        if (Cells.column(first, QUERY) == 0) {
            return Optional.of(Kind.QUERIES);
        }
        if (Cells.column(first, DATE) == 0) {
            return Optional.of(Kind.DATES);
        }
        return Cells.column(first, OTHER) == 0 ? Optional.of(Kind.OTHER) : Optional.empty();
    }

    @Override
    public void read(Upload upload, ImportSink sink) {
        List<Table> tables = new ArrayList<>();
        for (Sheet sheet : upload.sheets()) {
            kind(sheet).ifPresent(kind -> tables.add(new Table(sheet, kind)));
        }
        // the daily chart first: its first and last day are the range the query totals cover, if Filters has none
        LocalDate[] chart = new LocalDate[2];
        for (Table table : tables) {
            if (table.kind() == Kind.DATES) {
                readRows(table.sheet(), null, sink, chart);
            }
        }
        LocalDate[] range = null;
        for (Table table : tables) {
            if (table.kind() == Kind.FILTERS) {
                range = filterRange(table.sheet());
            }
        }
        if (range == null && chart[0] != null) {
            range = chart;
        }
        boolean read = false;
        for (Table table : tables) {
            if (table.kind() == Kind.QUERIES) {
                if (range == null) {
                    sink.problem(table.sheet().name() + ": the queries' totals cover a date range the file does "
                            + "not state; upload the whole zip Search Console downloads (its Dates or Chart and "
                            + "Filters files give the range)");
                } else {
                    readRows(table.sheet(), range, sink, null);
                }
                read = true;
            }
            read |= table.kind() == Kind.DATES;
        }
        if (!read) {
            sink.problem("Only pages, countries, devices or search appearance were found ("
                    + String.join(", ", tables.stream().map(t -> t.sheet().name()).toList())
                    + "): the catalogue breaks search results down by query only; upload the zip with Queries and "
                    + "Dates (or Chart)");
        }
    }

    /**
     * Reads a Dates/Chart table ({@code range == null}: daily totals, widening {@code seen} to the days read) or a
     * Queries table (totals per query over {@code range}).
     */
    private static void readRows(Sheet sheet, LocalDate[] range, ImportSink sink, LocalDate[] seen) {
        try (Rows rows = sheet.rows()) {
            if (!rows.hasNext()) {
                return;
            }
            List<String> header = rows.next().cells();
            int clicks = Cells.column(header, CLICKS);
            int impressions = Cells.column(header, IMPRESSIONS);
            int ctr = Cells.column(header, CTR);
            int position = Cells.column(header, POSITION);
            // localised exports write decimal commas ("0,43 %", "5,2") even when the delimiter is a comma
            boolean decimalComma = sheet.decimalComma()
                    || !Cells.headerKey(header.get(clicks)).equals("clicks");
            while (rows.hasNext()) {
                Row row = rows.next();
                String key = row.first();
                if (key.isEmpty()) {
                    continue;
                }
                LocalDate start;
                LocalDate end;
                String dimension;
                if (range == null) {
                    Optional<LocalDate> day = day(key);
                    if (day.isEmpty()) {
                        sink.problem(row, header.get(0).strip() + ": '" + key + "' is not a date");
                        continue;
                    }
                    start = day.get();
                    end = start;
                    dimension = null;
                    if (seen[0] == null || start.isBefore(seen[0])) {
                        seen[0] = start;
                    }
                    if (seen[1] == null || start.isAfter(seen[1])) {
                        seen[1] = start;
                    }
                } else {
                    start = range[0];
                    end = range[1];
                    dimension = key;
                }
                value(row, header, clicks, false, decimalComma, sink, "search.clicks", start, end, dimension);
                value(row, header, impressions, false, decimalComma, sink, "search.impressions", start, end, dimension);
                value(row, header, ctr, true, decimalComma, sink, "search.ctr", start, end, dimension);
                value(row, header, position, false, decimalComma, sink, "search.avg_position", start, end, dimension);
            }
        }
    }

    private static void value(Row row, List<String> header, int column, boolean ratio, boolean decimalComma,
                              ImportSink sink, String metric, LocalDate start, LocalDate end, String dimension) {
        if (column < 0) {
            return;
        }
        String text = row.cell(column);
        if (Cells.isMissing(text)) {
            return;
        }
        OptionalDouble value = ratio ? Cells.ratio(text, decimalComma) : Cells.number(text, decimalComma);
        if (value.isEmpty()) {
            sink.problem(row, header.get(column).strip() + ": '" + text + "' is not a number");
            return;
        }
        sink.point(row, metric, start, end, dimension, value.getAsDouble());
    }

    private static Optional<LocalDate> day(String text) {
        try {
            if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return Optional.of(LocalDate.parse(text));
            }
            if (text.matches("\\d{8}")) {
                return Optional.of(LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The range Filters.csv states: {@code Start date}/{@code End date} rows, or a {@code Date} row whose value holds
     * two dates (ISO, or "Jan 1, 2024"). A relative value ("Last 3 months") states no dates: empty.
     */
    private static LocalDate[] filterRange(Sheet sheet) {
        LocalDate start = null;
        LocalDate end = null;
        try (Rows rows = sheet.rows()) {
            int count = 0;
            while (rows.hasNext() && count++ < 100) {
                Row row = rows.next();
                List<String> name = List.of(row.first());
                List<LocalDate> dates = dates(row.cell(1));
                if (Cells.column(name, START_FILTER) == 0 && dates.size() == 1) {
                    start = dates.get(0);
                } else if (Cells.column(name, END_FILTER) == 0 && dates.size() == 1) {
                    end = dates.get(0);
                } else if (Cells.column(name, RANGE_FILTER) == 0 && dates.size() == 2) {
                    start = dates.get(0);
                    end = dates.get(1);
                }
            }
        }
        return start != null && end != null && !end.isBefore(start) ? new LocalDate[] {start, end} : null;
    }

    private static List<LocalDate> dates(String text) {
        List<LocalDate> dates = new ArrayList<>();
        try {
            Matcher iso = ISO.matcher(text);
            while (iso.find()) {
                dates.add(LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3))));
            }
            // written dates only when no ISO date was found
            Matcher written = WRITTEN.matcher(dates.isEmpty() ? text : "");
            while (dates.size() < 2 && written.find()) {
                int month = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
                        .indexOf(written.group(1).toLowerCase(Locale.ROOT)) + 1;
                if (month > 0) {
                    dates.add(LocalDate.of(Integer.parseInt(written.group(3)), month, Integer.parseInt(written.group(2))));
                }
            }
        } catch (DateTimeException e) {
            return List.of();
        }
        return dates;
    }
}
