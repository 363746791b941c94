package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * X's 2024+ content download (x.com → Analytics → Content → Export, {@code account_analytics_content_*.csv}), one row
 * per post with its lifetime counters: {@code Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,
 * Bookmarks,Shares,New follows,Replies,Reposts,Profile visits,Detail Expands,URL Clicks,...} ({@code Link} and
 * {@code Share} in some versions), {@code Date} as {@code "Tue, Feb 18, 2025"}. Recognised by {@code Post id} with
 * {@code Post text} and {@code Impressions} (and no {@code Publish time}: that is Meta's post export).
 */
public final class XContent extends SocialPostTable {

    /** Twitter's snowflake ids count milliseconds from this instant (2010-11-04), in the bits above the 22nd. */
    private static final long SNOWFLAKE_EPOCH_MS = 1_288_834_974_657L;

    private static final List<Counter> COUNTERS = List.of(
            new Counter("impressions", "Impressions"),
            new Counter("likes", "Likes"),
            new Counter("replies", "Replies"),
            new Counter("retweets", "Reposts", "Retweets"),
            new Counter("shares", "Shares", "Share"),
            new Counter("clicks", "URL Clicks", "Link clicks"));

    @Override
    public String key() {
        return "x-content";
    }

    @Override
    public String label() {
        return "X content export (2024+)";
    }

    @Override
    String channel() {
        return "twitter";
    }

    @Override
    String postsMetric() {
        return "twitter.posts";
    }

    @Override
    List<String[]> signature() {
        return List.of(new String[] {"Post id", "Tweet id"}, new String[] {"Post text", "Tweet text"},
                new String[] {"Impressions"});
    }

    @Override
    boolean excludes(SocialTables.Header header) {
        // the classic tweet activity file has Tweet id and Tweet text too, with its own time column
        return header.has("Publish time", "Page ID", "time");
    }

    @Override
    String[] idHeaders() {
        return new String[] {"Post id", "Tweet id"};
    }

    @Override
    List<String[]> textHeaders() {
        return List.<String[]>of(new String[] {"Post text", "Tweet text"});
    }

    @Override
    String[] urlHeaders() {
        return new String[] {"Post Link", "Link", "Permalink"};
    }

    @Override
    List<Counter> counters() {
        return COUNTERS;
    }

    @Override
    boolean decodesEntities() {
        return true;
    }

    /**
     * The day is the {@code Date} column's (the export's own day). The time of day comes from the post id (a snowflake
     * holds its creation time) when that agrees with the day within one day (time zones); otherwise midnight UTC.
     */
    @Override
    Optional<Published> published(Row row, SocialTables.Header header, List<String> problems) {
        int date = header.column("Date", "Created at", "Post time");
        if (date < 0) {
            problems.add("The export has no Date column");
            return Optional.empty();
        }
        Optional<LocalDate> day = SocialTables.day(row.cell(date));
        if (day.isEmpty()) {
            problems.add(header.cells().get(date).strip() + ": '" + row.cell(date) + "' is not a date");
            return Optional.empty();
        }
        OffsetDateTime at = snowflakeTime(row.cell(header.column(idHeaders())))
                .filter(time -> Math.abs(ChronoUnit.DAYS.between(day.get(), time.toLocalDate())) <= 1)
                .orElse(day.get().atStartOfDay().atOffset(ZoneOffset.UTC));
        return Optional.of(new Published(at, day.get()));
    }

    private static Optional<OffsetDateTime> snowflakeTime(String id) {
        try {
            long value = Long.parseLong(id);
            if (value < (1L << 22)) {
                return Optional.empty();
            }
            return Optional.of(Instant.ofEpochMilli((value >> 22) + SNOWFLAKE_EPOCH_MS).atOffset(ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.SECONDS));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
