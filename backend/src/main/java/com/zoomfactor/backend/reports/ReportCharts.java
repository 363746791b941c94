package com.zoomfactor.backend.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * The report's charts: a line over the period's days with a dashed marker at each annotation, drawn by JFreeChart
 * into an image at twice the size it is shown at (sharp when printed or zoomed, and robust headless: no display,
 * no vector bridge to maintain).
 */
final class ReportCharts {

    /** Size on the page, in PDF points. */
    static final float WIDTH = 515;
    static final float HEIGHT = 165;
    private static final int SCALE = 2;

    private static final Color MARKER = new Color(0xd9, 0x73, 0x1a);
    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

    static {
        // in case the server was started some other way than Main (tests set it too)
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    record Point(LocalDate date, double value) {
    }

    /** An annotation's place on the time axis and its short label ("A1"). */
    record Marker(LocalDate date, String label) {
    }

    private ReportCharts() {
    }

    /**
     * One line chart over from..to in {@code colour} ({@code title} names the series only). {@code range} fixes the
     * value axis (the score's 0..100, a percentage's), or null to fit the data.
     */
    static BufferedImage line(String title, String valueLabel, List<Point> points, List<Marker> markers,
                              LocalDate from, LocalDate to, double[] range, Color colour) {
        TimeSeries series = new TimeSeries(title);
        for (Point point : points) {
            series.addOrUpdate(day(point.date()), point.value()); // a later value of the same day wins
        }
        // no title in the image: the page says what it is, as text that can be searched and copied
        JFreeChart chart = ChartFactory.createTimeSeriesChart(null, null, valueLabel,
                new TimeSeriesCollection(series), false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);

        DateAxis time = (DateAxis) plot.getDomainAxis();
        time.setRange(day(from).getFirstMillisecond(), day(to).getLastMillisecond());
        time.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 8));
        NumberAxis values = (NumberAxis) plot.getRangeAxis();
        values.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 8));
        values.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 8));
        if (range != null) {
            values.setRange(range[0], range[1]);
        } else {
            values.setAutoRangeIncludesZero(false);
        }

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, points.size() == 1);
        renderer.setSeriesPaint(0, colour);
        renderer.setSeriesStroke(0, new BasicStroke(1.2f));
        plot.setRenderer(renderer);

        for (Marker marker : markers) {
            ValueMarker line = new ValueMarker(day(marker.date()).getMiddleMillisecond(), MARKER,
                    new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {3f, 2f}, 0f));
            line.setLabel(marker.label());
            line.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 7));
            line.setLabelPaint(MARKER);
            line.setLabelBackgroundColor(Color.WHITE);
            line.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            line.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(line);
        }
        return draw(chart);
    }

    private static BufferedImage draw(JFreeChart chart) {
        BufferedImage image = new BufferedImage(Math.round(WIDTH * SCALE), Math.round(HEIGHT * SCALE),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(SCALE, SCALE);
            chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Day day(LocalDate date) {
        return new Day(date.getDayOfMonth(), date.getMonthValue(), date.getYear());
    }
}
