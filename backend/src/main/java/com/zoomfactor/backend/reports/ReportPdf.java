package com.zoomfactor.backend.reports;

import com.zoomfactor.backend.annotations.Annotation;
import com.zoomfactor.backend.goals.Goal;
import com.zoomfactor.backend.scores.ScoreSnapshot;
import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.metrics.Unit;
import com.zoomfactor.domain.score.ComponentScore;
import com.zoomfactor.domain.score.Driver;
import com.zoomfactor.domain.score.Signal;
import com.zoomfactor.domain.score.ZoomFactor;
import com.zoomfactor.domain.series.DailyValue;
import com.zoomfactor.domain.series.Granularity;
import com.zoomfactor.domain.series.SeriesAggregator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * The PDF report: the client, the period and when it was made; the score with its components and drivers; a chart
 * of the score history and one per metric with data, annotations marked; the annotations; the goals; page numbers
 * and the methodology. Bounded whatever the data: at most one chart per catalogue metric, and lists cut at a fixed
 * length with the number left out said.
 */
final class ReportPdf {

    /** The most annotations and goals listed (and annotations marked on the charts). */
    static final int MAX_ANNOTATIONS = 100;
    static final int MAX_GOALS = 50;
    static final int MAX_DRIVERS = 10;
    /** Periods longer than this many days are charted by week. */
    static final int WEEKLY_AFTER_DAYS = 183;

    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    private ReportPdf() {
    }

    static byte[] render(ReportData data) {
        try (PDDocument doc = new PDDocument()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Zoom Factor report: " + data.clientName() + ", " + data.from() + " to " + data.to());
            info.setCreator("Zoom Factor");
            try (PdfWriter out = new PdfWriter(doc)) {
                header(out, data);
                score(out, data.score());
                List<Annotation> annotations = data.annotations().subList(0,
                        Math.min(MAX_ANNOTATIONS, data.annotations().size()));
                List<ReportCharts.Marker> markers = markers(annotations);
                charts(out, data, markers);
                annotations(out, annotations, data.annotations().size());
                goals(out, data.goals());
                methodology(out, data.score());
                out.numberPages("Zoom Factor report · " + data.clientName() + " · " + data.from() + " to " + data.to());
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // written to memory: a failure here is a bug
        }
    }

    private static void header(PdfWriter out, ReportData data) throws IOException {
        out.text("Zoom Factor report", out.bold, 20);
        out.space(4);
        out.text(data.clientName(), out.bold, 14);
        out.text("Period: " + data.from() + " to " + data.to() + " · generated "
                + GENERATED.format(data.generatedAt().atZoneSameInstant(ZoneOffset.UTC)), out.regular, 10);
        out.space(10);
    }

    private static void score(PdfWriter out, ZoomFactor z) throws IOException {
        out.text("Zoom Factor as of " + z.asOf(), out.bold, 13);
        if (!z.scored()) {
            out.text(z.reason(), out.regular, 10);
            out.space(8);
            return;
        }
        out.text(String.format(Locale.ROOT, "Score %.1f · quality %.1f · coverage %.0f%% · authenticity factor %.2f",
                z.score(), z.quality(), z.coverage() * 100, z.authenticity().factor()), out.bold, 11);
        out.space(4);
        float[] columns = {0, 200, 290, 400};
        out.row(new String[] {"Component", "Weight", "Normalised value", "Contribution"}, columns, true);
        for (ComponentScore c : z.components()) {
            out.row(new String[] {c.label(), String.format(Locale.ROOT, "%.0f%%", c.weight() * 100),
                    c.measured() ? String.format(Locale.ROOT, "%.1f", c.score()) : "not measured",
                    String.format(Locale.ROOT, "%.1f", c.contribution())}, columns, false);
        }
        for (Signal signal : z.authenticity().signals()) {
            out.text(String.format(Locale.ROOT, "Authenticity: %s (-%.0f%%)", signal.message(),
                    signal.discount() * 100), out.regular, 9);
        }
        out.space(6);
        out.text("What moved the score", out.bold, 11);
        if (z.drivers().isEmpty()) {
            out.text("Nothing moved it noticeably since the previous window.", out.regular, 10);
        }
        for (Driver driver : z.drivers().subList(0, Math.min(MAX_DRIVERS, z.drivers().size()))) {
            out.text("• " + driver.message(), out.regular, 10);
        }
        out.space(8);
    }

    private static List<ReportCharts.Marker> markers(List<Annotation> annotations) {
        List<ReportCharts.Marker> markers = new ArrayList<>();
        for (int i = 0; i < annotations.size(); i++) {
            markers.add(new ReportCharts.Marker(annotations.get(i).date(), "A" + (i + 1)));
        }
        return markers;
    }

    private static void charts(PdfWriter out, ReportData data, List<ReportCharts.Marker> markers) throws IOException {
        out.text("Score history", out.bold, 13);
        if (data.history().isEmpty()) {
            out.text("No score was recorded in this period.", out.regular, 10);
        } else {
            List<ReportCharts.Point> points = new ArrayList<>();
            for (ScoreSnapshot s : data.history()) {
                points.add(new ReportCharts.Point(s.computedAt().atZoneSameInstant(ZoneOffset.UTC).toLocalDate(),
                        s.score()));
            }
            chart(out, "Zoom Factor (0-100), by the day each score was recorded",
                    ReportCharts.line("Zoom Factor", "score", points, markers, data.from(), data.to(),
                            new double[] {0, 100}));
            if (data.historyTruncated()) {
                out.text("The period holds more recorded scores than shown: the chart shows the newest.",
                        out.regular, 8);
            }
        }
        out.space(8);
        out.text("Metrics", out.bold, 13);
        // a long period is drawn by week (each metric rolled up its own way): 730 daily points are a blur at this
        // width, and a heavier image for no more information; the CSV keeps every day
        boolean weekly = ChronoUnit.DAYS.between(data.from(), data.to()) + 1 > WEEKLY_AFTER_DAYS;
        Granularity granularity = weekly ? Granularity.WEEK : Granularity.DAY;
        int charted = 0;
        for (Metric metric : MetricCatalogue.all()) { // bounded: one chart per catalogue metric at most
            List<DailyValue> days = data.series().getOrDefault(metric.key(), List.of());
            if (days.isEmpty()) {
                continue;
            }
            List<ReportCharts.Point> points = SeriesAggregator.aggregate(days, List.of(), granularity,
                            metric.aggregation()).points().stream()
                    .map(b -> new ReportCharts.Point(b.date(), b.value())).toList();
            chart(out, metric.label() + " (" + metric.key() + ")" + (weekly ? ", by week" : ""),
                    ReportCharts.line(metric.label(),
                    unitLabel(metric.unit()), points, markers, data.from(), data.to(), null));
            charted++;
        }
        if (charted == 0) {
            out.text("No metric has data in this period.", out.regular, 10);
        }
        out.space(8);
    }

    /** A caption and its chart, kept on one page. */
    private static void chart(PdfWriter out, String caption, java.awt.image.BufferedImage image) throws IOException {
        out.need(ReportCharts.HEIGHT + 24);
        out.text(caption, out.bold, 10);
        out.image(image, ReportCharts.WIDTH, ReportCharts.HEIGHT);
        out.space(6);
    }

    private static String unitLabel(Unit unit) {
        return switch (unit) {
            case COUNT -> "count";
            case RATIO -> "share (0-1)";
            case SECONDS -> "seconds";
            case POSITION -> "position";
        };
    }

    private static void annotations(PdfWriter out, List<Annotation> shown, int total) throws IOException {
        out.need(60);
        out.text("Annotations", out.bold, 13);
        if (shown.isEmpty()) {
            out.text("No annotations in this period.", out.regular, 10);
        }
        for (int i = 0; i < shown.size(); i++) {
            Annotation a = shown.get(i);
            String about = a.metric() == null ? "" : " [" + a.metric() + "]";
            String by = a.createdBy() == null || a.createdBy().name() == null ? "" : " (" + a.createdBy().name() + ")";
            out.text("A" + (i + 1) + "  " + a.date() + about + ": " + a.text() + by, out.regular, 10);
        }
        if (total > shown.size()) {
            out.text("… and " + (total - shown.size()) + " more (GET /api/clients/{id}/annotations lists them all).",
                    out.regular, 9);
        }
        out.space(8);
    }

    private static void goals(PdfWriter out, List<Goal> goals) throws IOException {
        out.need(60);
        out.text("Goals", out.bold, 13);
        if (goals.isEmpty()) {
            out.text("No goals set.", out.regular, 10);
            out.space(8);
            return;
        }
        float[] columns = {0, 150, 215, 285, 355, 425};
        out.row(new String[] {"Goal", "Target", "Deadline", "Current", "Progress", "Status"}, columns, true);
        for (Goal g : goals.subList(0, Math.min(MAX_GOALS, goals.size()))) {
            String subject = "score".equals(g.metric()) ? "Zoom Factor"
                    : MetricCatalogue.find(g.metric()).map(Metric::label).orElse(g.metric());
            out.row(new String[] {subject, number(g.target()), g.deadline().toString(),
                    g.current() == null ? "-" : number(g.current()),
                    g.progress() == null ? "-" : String.format(Locale.ROOT, "%.0f%%", g.progress() * 100),
                    g.status().replace('_', ' ')}, columns, false);
        }
        if (goals.size() > MAX_GOALS) {
            out.text("… and " + (goals.size() - MAX_GOALS) + " more goals.", out.regular, 9);
        }
        out.space(8);
    }

    private static void methodology(PdfWriter out, ZoomFactor z) throws IOException {
        out.need(40);
        out.text("Methodology " + z.methodologyVersion() + ". The formula, its rules and a worked example are "
                + "published in docs/methodology.md; GET /api/clients/{id}/score answers the full explanation.",
                out.regular, 8);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
    }
}
