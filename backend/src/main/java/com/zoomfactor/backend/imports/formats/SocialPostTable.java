package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.imports.files.Rows;
import com.zoomfactor.backend.imports.files.Sheet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A social export with one row per post and its lifetime counters (X's tweet activity and content exports, Meta's post
 * export). Each row becomes a post; the channel's daily post count ({@code twitter.posts}, {@code facebook.posts}) is
 * added up by publish day, and so are the counters {@link #dailyCounters()} names (none for X, whose by-day exports
 * carry them; Meta's post counters, which its per-metric series do not).
 */
abstract class SocialPostTable extends SocialTable {

    /** A post counter ({@code impressions}, {@code likes}...) and the headers its column goes by. */
    record Counter(String name, String... headers) {
    }

    /** When a post was published, and the day it counts for. */
    record Published(OffsetDateTime at, LocalDate day) {
    }

    /** {@code twitter} or {@code facebook}. */
    abstract String channel();

    /** The catalogue's daily post count for the channel. */
    abstract String postsMetric();

    /** The column groups a header must have to be this format. */
    abstract List<String[]> signature();

    abstract String[] idHeaders();

    /** Text columns: the longest filled one is the post's text. */
    abstract List<String[]> textHeaders();

    abstract String[] urlHeaders();

    abstract List<Counter> counters();

    /** Post counters also written as the day's catalogue metric, by publish day: counter name → metric. */
    Map<String, String> dailyCounters() {
        return Map.of();
    }

    /** Whether texts carry HTML entities to decode (X writes {@code &amp;}). */
    boolean decodesEntities() {
        return false;
    }

    /** When the row's post was published, or empty with a problem added. */
    abstract Optional<Published> published(Row row, SocialTables.Header header, List<String> problems);

    @Override
    List<String[]> required() {
        return signature();
    }

    @Override
    void read(Sheet sheet, SocialTables.Header header, ImportSink sink) {
        int id = header.column(idHeaders());
        int url = header.column(urlHeaders());
        int[] texts = textHeaders().stream().mapToInt(header::column).toArray();
        List<Counter> counters = counters();
        int[] at = counters.stream().mapToInt(counter -> header.column(counter.headers())).toArray();
        boolean decimalComma = sheet.decimalComma();
        SocialTables.DailyTotals daily = new SocialTables.DailyTotals();
        try (Rows rows = sheet.rows()) {
            while (rows.hasNext()) {
                Row row = rows.next();
                if (row.line() <= header.line() || row.isBlank() || SocialTables.isTotals(row)) {
                    continue;
                }
                List<String> problems = new ArrayList<>();
                String externalId = row.cell(id);
                if (externalId.isEmpty()) {
                    problems.add(header.cells().get(id).strip() + ": the post has no id");
                }
                Optional<Published> published = published(row, header, problems);
                Map<String, Long> metrics = new LinkedHashMap<>();
                for (int i = 0; i < counters.size(); i++) {
                    if (at[i] >= 0) {
                        String name = counters.get(i).name();
                        SocialTables.count(row, at[i], header.cells().get(at[i]).strip(), decimalComma, problems)
                                .ifPresent(value -> metrics.put(name, value));
                    }
                }
                if (!problems.isEmpty() || published.isEmpty()) {
                    problems.forEach(problem -> sink.problem(row, problem));
                    continue;
                }
                sink.post(row, new ImportedPost(channel(), externalId, published.get().at(), text(row, texts),
                        url >= 0 && !row.cell(url).isEmpty() ? row.cell(url) : null, metrics));
                LocalDate day = published.get().day();
                daily.add(row, day, postsMetric(), 1);
                dailyCounters().forEach((counter, metric) -> {
                    Long value = metrics.get(counter);
                    if (value != null) {
                        daily.add(row, day, metric, value);
                    }
                });
            }
        }
        daily.writeTo(sink);
    }

    private String text(Row row, int[] columns) {
        String text = "";
        for (int column : columns) {
            if (column >= 0 && row.cell(column).length() > text.length()) {
                text = row.cell(column);
            }
        }
        if (decodesEntities()) {
            text = SocialTables.decodeEntities(text);
        }
        return text.isEmpty() ? null : text;
    }
}
