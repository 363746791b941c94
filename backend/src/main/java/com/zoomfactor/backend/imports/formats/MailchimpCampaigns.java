package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Cells;
import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.imports.files.Rows;
import com.zoomfactor.backend.imports.files.Sheet;
import com.zoomfactor.backend.imports.files.Upload;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Mailchimp's campaign report CSV (Reports, "Download all reports" / export campaign stats: {@code campaigns.csv}):
 * one row a sent campaign, {@code Title}, {@code Subject}, {@code List} (or {@code Audience}), {@code Send Date}
 * ({@code Mar 05, 2024 09:00 am}), {@code Send Weekday}, {@code Total Recipients}, {@code Successful Deliveries},
 * {@code Soft Bounces}, {@code Hard Bounces}, {@code Total Bounces}, {@code Times Forwarded}, {@code Forwarded Opens},
 * {@code Unique Opens}, {@code Open Rate} ({@code 42.10%}), {@code Total Opens}, {@code Unique Clicks},
 * {@code Click Rate}, {@code Total Clicks}, {@code Unsubscribes}, {@code Abuse Complaints}, then Facebook, folder,
 * e-commerce and Google Analytics columns. Campaigns are summed by send day: deliveries and unsubscribes added up, the
 * rates averaged weighted by each campaign's deliveries (so the day's rate is the share of its delivered emails that
 * were opened or clicked).
 */
final class MailchimpCampaigns implements ExportFormat {

    private static final String[] TITLE = {"Title", "Campaign Title", "Campaign title"};
    private static final String[] SEND_DATE = {"Send Date", "Send Time", "Sent Date", "Send date"};
    private static final String[] DELIVERIES = {"Successful Deliveries"};
    private static final String[] OPEN_RATE = {"Open Rate"};
    private static final String[] CLICK_RATE = {"Click Rate"};
    private static final String[] UNIQUE_OPENS = {"Unique Opens"};
    private static final String[] UNIQUE_CLICKS = {"Unique Clicks"};
    private static final String[] UNSUBSCRIBES = {"Unsubscribes"};
    private static final List<String[]> REQUIRED = List.of(TITLE, SEND_DATE, DELIVERIES, UNIQUE_OPENS);

    /** The send dates Mailchimp writes ({@code Jun 09, 2018 09:30 pm}), and what a re-save in Excel makes of them. */
    private static final List<DateTimeFormatter> DATES = List.of(
            english("MMM d, yyyy h:mm a"), english("MMM d, yyyy"), english("MMMM d, yyyy h:mm a"),
            english("MMMM d, yyyy"), english("yyyy-MM-dd HH:mm[:ss]"), english("yyyy-MM-dd"),
            english("M/d/yyyy h:mm a"), english("M/d/yyyy H:mm"), english("M/d/yyyy"));

    private static DateTimeFormatter english(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ENGLISH);
    }

    /** A send day's campaigns so far. */
    private static final class Day {
        Row first;
        double deliveries;
        double openWeighted;
        double openWeight;
        double clickWeighted;
        double clickWeight;
        double unsubscribes;
        boolean anyUnsubscribes;
    }

    @Override
    public String key() {
        return "mailchimp-campaigns";
    }

    @Override
    public String label() {
        return "Mailchimp campaign report (CSV)";
    }

    @Override
    public boolean recognises(Upload upload) {
        return upload.kind() != Upload.Kind.WORKBOOK
                && upload.sheets().stream().anyMatch(sheet -> header(sheet).isPresent());
    }

    /** The header row: the first row, or the first after a title line a re-save may have added. */
    private static Optional<Row> header(Sheet sheet) {
        return sheet.head(3).stream()
                .filter(row -> REQUIRED.stream().allMatch(aliases -> Cells.column(row.cells(), aliases) >= 0))
                .findFirst();
    }

    @Override
    public void read(Upload upload, ImportSink sink) {
        for (Sheet sheet : upload.sheets()) {
            header(sheet).ifPresent(header -> read(sheet, header, sink));
        }
    }

    private static void read(Sheet sheet, Row header, ImportSink sink) {
        List<String> h = header.cells();
        int sendDate = Cells.column(h, SEND_DATE);
        int deliveries = Cells.column(h, DELIVERIES);
        int openRate = Cells.column(h, OPEN_RATE);
        int clickRate = Cells.column(h, CLICK_RATE);
        int uniqueOpens = Cells.column(h, UNIQUE_OPENS);
        int uniqueClicks = Cells.column(h, UNIQUE_CLICKS);
        int unsubscribes = Cells.column(h, UNSUBSCRIBES);
        boolean comma = sheet.decimalComma();
        // one entry per send day: bounded by the days, never by the campaigns
        Map<LocalDate, Day> days = new TreeMap<>();
        try (Rows rows = sheet.rows()) {
            while (rows.hasNext()) {
                Row row = rows.next();
                if (row.line() <= header.line() || row.isBlank() || LinkedInWorkbook.isTotals(row.first())) {
                    continue;
                }
                String when = row.cell(sendDate);
                if (Cells.isMissing(when)) {
                    continue; // a campaign not sent (a draft or a schedule) has no report
                }
                Optional<LocalDate> day = date(when);
                if (day.isEmpty()) {
                    sink.problem(row, h.get(sendDate) + ": '" + when + "' is not a date");
                    continue;
                }
                Campaign campaign = campaign(row, h, comma, deliveries, openRate, clickRate, uniqueOpens, uniqueClicks,
                        unsubscribes, sink);
                if (campaign == null) {
                    continue;
                }
                Day sum = days.computeIfAbsent(day.get(), d -> new Day());
                if (sum.first == null) {
                    sum.first = row;
                }
                sum.deliveries += campaign.deliveries;
                if (campaign.openRate != null && campaign.deliveries > 0) {
                    sum.openWeighted += campaign.openRate * campaign.deliveries;
                    sum.openWeight += campaign.deliveries;
                }
                if (campaign.clickRate != null && campaign.deliveries > 0) {
                    sum.clickWeighted += campaign.clickRate * campaign.deliveries;
                    sum.clickWeight += campaign.deliveries;
                }
                if (campaign.unsubscribes != null) {
                    sum.unsubscribes += campaign.unsubscribes;
                    sum.anyUnsubscribes = true;
                }
            }
        }
        days.forEach((day, sum) -> {
            sink.point(sum.first, "newsletter.emails_sent", day, day, null, sum.deliveries);
            if (sum.openWeight > 0) {
                sink.point(sum.first, "newsletter.open_rate", day, day, null, sum.openWeighted / sum.openWeight);
            }
            if (sum.clickWeight > 0) {
                sink.point(sum.first, "newsletter.click_rate", day, day, null, sum.clickWeighted / sum.clickWeight);
            }
            if (sum.anyUnsubscribes) {
                sink.point(sum.first, "newsletter.unsubscribes", day, day, null, sum.unsubscribes);
            }
        });
    }

    private record Campaign(double deliveries, Double openRate, Double clickRate, Double unsubscribes) {
    }

    /** A row's numbers, or null (after reporting) when one cannot be read. */
    private static Campaign campaign(Row row, List<String> h, boolean comma, int deliveries, int openRate,
                                     int clickRate, int uniqueOpens, int uniqueClicks, int unsubscribes,
                                     ImportSink sink) {
        OptionalDouble delivered = Cells.number(row.cell(deliveries), comma);
        if (delivered.isEmpty()) {
            sink.problem(row, h.get(deliveries) + ": '" + row.cell(deliveries) + "' is not a number");
            return null;
        }
        double d = delivered.getAsDouble();
        boolean[] bad = {false};
        Double opens = rate(row, h, comma, openRate, uniqueOpens, d, sink, bad);
        Double clicks = rate(row, h, comma, clickRate, uniqueClicks, d, sink, bad);
        Double unsubs = null;
        if (unsubscribes >= 0 && !Cells.isMissing(row.cell(unsubscribes))) {
            OptionalDouble value = Cells.number(row.cell(unsubscribes), comma);
            if (value.isEmpty()) {
                sink.problem(row, h.get(unsubscribes) + ": '" + row.cell(unsubscribes) + "' is not a number");
                bad[0] = true;
            } else {
                unsubs = value.getAsDouble();
            }
        }
        return bad[0] ? null : new Campaign(d, opens, clicks, unsubs);
    }

    /** The rate column ({@code 42.10%}), or else the unique count over the deliveries; null when neither is there. */
    private static Double rate(Row row, List<String> h, boolean comma, int rateColumn, int countColumn,
                               double deliveries, ImportSink sink, boolean[] bad) {
        if (rateColumn >= 0 && !Cells.isMissing(row.cell(rateColumn))) {
            OptionalDouble rate = Cells.ratio(row.cell(rateColumn), comma);
            if (rate.isEmpty()) {
                sink.problem(row, h.get(rateColumn) + ": '" + row.cell(rateColumn) + "' is not a rate");
                bad[0] = true;
                return null;
            }
            return rate.getAsDouble();
        }
        if (countColumn >= 0 && !Cells.isMissing(row.cell(countColumn)) && deliveries > 0) {
            OptionalDouble count = Cells.number(row.cell(countColumn), comma);
            if (count.isEmpty()) {
                sink.problem(row, h.get(countColumn) + ": '" + row.cell(countColumn) + "' is not a number");
                bad[0] = true;
                return null;
            }
            return count.getAsDouble() / deliveries;
        }
        return null;
    }

    /** The send day (the time of day and its zone, the account's, are dropped). */
    static Optional<LocalDate> date(String text) {
        String s = text.strip().replaceAll("\\s+", " ");
        for (DateTimeFormatter format : DATES) {
            try {
                return Optional.of(LocalDate.from(format.parse(s)));
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        return Optional.empty();
    }
}
