package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Cells;
import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.imports.files.Upload;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Google Analytics 4 download: a standard report ("Download file" → CSV) or an Exploration. Both open with a
 * {@code #} preamble (a {@code # ----} rule, the account and property or the exploration's name, the segment, then
 * {@code # Start date: 20240101} and {@code # End date: 20240131}); a report snapshot holds several tables, each after
 * its own preamble block. An Exploration puts a {@code Grand total} row first. Dates in a {@code Date} column are
 * {@code YYYYMMDD}; {@code Nth day} counts days from the start date. Rates are fractions ({@code 0.4213}), durations
 * float seconds. Column names changed over the years ({@code Conversions} became {@code Key events}, {@code Users}
 * became {@code Active users}...): the alias table below holds them all.
 */
public final class Ga4Report extends AnalyticsReport {

    /** {@code # Start date: 20240101} (English, French, German, Spanish), on the {@link Cells#headerKey} of the line. */
    private static final Pattern START = Pattern.compile(
            "#\\s*(start date|date de debut|startdatum|fecha de inicio)\\s*:\\s*(\\d{8})");
    private static final Pattern END = Pattern.compile(
            "#\\s*(end date|date de fin|enddatum|fecha de finalizacion|fecha de fin)\\s*:\\s*(\\d{8})");
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern ISO_DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * Headers by catalogue metric, preferred first. Users: GA4's reports say "Active users" (and called it "Users");
     * "Total users" counts anyone with an event and is the fallback. Time on page: the standard reports' "Average
     * engagement time" is per active user; explorations may offer it per session; either is the closest GA4 has to
     * a time on page (GA4 has no per-page time), the per-user figure preferred as the reports show it.
     */
    private static final List<MetricAlias> METRICS = List.of(
            new MetricAlias("web.unique_visitors", Unit.COUNT, "Active users", "Users", "Total users"),
            new MetricAlias("web.pageviews", Unit.COUNT, "Views", "Screen page views", "Screenpage views",
                    "Views (screen page views)", "Page views"),
            new MetricAlias("web.sessions", Unit.COUNT, "Sessions"),
            new MetricAlias("web.bounce_rate", Unit.RATIO, "Bounce rate"),
            new MetricAlias("web.engagement_rate", Unit.RATIO, "Engagement rate"),
            new MetricAlias("web.time_on_page", Unit.SECONDS, "Average engagement time per active user",
                    "Average engagement time", "Average engagement time per session", "Average session duration"),
            new MetricAlias("web.pages_per_visit", Unit.COUNT, "Views per session"),
            new MetricAlias("web.returning_visitors", Unit.COUNT, "Returning users"),
            new MetricAlias("web.key_events", Unit.COUNT, "Key events", "Conversions"));

    /** Metrics GA4 writes that the catalogue has no key for: they end a header's dimensions, their values are left. */
    private static final List<String> IGNORED = List.of("New users", "Engaged sessions", "Event count",
            "Views per user", "Views per active user", "Event count per user", "Event count per active user",
            "Sessions per user", "Sessions per active user", "Total revenue", "Purchase revenue", "User engagement",
            "Session key event rate", "User key event rate", "Session conversion rate", "User conversion rate",
            "Engaged sessions per user", "Engaged sessions per active user", "Entrances", "Exits", "Ecommerce purchases",
            "Average purchase revenue", "First time purchasers", "Transactions", "Total ad revenue", "DAU / MAU",
            "DAU / WAU", "WAU / MAU", "Bounces", "Unique user scrolls", "Organic Google Search clicks",
            "Organic Google Search impressions");

    @Override
    public String key() {
        return "ga4-report";
    }

    @Override
    public String label() {
        return "Google Analytics 4 report or exploration (CSV)";
    }

    /**
     * A text file whose {@code #} preamble states a {@code Start date:}/{@code End date:} in YYYYMMDD, or whose
     * preamble is followed by a header with a column only GA4 writes (Active users, Engagement rate, Key events...).
     */
    @Override
    public boolean recognises(Upload upload) {
        return textSheet(upload).map(sheet -> {
            List<Row> head = sheet.head(40);
            List<String> preamble = preamble(head);
            if (preamble.isEmpty()) {
                return false;
            }
            if (preamble.stream().map(Cells::headerKey).anyMatch(line -> START.matcher(line).matches()
                    || END.matcher(line).matches())) {
                return head.stream().anyMatch(row -> !row.first().startsWith("#") && namesAMetric(row));
            }
            return head.stream().filter(row -> !row.first().startsWith("#")).anyMatch(row -> Cells.column(row.cells(),
                    "Active users", "Engagement rate", "Key events", "Views per session",
                    "Average engagement time", "Average engagement time per active user") >= 0);
        }).orElse(false);
    }

    @Override
    protected List<MetricAlias> metrics() {
        return METRICS;
    }

    @Override
    protected List<String> dateHeaders() {
        return List.of("Date", "Datum", "Fecha");
    }

    @Override
    protected List<String> dayIndexHeaders() {
        return List.of("Nth day", "Day index");
    }

    @Override
    protected List<String> pageHeaders() {
        return List.of("Page path and screen class", "Page path + query string", "Page path + query string and screen class",
                "Page path", "Page title and screen class", "Page title and screen name", "Page title",
                "Page location", "Page screen", "Unified page path screen", "Unified screen name",
                "Landing page + query string", "Landing page", "Full page URL");
    }

    @Override
    protected List<String> ignoredMetricHeaders() {
        return IGNORED;
    }

    @Override
    protected Optional<LocalDate> day(String text) {
        String s = text.strip();
        if (s.length() == 8) {
            return Optional.ofNullable(Cells.basicDate(s));
        }
        try {
            if (ISO_DAY.matcher(s).matches()) {
                return Optional.of(LocalDate.parse(s));
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    protected Optional<Range> range(String preambleLine, Range known) {
        String line = Cells.headerKey(preambleLine);
        Matcher start = START.matcher(line);
        Matcher end = END.matcher(line);
        try {
            if (start.matches()) {
                LocalDate day = LocalDate.parse(start.group(2), BASIC);
                return Optional.of(new Range(day, known == null ? null : known.end()));
            }
            if (end.matches()) {
                LocalDate day = LocalDate.parse(end.group(2), BASIC);
                return Optional.of(new Range(known == null ? null : known.start(), day));
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
