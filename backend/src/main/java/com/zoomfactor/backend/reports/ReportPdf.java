package com.zoomfactor.backend.reports;

import com.zoomfactor.backend.annotations.Annotation;
import com.zoomfactor.backend.branding.Branding;
import com.zoomfactor.backend.branding.LogoFile;
import com.zoomfactor.backend.goals.Goal;
import com.zoomfactor.backend.scores.ScoreSnapshot;
import com.zoomfactor.domain.goals.GoalForecast;
import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.metrics.Polarity;
import com.zoomfactor.domain.metrics.Unit;
import com.zoomfactor.domain.metrics.ValueFormat;
import com.zoomfactor.domain.score.Component;
import com.zoomfactor.domain.score.ComponentScore;
import com.zoomfactor.domain.score.Driver;
import com.zoomfactor.domain.score.Signal;
import com.zoomfactor.domain.score.ZoomFactor;
import com.zoomfactor.domain.series.DailyValue;
import com.zoomfactor.domain.series.Granularity;
import com.zoomfactor.domain.series.SeriesAggregator;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The PDF report, written for the agency's client: the agency's name, logo and colour; the client, the period and
 * when it was made; the score with its components and what moved it, in words; the score's daily history and one
 * chart per metric with data (labels and units people read, annotations marked); the annotations chosen; the goals
 * with how near each is; the methodology in one paragraph with its public link; the agency's footer, page numbers
 * and, when the agency keeps it, a small "powered by Zoom Factor". Bounded whatever the data: at most one chart per
 * catalogue metric, and lists cut at a fixed length with the number left out said.
 */
final class ReportPdf {

    /** The most annotations and goals listed (and annotations marked on the charts). */
    static final int MAX_ANNOTATIONS = 100;
    static final int MAX_GOALS = 50;
    static final int MAX_DRIVERS = 10;
    /** Periods longer than this many days are charted by week. */
    static final int WEEKLY_AFTER_DAYS = 183;
    static final String POWERED_BY = "Powered by Zoom Factor";

    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    /** The engine's driver message: "what happened: component ±delta". */
    private static final Pattern DRIVER = Pattern.compile("^(.*): ([a-z_]+) ([+-]\\d+(?:\\.\\d+)?)$");
    private static final float LOGO_HEIGHT = 36;

    private ReportPdf() {
    }

    static byte[] render(ReportData data) {
        try (PDDocument doc = new PDDocument()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(data.branding().name() + " report: " + data.clientName() + ", " + data.from() + " to "
                    + data.to());
            info.setAuthor(data.branding().name());
            info.setCreator(data.branding().poweredBy() ? "Zoom Factor" : data.branding().name());
            try (PdfWriter out = new PdfWriter(doc)) {
                Color brand = Color.decode(data.branding().colourOrDefault());
                header(out, doc, data, brand);
                score(out, data.score(), brand);
                List<Annotation> annotations = data.annotations().subList(0,
                        Math.min(MAX_ANNOTATIONS, data.annotations().size()));
                List<ReportCharts.Marker> markers = markers(annotations);
                charts(out, data, markers, brand);
                annotations(out, annotations, data.annotations().size(), brand);
                goals(out, data.goals(), brand);
                methodology(out, data, brand);
                String footer = data.branding().footer() != null ? data.branding().footer()
                        : data.branding().name() + " · " + data.clientName() + " · " + DAY.format(data.from()) + " to "
                        + DAY.format(data.to());
                out.finishPages(footer, data.branding().poweredBy() ? POWERED_BY : null);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // written to memory: a failure here is a bug
        }
    }

    private static void header(PdfWriter out, PDDocument doc, ReportData data, Color brand) throws IOException {
        PDImageXObject logo = logo(doc, data.logo());
        if (logo != null) {
            float width = Math.min(PdfWriter.WIDTH / 3, LOGO_HEIGHT * logo.getWidth() / logo.getHeight());
            out.imageAtRight(logo, width, width * logo.getHeight() / logo.getWidth());
        }
        out.text(data.branding().name(), out.bold, 11, brand);
        out.space(6);
        out.text(data.clientName(), out.bold, 20);
        out.text("Report for " + DAY.format(data.from()) + " to " + DAY.format(data.to()) + " · prepared "
                + GENERATED.format(data.generatedAt().atZoneSameInstant(ZoneOffset.UTC)), out.regular, 10);
        out.space(4);
        out.rule(brand, 2);
        out.space(10);
    }

    /**
     * The logo for the page: a stored PNG embedded as it is; an SVG drawn at four times the size it is shown at (sharp
     * in print). Null when there is none or it cannot be drawn: the agency's name stands for it.
     */
    private static PDImageXObject logo(PDDocument doc, LogoFile logo) throws IOException {
        if (logo == null) {
            return null;
        }
        if (LogoFile.PNG.equals(logo.type())) {
            return PDImageXObject.createFromByteArray(doc, logo.bytes(), "logo.png");
        }
        return SvgImages.draw(logo.bytes(), LOGO_HEIGHT * 4).map(image -> {
            try {
                return LosslessFactory.createFromImage(doc, image);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).orElse(null);
    }

    private static void score(PdfWriter out, ZoomFactor z, Color brand) throws IOException {
        out.text("Score as of " + DAY.format(z.asOf()), out.bold, 13, brand);
        if (!z.scored()) {
            out.text(z.reason(), out.regular, 10);
            out.space(8);
            return;
        }
        out.text(String.format(Locale.ROOT, "%.1f out of 100", z.score()), out.bold, 18);
        out.text(String.format(Locale.ROOT, "Data quality %.0f of 100 · %s of the score's inputs measured"
                        + " · authenticity %s", z.quality(), ValueFormat.percent(z.coverage()),
                z.authenticity().factor() >= 0.999 ? "no concerns" : "discounted by "
                        + ValueFormat.percent(1 - z.authenticity().factor())), out.regular, 9);
        out.space(4);
        float[] columns = {0, 200, 290, 400};
        out.row(new String[] {"Part of the score", "Weight", "Score (0-100)", "Points contributed"}, columns, true);
        for (ComponentScore c : z.components()) {
            out.row(new String[] {c.label(), ValueFormat.percent(c.weight()),
                    c.measured() ? String.format(Locale.ROOT, "%.1f", c.score()) : "not measured",
                    String.format(Locale.ROOT, "%.1f", c.contribution())}, columns, false);
        }
        for (Signal signal : z.authenticity().signals()) {
            out.text("Authenticity: " + signal.message() + " (score lowered by " + ValueFormat.percent(signal.discount())
                    + ")", out.regular, 9);
        }
        out.space(6);
        out.text("What moved the score", out.bold, 11);
        if (z.drivers().isEmpty()) {
            out.text("Nothing moved it noticeably since the previous period.", out.regular, 10);
        }
        for (Driver driver : z.drivers().subList(0, Math.min(MAX_DRIVERS, z.drivers().size()))) {
            out.text("• " + driverText(driver), out.regular, 10);
        }
        out.space(8);
    }

    /** "Unique visitors rose from 120 to 140 (Reach growth, +1.2 points)" from the engine's terser message. */
    static String driverText(Driver driver) {
        Matcher m = DRIVER.matcher(driver.message());
        if (!m.matches()) {
            return driver.message();
        }
        String part = Component.find(m.group(2)).map(Component::label).orElse(m.group(2));
        double points = Double.parseDouble(m.group(3));
        return m.group(1) + " (" + part + ", " + String.format(Locale.ROOT, "%+.1f", points) + " points)";
    }

    private static List<ReportCharts.Marker> markers(List<Annotation> annotations) {
        List<ReportCharts.Marker> markers = new ArrayList<>();
        for (int i = 0; i < annotations.size(); i++) {
            markers.add(new ReportCharts.Marker(annotations.get(i).date(), "A" + (i + 1)));
        }
        return markers;
    }

    private static void charts(PdfWriter out, ReportData data, List<ReportCharts.Marker> markers, Color brand)
            throws IOException {
        out.need(ReportCharts.HEIGHT + 50);
        out.text("Score history", out.bold, 13, brand);
        List<ReportCharts.Point> scores = new ArrayList<>();
        for (ScoreSnapshot s : data.history()) {
            scores.add(new ReportCharts.Point(s.asOf(), s.score()));
        }
        if (scores.isEmpty()) {
            out.text("No score was recorded in this period.", out.regular, 10);
        } else {
            chart(out, "Score (0-100), day by day",
                    ReportCharts.line("Score", "score", scores, markers, data.from(), data.to(), new double[] {0, 100},
                            brand));
        }
        out.space(8);
        out.need(ReportCharts.HEIGHT + 50);
        out.text("Metrics", out.bold, 13, brand);
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
            double scale = metric.unit() == Unit.RATIO ? 100 : 1; // ratios are drawn as percentages
            List<ReportCharts.Point> points = SeriesAggregator.aggregate(days, List.of(), granularity,
                            metric.aggregation()).points().stream()
                    .map(b -> new ReportCharts.Point(b.date(), b.value() * scale)).toList();
            DailyValue last = days.get(days.size() - 1);
            chart(out, metric.label() + (weekly ? ", by week" : "") + " · latest "
                            + ValueFormat.format(metric.unit(), last.value()) + " on " + DAY.format(last.date()),
                    ReportCharts.line(metric.label(), axisLabel(metric.unit()), points, markers, data.from(),
                            data.to(), metric.unit() == Unit.RATIO ? new double[] {0, 100} : null, brand));
            charted++;
        }
        if (charted == 0) {
            out.text("No metric has data in this period.", out.regular, 10);
        }
        out.space(8);
    }

    /** A caption and its chart, kept on one page. */
    private static void chart(PdfWriter out, String caption, java.awt.image.BufferedImage image) throws IOException {
        out.need(ReportCharts.HEIGHT + 30);
        out.text(caption, out.bold, 10);
        out.image(image, ReportCharts.WIDTH, ReportCharts.HEIGHT);
        out.space(6);
    }

    private static String axisLabel(Unit unit) {
        return switch (unit) {
            case COUNT -> "";
            case RATIO -> "%";
            case SECONDS -> "seconds";
            case POSITION -> "position (1 is the top)";
        };
    }

    private static void annotations(PdfWriter out, List<Annotation> shown, int total, Color brand) throws IOException {
        if (shown.isEmpty()) {
            return; // the team's internal notes are left out unless chosen: nothing to say about what is not shown
        }
        out.need(60);
        out.text("Notes on the period", out.bold, 13, brand);
        for (int i = 0; i < shown.size(); i++) {
            Annotation a = shown.get(i);
            String about = a.metric() == null ? "" : " (" + MetricCatalogue.find(a.metric()).map(Metric::label)
                    .orElse(a.metric()) + ")";
            out.text("A" + (i + 1) + "  " + DAY.format(a.date()) + about + ": " + a.text(), out.regular, 10);
        }
        if (total > shown.size()) {
            out.text("… and " + (total - shown.size()) + " more.", out.regular, 9);
        }
        out.space(8);
    }

    private static void goals(PdfWriter out, List<Goal> goals, Color brand) throws IOException {
        if (goals.isEmpty()) {
            return;
        }
        out.need(60);
        out.text("Goals", out.bold, 13, brand);
        float[] columns = {0, 150, 225, 300, 375, 440};
        out.row(new String[] {"Goal", "Target", "Deadline", "Now", "Reached", "Status"}, columns, true);
        for (Goal g : goals.subList(0, Math.min(MAX_GOALS, goals.size()))) {
            Metric metric = "score".equals(g.metric()) ? null : MetricCatalogue.find(g.metric()).orElse(null);
            String subject = metric == null ? "Score" : metric.label();
            Unit unit = metric == null ? Unit.COUNT : metric.unit();
            Polarity polarity = metric == null ? Polarity.HIGHER_IS_BETTER : metric.polarity();
            Double reached = GoalForecast.attainment(g.current(), g.target(), polarity);
            out.row(new String[] {subject, ValueFormat.format(unit, g.target()), DAY.format(g.deadline()),
                    g.current() == null ? "–" : ValueFormat.format(unit, g.current()),
                    reached == null ? "–" : ValueFormat.percent(shownShare(reached)),
                    g.status().replace('_', ' ')}, columns, false);
        }
        if (goals.size() > MAX_GOALS) {
            out.text("… and " + (goals.size() - MAX_GOALS) + " more goals.", out.regular, 9);
        }
        out.text("\"Reached\" is the current value as a share of the target (the target over the value when lower is"
                + " better).", out.regular, 8);
        out.space(8);
    }

    /** A share rounded to a tenth of a percent, but never shown as 100 % before it is reached. */
    static double shownShare(double share) {
        double shown = Math.round(share * 1000) / 1000.0;
        return share < 1 && shown >= 1 ? 0.999 : shown;
    }

    private static void methodology(PdfWriter out, ReportData data, Color brand) throws IOException {
        out.need(70);
        out.text("How the score is made", out.bold, 11, brand);
        out.text("The score sums seven parts, each rated from 0 to 100 against the client's own recent past and"
                + " weighted as shown above: how much attention the audience gives, how loyal it is, how fast reach"
                + " grows, how much people share and talk, how easily the client is found, and the momentum of its"
                + " trends. It is lowered when engagement looks inauthentic, and it only uses what was measured: parts"
                + " without data are left out and said so. Method " + data.score().methodologyVersion()
                + ", explained in full at " + data.methodologyUrl(), out.regular, 8);
    }
}
