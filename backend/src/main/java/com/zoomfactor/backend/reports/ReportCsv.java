package com.zoomfactor.backend.reports;

import com.zoomfactor.backend.scores.ScoreSnapshot;
import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.series.DailyValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The report's data as CSV (RFC 4180, UTF-8, CRLF): one row per day and metric of the period, by day then in the
 * catalogue's order, then one row per recorded score. Columns (docs/api.md):
 * {@code kind,date,metric,value,computed_at,cause,methodology_version}; {@code kind} is {@code series} or
 * {@code score}, and the last three are empty on series rows.
 */
final class ReportCsv {

    static final String[] HEADER = {"kind", "date", "metric", "value", "computed_at", "cause", "methodology_version"};

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(HEADER).get();

    private ReportCsv() {
    }

    static byte[] render(ReportData data) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            for (Row row : seriesRows(data)) {
                csv.printRecord("series", row.date().toString(), text(row.metric()), number(row.value()), "", "", "");
            }
            for (ScoreSnapshot s : data.history()) {
                csv.printRecord("score", s.asOf().toString(), "score", number(s.score()), s.computedAt().toString(),
                        text(s.cause().key()), text(s.methodologyVersion()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private record Row(LocalDate date, int order, String metric, double value) {
    }

    private static List<Row> seriesRows(ReportData data) {
        List<Metric> catalogue = MetricCatalogue.all();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < catalogue.size(); i++) {
            String key = catalogue.get(i).key();
            for (DailyValue day : data.series().getOrDefault(key, List.of())) {
                rows.add(new Row(day.date(), i, key, day.value()));
            }
        }
        rows.sort(Comparator.comparing(Row::date).thenComparingInt(Row::order));
        return rows;
    }

    /** Numbers in plain notation (no exponent), so that any spreadsheet reads them as numbers. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * A text cell, kept from being read as a formula by a spreadsheet: one starting with = + - @ or a tab or carriage
     * return gets a leading apostrophe (OWASP's advice). Numbers are never text cells, so a negative number stays one.
     */
    static String text(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }
}
