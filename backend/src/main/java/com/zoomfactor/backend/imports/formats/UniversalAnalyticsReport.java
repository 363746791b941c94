package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.imports.files.Upload;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Universal Analytics (legacy Google Analytics) report exported as CSV: a {@code #} preamble (a rule, the view
 * ("All Web Site Data"), the report ("Audience Overview") and the range as {@code # 20170526-20170601}), then one or
 * more tables, each after its own {@code #} block: typically a {@code Day Index} table ({@code 5/26/17}, one metric)
 * closed by an unlabelled totals row, and a one-row summary of every metric. Values are written for people:
 * {@code "3,047"}, {@code 12.14%}, {@code 00:00:45}. A comparison export states two ranges; the first (the one the
 * report is about) is kept.
 */
public final class UniversalAnalyticsReport extends AnalyticsReport {

    private static final Pattern RANGE = Pattern.compile("#\\s*(\\d{8})\\s*-\\s*(\\d{8})\\s*");
    private static final Pattern US_DAY = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{2}|\\d{4})");

    /**
     * Headers by catalogue metric, preferred first. Time on page: a content report's "Avg. Time on Page" is exactly
     * it; an audience report only has "Avg. Session Duration", the nearest the report offers.
     */
    private static final List<MetricAlias> METRICS = List.of(
            new MetricAlias("web.unique_visitors", Unit.COUNT, "Users"),
            new MetricAlias("web.pageviews", Unit.COUNT, "Pageviews"),
            new MetricAlias("web.sessions", Unit.COUNT, "Sessions"),
            new MetricAlias("web.bounce_rate", Unit.RATIO, "Bounce Rate"),
            new MetricAlias("web.time_on_page", Unit.SECONDS, "Avg. Time on Page", "Avg. Session Duration"),
            new MetricAlias("web.pages_per_visit", Unit.COUNT, "Pages / Session", "Pages/Session"),
            new MetricAlias("web.key_events", Unit.COUNT, "Goal Completions"));

    private static final List<String> IGNORED = List.of("New Users", "% New Sessions", "Number of Sessions per User",
            "Unique Pageviews", "Entrances", "% Exit", "Page Value", "Goal Conversion Rate", "Goal Value",
            "Transactions", "Revenue", "Ecommerce Conversion Rate", "Hits", "Avg. Page Load Time (sec)");

    @Override
    public String key() {
        return "ua-report";
    }

    @Override
    public String label() {
        return "Universal Analytics report (CSV)";
    }

    /** A text file whose {@code #} preamble states a {@code # YYYYMMDD-YYYYMMDD} range, with a table of a UA metric. */
    @Override
    public boolean recognises(Upload upload) {
        return textSheet(upload).map(sheet -> {
            List<Row> head = sheet.head(40);
            return preamble(head).stream().anyMatch(line -> RANGE.matcher(line).matches())
                    && head.stream().anyMatch(row -> !row.first().startsWith("#") && namesAMetric(row));
        }).orElse(false);
    }

    @Override
    protected List<MetricAlias> metrics() {
        return METRICS;
    }

    @Override
    protected List<String> dateHeaders() {
        return List.of("Day Index", "Date");
    }

    @Override
    protected List<String> pageHeaders() {
        return List.of("Page", "Page Title", "Landing Page");
    }

    @Override
    protected List<String> ignoredMetricHeaders() {
        return IGNORED;
    }

    /** {@code 5/26/17} (the US form UA writes), {@code 20170526} (a custom report's Date) or ISO. */
    @Override
    protected Optional<LocalDate> day(String text) {
        String s = text.strip();
        try {
            Matcher us = US_DAY.matcher(s);
            if (us.matches()) {
                int year = Integer.parseInt(us.group(3));
                return Optional.of(LocalDate.of(year < 100 ? 2000 + year : year, Integer.parseInt(us.group(1)),
                        Integer.parseInt(us.group(2))));
            }
            if (s.matches("\\d{8}")) {
                return Optional.of(LocalDate.parse(s, DateTimeFormatter.BASIC_ISO_DATE));
            }
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return Optional.of(LocalDate.parse(s));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    protected Optional<Range> range(String preambleLine, Range known) {
        Matcher m = RANGE.matcher(preambleLine);
        if (!m.matches() || (known != null && known.start() != null)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Range(LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE),
                    LocalDate.parse(m.group(2), DateTimeFormatter.BASIC_ISO_DATE)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
