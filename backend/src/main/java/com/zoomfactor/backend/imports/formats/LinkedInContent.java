package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Cells;
import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.imports.files.Rows;
import com.zoomfactor.backend.imports.files.Sheet;
import com.zoomfactor.backend.imports.files.Upload;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * LinkedIn page analytics, content export ({@code <page>_content_<start>_<end>.xls|xlsx}). Two sheets, each a
 * description row above a header row:
 * <ul>
 *   <li>{@code Metrics} (older files: {@code Update metrics}): one row a day, {@code Date}, {@code Impressions (organic)},
 *   {@code Impressions (sponsored)}, {@code Impressions (total)}, {@code Unique impressions (organic)},
 *   {@code Clicks (...)}, {@code Reactions (...)}, {@code Comments (...)}, {@code Reposts (...)} ({@code Shares (...)} in
 *   older files), {@code Engagement rate (...)} — the daily counters;</li>
 *   <li>{@code All posts} (older files: {@code Update engagement}): one row a post, {@code Post title},
 *   {@code Post link}, {@code Post type}, {@code Campaign name}, {@code Posted by}, {@code Created date},
 *   {@code Campaign start date}, {@code Campaign end date}, {@code Audience}, {@code Impressions}, {@code Views},
 *   {@code Offsite Views}, {@code Clicks}, {@code Click through rate (CTR)}, {@code Likes}, {@code Comments},
 *   {@code Reposts}, {@code Follows}, {@code Engagement rate}, {@code Content Type} — lifetime counters.</li>
 * </ul>
 * The daily counters come from the Metrics sheet only: posts carry their lifetime counters but write no daily points,
 * which would count the same impressions twice.
 */
final class LinkedInContent extends LinkedInWorkbook {

    /** The daily sheet's columns: totals (organic + sponsored) first, organic-only files after. */
    static final List<DailyColumn> DAILY = List.of(
            new DailyColumn("linkedin.impressions", "Impressions (total)", "Impressions (organic)"),
            new DailyColumn("linkedin.clicks", "Clicks (total)", "Clicks (organic)"),
            new DailyColumn("linkedin.reactions", "Reactions (total)", "Reactions (organic)"),
            new DailyColumn("linkedin.post_comments", "Comments (total)", "Comments (organic)"),
            new DailyColumn("linkedin.shares", "Reposts (total)", "Reposts (organic)", "Shares (total)",
                    "Shares (organic)"));

    private static final List<String[]> METRICS_HEADER = List.of(new String[] {"Date"},
            DAILY.get(0).aliases(), DAILY.get(1).aliases());

    private static final String[] TITLE = {"Post title", "Update title"};
    private static final String[] LINK = {"Post link", "Update link", "Post URL"};
    private static final String[] CREATED = {"Created date", "Posted date", "Date"};
    private static final String[] IMPRESSIONS = {"Impressions"};
    private static final List<String[]> POSTS_HEADER = List.of(TITLE, LINK, IMPRESSIONS);

    /** A post's counters by the names posts take, with the column names across versions. */
    private static final Map<String, String[]> POST_METRICS = postMetrics();

    private static Map<String, String[]> postMetrics() {
        Map<String, String[]> map = new LinkedHashMap<>();
        map.put("impressions", IMPRESSIONS);
        map.put("clicks", new String[] {"Clicks"});
        map.put("likes", new String[] {"Likes", "Reactions"});
        map.put("comments", new String[] {"Comments"});
        map.put("shares", new String[] {"Reposts", "Shares"});
        return map;
    }

    @Override
    public String key() {
        return "linkedin-content";
    }

    @Override
    public String label() {
        return "LinkedIn page analytics: content (.xls/.xlsx)";
    }

    @Override
    public boolean recognises(Upload upload) {
        return find(upload, METRICS_HEADER).isPresent() || find(upload, POSTS_HEADER).isPresent();
    }

    @Override
    public void read(Upload upload, ImportSink sink) {
        boolean any = false;
        for (Sheet sheet : upload.sheets()) {
            Optional<Table> metrics = table(sheet, METRICS_HEADER);
            if (metrics.isPresent()) {
                readDaily(metrics.get(), DAILY, sink);
                any = true;
                continue;
            }
            Optional<Table> posts = table(sheet, POSTS_HEADER);
            if (posts.isPresent()) {
                readPosts(posts.get(), sink);
                any = true;
            }
        }
        if (!any) {
            sink.problem("No LinkedIn content sheet: expected a sheet with Date, Impressions (total), Clicks (total)"
                    + " or one with Post title, Post link, Impressions");
        }
    }

    private static void readPosts(Table table, ImportSink sink) {
        int title = table.column(TITLE);
        int link = table.column(LINK);
        int created = table.column(CREATED);
        Map<String, Integer> counters = new LinkedHashMap<>();
        POST_METRICS.forEach((name, aliases) -> counters.put(name, table.column(aliases)));
        if (created < 0) {
            sink.problem(table.sheet().name() + ": no Created date column (found " + String.join(", ",
                    table.header().cells()) + ")");
            return;
        }
        try (Rows rows = table.sheet().rows()) {
            while (rows.hasNext()) {
                Row row = rows.next();
                if (row.line() <= table.header().line() || row.isBlank() || isTotals(row.first())) {
                    continue;
                }
                readPost(table, row, title, link, created, counters, sink);
            }
        }
    }

    private static void readPost(Table table, Row row, int title, int link, int created,
                                 Map<String, Integer> counters, ImportSink sink) {
        Optional<LocalDate> day = date(row.cell(created));
        if (day.isEmpty()) {
            sink.problem(row, table.header().cell(created) + ": '" + row.cell(created) + "' is not a date");
            return;
        }
        Map<String, Long> metrics = new LinkedHashMap<>();
        boolean bad = false;
        for (Map.Entry<String, Integer> counter : counters.entrySet()) {
            int column = counter.getValue();
            if (column < 0 || Cells.isMissing(row.cell(column))) {
                continue;
            }
            OptionalDouble value = Cells.number(row.cell(column), false);
            if (value.isEmpty() || value.getAsDouble() < 0) {
                sink.problem(row, table.header().cell(column) + ": '" + row.cell(column) + "' is not a count");
                bad = true;
            } else {
                metrics.put(counter.getKey(), Math.round(value.getAsDouble()));
            }
        }
        if (bad) {
            return;
        }
        String url = Cells.isMissing(row.cell(link)) ? null : row.cell(link);
        String text = row.cell(title);
        // the export has no post id: the link (which holds the activity URN) identifies a post across re-imports;
        // a post without a link (some sponsored content) is identified by its day and title
        String externalId = url != null ? url : "linkedin:" + day.get() + ":" + Integer.toHexString(text.hashCode());
        sink.post(row, new ImportedPost("linkedin", externalId, day.get().atStartOfDay().atOffset(ZoneOffset.UTC),
                text, url, metrics));
    }
}
