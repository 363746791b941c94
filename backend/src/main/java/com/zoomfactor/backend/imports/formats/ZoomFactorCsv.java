package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.imports.files.Rows;
import com.zoomfactor.backend.imports.files.Sheet;
import com.zoomfactor.backend.imports.files.Upload;
import com.zoomfactor.backend.observations.PointReader;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The product's own CSV (docs/metrics.md), in one of two shapes told apart by the header:
 * <ul>
 *   <li>long: {@code date,metric,value[,dimension][,competitorId][,source]} (or {@code from,to} instead of
 *       {@code date} for period totals), one point per line;</li>
 *   <li>wide: {@code date,<metric key>,<metric key>,...}, one point per non-empty cell.</li>
 * </ul>
 * Tried last: any export the other formats recognise is theirs. Every point is checked like a JSON batch's.
 */
public final class ZoomFactorCsv implements ExportFormat {

    static final Set<String> LONG_COLUMNS = Set.of("date", "from", "to", "metric", "value", "dimension", "competitorid",
            "source");

    /** The two shapes. */
    public enum Form {
        LONG, WIDE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public String key() {
        return "zoom-factor-csv";
    }

    @Override
    public String label() {
        return "Zoom Factor CSV (long or wide form)";
    }

    @Override
    public boolean recognises(Upload upload) {
        return upload.kind() == Upload.Kind.TEXT && formOf(upload.sheets().get(0)) != null;
    }

    /** The shape the sheet's header announces, or null when it is not this format. */
    public static Form formOf(Sheet sheet) {
        List<Row> head = sheet.head(1);
        return head.isEmpty() ? null : formOf(header(head.get(0)));
    }

    private static Form formOf(List<String> header) {
        if (header.contains("metric") && header.contains("value")) {
            return Form.LONG;
        }
        if (header.size() >= 2 && header.get(0).equals("date")
                && header.stream().skip(1).anyMatch(name -> MetricCatalogue.find(name).isPresent())) {
            return Form.WIDE;
        }
        return null;
    }

    @Override
    public void read(Upload upload, ImportSink sink) {
        Sheet sheet = upload.sheets().get(0);
        try (Rows rows = sheet.rows()) {
            if (!rows.hasNext()) {
                sink.problem("The file is empty");
                return;
            }
            Row first = rows.next();
            List<String> header = header(first);
            Form form = formOf(header);
            if (!headerIsValid(form, header, first, sink)) {
                return;
            }
            Map<String, Integer> column = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                column.put(header.get(i), i);
            }
            while (rows.hasNext()) {
                Row row = rows.next();
                if (row.cells().size() != header.size()) {
                    sink.problem(row, "has " + row.cells().size() + " cells where the header has " + header.size());
                } else if (form == Form.LONG) {
                    readLong(row, column, sink);
                } else {
                    readWide(row, header, sink);
                }
            }
        }
    }

    private static boolean headerIsValid(Form form, List<String> header, Row first, ImportSink sink) {
        int problems = 0;
        if (form == Form.LONG) {
            for (int i = 0; i < header.size(); i++) {
                if (!LONG_COLUMNS.contains(header.get(i))) {
                    problems++;
                    sink.problem(first, i + 1, header.get(i), "unknown column; the long form has date (or from, to),"
                            + " metric, value and optionally dimension, competitorId, source");
                }
            }
            if (!header.contains("date") && !(header.contains("from") && header.contains("to"))) {
                problems++;
                sink.problem(first, 0, "date", "column missing (or from and to for periods)");
            }
        } else {
            for (int i = 1; i < header.size(); i++) {
                if (MetricCatalogue.find(header.get(i)).isEmpty()) {
                    problems++;
                    sink.problem(first, i + 1, header.get(i), "unknown metric (see GET /api/metrics)");
                }
            }
        }
        return problems == 0;
    }

    private static void readLong(Row row, Map<String, Integer> column, ImportSink sink) {
        PointReader.Fields fields = new PointReader.Fields(cell(row, column, "metric"), cell(row, column, "date"),
                cell(row, column, "from"), cell(row, column, "to"), cell(row, column, "value"),
                cell(row, column, "dimension"), cell(row, column, "competitorid"), cell(row, column, "source"));
        sink.point(row, fields, field -> {
            Integer index = column.get(field.toLowerCase(Locale.ROOT));
            return index == null ? 0 : index + 1;
        });
    }

    private static void readWide(Row row, List<String> header, ImportSink sink) {
        String date = row.cell(0);
        for (int i = 1; i < header.size(); i++) {
            String value = row.cell(i);
            if (value.isEmpty()) {
                continue;
            }
            int cellColumn = i + 1;
            String metric = header.get(i);
            sink.point(row, new PointReader.Fields(metric, date, null, null, value, null, null, null),
                    new ImportSink.Cells() {
                        @Override
                        public int column(String field) {
                            return field.equals("date") ? 1 : cellColumn;
                        }

                        @Override
                        public String name(String field) {
                            return field.equals("date") ? "date" : metric;
                        }
                    });
        }
    }

    private static List<String> header(Row row) {
        return row.cells().stream().map(name -> name.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT)).toList();
    }

    private static String cell(Row row, Map<String, Integer> column, String name) {
        Integer index = column.get(name);
        return index == null ? null : row.cell(index);
    }
}
