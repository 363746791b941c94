package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Cells;
import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.imports.files.Rows;
import com.zoomfactor.backend.imports.files.Sheet;
import com.zoomfactor.backend.imports.files.Upload;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mailchimp's audience export: a zip of {@code subscribed_members_export_<id>.csv},
 * {@code unsubscribed_members_export_<id>.csv} and {@code cleaned_members_export_<id>.csv} (or one of them alone), one
 * row a member: {@code Email Address}, the audience's merge fields ({@code First Name}, {@code Last Name}, ...), then
 * Mailchimp's own {@code MEMBER_RATING}, {@code OPTIN_TIME}, {@code OPTIN_IP}, {@code CONFIRM_TIME},
 * {@code CONFIRM_IP}, {@code LATITUDE}, {@code LONGITUDE}, {@code GMTOFF}, {@code DSTOFF}, {@code TIMEZONE},
 * {@code CC}, {@code REGION}, {@code LAST_CHANGED}, {@code LEID}, {@code EUID}, {@code NOTES}, {@code TAGS}; the
 * unsubscribed file adds {@code UNSUB_TIME}, {@code UNSUB_CAMPAIGN_TITLE}, {@code UNSUB_CAMPAIGN_ID},
 * {@code UNSUB_REASON}, {@code UNSUB_REASON_OTHER}, the cleaned file {@code CLEAN_TIME}, {@code CLEAN_CAMPAIGN_TITLE},
 * {@code CLEAN_CAMPAIGN_ID}. Times are {@code 2024-03-05 09:00:00}.
 *
 * <p>Members become counts by day: a member joins on its confirm time (else its opt-in time) and leaves on its
 * unsubscribe or clean time. Only those timestamp columns are read: no address, name or other personal field is kept
 * or written anywhere. The reading holds per-day counters only, whatever the audience's size. Which file a sheet is
 * comes from its columns ({@code UNSUB_TIME}, {@code CLEAN_TIME}), not its name.
 */
final class MailchimpAudience implements ExportFormat {

    private static final Pattern TIME = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ].*)?");
    private static final Pattern US_TIME = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})(?:\\s.*)?");

    /** Per-day counters: members joining, leaving (unsubscribed or cleaned), unsubscribing. */
    private static final class Day {
        int joined;
        int left;
        int unsubscribed;
    }

    /** The columns of one members file. */
    private record Columns(int optin, int confirm, int changed, int unsub, int clean) {

        static Optional<Columns> of(List<String> header) {
            int optin = Cells.column(header, "OPTIN_TIME");
            int confirm = Cells.column(header, "CONFIRM_TIME");
            int changed = Cells.column(header, "LAST_CHANGED");
            int leid = Math.max(Cells.column(header, "LEID"), Cells.column(header, "EUID"));
            if (optin < 0 || confirm < 0 || changed < 0 || leid < 0) {
                return Optional.empty();
            }
            return Optional.of(new Columns(optin, confirm, changed, Cells.column(header, "UNSUB_TIME"),
                    Cells.column(header, "CLEAN_TIME")));
        }
    }

    @Override
    public String key() {
        return "mailchimp-audience";
    }

    @Override
    public String label() {
        return "Mailchimp audience export (zip of members CSVs)";
    }

    @Override
    public boolean recognises(Upload upload) {
        return upload.kind() != Upload.Kind.WORKBOOK
                && upload.sheets().stream().anyMatch(sheet -> header(sheet).isPresent());
    }

    private static Optional<Row> header(Sheet sheet) {
        return sheet.head(2).stream().filter(row -> Columns.of(row.cells()).isPresent()).findFirst();
    }

    @Override
    public void read(Upload upload, ImportSink sink) {
        Map<LocalDate, Day> days = new TreeMap<>();
        long[] before = {0}; // members with no join time: subscribed since before the first day
        LocalDate[] lastEvent = {null};
        String firstSheet = null;
        for (Sheet sheet : upload.sheets()) {
            Optional<Row> header = header(sheet);
            if (header.isEmpty()) {
                continue;
            }
            if (firstSheet == null) {
                firstSheet = sheet.name();
            }
            Columns columns = Columns.of(header.get().cells()).orElseThrow();
            try (Rows rows = sheet.rows()) {
                while (rows.hasNext()) {
                    Row row = rows.next();
                    if (row.line() > header.get().line() && !row.isBlank()) {
                        member(row, header.get().cells(), columns, days, before, lastEvent, sink);
                    }
                }
            }
        }
        if (firstSheet == null) {
            sink.problem("No Mailchimp members file: expected OPTIN_TIME, CONFIRM_TIME, LAST_CHANGED, LEID columns");
            return;
        }
        write(days, before[0], lastEvent[0], firstSheet, sink);
    }

    /** One member into the day counters; nothing of the row but its times is looked at. */
    private static void member(Row row, List<String> header, Columns columns, Map<LocalDate, Day> days, long[] before,
                               LocalDate[] lastEvent, ImportSink sink) {
        List<String> problems = new ArrayList<>();
        Optional<LocalDate> confirm = time(row, header, columns.confirm(), problems);
        Optional<LocalDate> optin = time(row, header, columns.optin(), problems);
        Optional<LocalDate> changed = time(row, header, columns.changed(), problems);
        Optional<LocalDate> unsub = time(row, header, columns.unsub(), problems);
        Optional<LocalDate> clean = time(row, header, columns.clean(), problems);
        if (!problems.isEmpty()) {
            problems.forEach(message -> sink.problem(row, message));
            return;
        }
        Optional<LocalDate> joined = confirm.or(() -> optin);
        boolean unsubscribedFile = columns.unsub() >= 0;
        boolean leavingFile = unsubscribedFile || columns.clean() >= 0;
        // an unsubscribed or cleaned member without its time left when it last changed
        Optional<LocalDate> left = unsubscribedFile ? unsub.or(() -> changed)
                : leavingFile ? clean.or(() -> changed) : Optional.empty();
        if (leavingFile && left.isEmpty()) {
            return; // gone at a time nobody knows: counted neither in nor out
        }
        if (joined.isPresent() && left.isPresent() && left.get().isBefore(joined.get())) {
            joined = left; // times edited by an import: never leave before joining
        }
        if (joined.isPresent()) {
            days.computeIfAbsent(joined.get(), d -> new Day()).joined++;
        } else {
            before[0]++;
        }
        if (left.isPresent()) {
            Day day = days.computeIfAbsent(left.get(), d -> new Day());
            day.left++;
            if (unsubscribedFile) {
                day.unsubscribed++;
            }
        }
        for (Optional<LocalDate> event : List.of(joined, left, changed)) {
            if (event.isPresent() && (lastEvent[0] == null || event.get().isAfter(lastEvent[0]))) {
                lastEvent[0] = event.get();
            }
        }
    }

    private static Optional<LocalDate> time(Row row, List<String> header, int column, List<String> problems) {
        if (column < 0 || Cells.isMissing(row.cell(column))) {
            return Optional.empty();
        }
        Optional<LocalDate> day = date(row.cell(column));
        if (day.isEmpty()) {
            problems.add(header.get(column) + ": '" + row.cell(column) + "' is not a date");
        }
        return day;
    }

    /** Every day from the first join (or leave) to the last event: the level, the day's joins and unsubscribes. */
    private static void write(Map<LocalDate, Day> days, long before, LocalDate lastEvent, String sheet,
                              ImportSink sink) {
        if (days.isEmpty()) {
            sink.problem("The members files carry no opt-in, confirm, unsubscribe or clean time: no day to count");
            return;
        }
        // the points are counts over the whole audience: they name the file, never a member's row
        Row source = new Row(sheet, 0, List.of());
        LocalDate first = days.keySet().iterator().next();
        LocalDate last = lastEvent.isAfter(first) ? lastEvent : first;
        long level = before;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            Day counts = days.get(day);
            int joined = counts == null ? 0 : counts.joined;
            int left = counts == null ? 0 : counts.left;
            int unsubscribed = counts == null ? 0 : counts.unsubscribed;
            level += joined - left;
            sink.point(source, "newsletter.subscribers", day, day, null, level);
            sink.point(source, "newsletter.new_subscribers", day, day, null, joined);
            sink.point(source, "newsletter.unsubscribes", day, day, null, unsubscribed);
        }
    }

    /** The day of a Mailchimp time ({@code 2024-03-05 09:00:00}, or {@code 3/5/2024 9:00} after a re-save in Excel). */
    static Optional<LocalDate> date(String text) {
        String s = text.strip();
        try {
            Matcher iso = TIME.matcher(s);
            if (iso.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3))));
            }
            Matcher us = US_TIME.matcher(s);
            if (us.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(us.group(3)), Integer.parseInt(us.group(1)),
                        Integer.parseInt(us.group(2))));
            }
        } catch (DateTimeException e) {
            // 2024-02-31: not a day
        }
        return Optional.empty();
    }
}
