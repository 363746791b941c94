package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Meta Business Suite's Facebook post export (Insights → Content → Export, UTF-8 with BOM), one row per post with
 * lifetime counters: {@code Post ID,Page ID,Page name,Title,Description,Duration (sec),Publish time} ({@code
 * MM/DD/YYYY HH:MM}, the page's time zone), {@code Caption type,Permalink,Is crosspost,Is share,Post type,Languages,
 * Custom labels,Funded content status,Data comment,Date} ({@code Lifetime}), then {@code Views} (older files:
 * {@code Impressions}), {@code Reach,"Reactions, Comments and Shares",Reactions,Comments,Shares,Total clicks,...}.
 * Recognised by {@code Post ID} with {@code Publish time} and {@code Permalink}.
 */
public final class MetaPosts extends SocialPostTable {

    private static final List<Counter> COUNTERS = List.of(
            new Counter("impressions", "Impressions", "Views"),
            new Counter("likes", "Reactions"),
            new Counter("comments", "Comments"),
            new Counter("shares", "Shares"),
            new Counter("clicks", "Total clicks"));

    private static final Map<String, String> DAILY = daily();

    private static Map<String, String> daily() {
        Map<String, String> daily = new LinkedHashMap<>();
        daily.put("impressions", "facebook.post_impressions");
        daily.put("comments", "facebook.post_comments");
        daily.put("likes", "facebook.post_likes");
        daily.put("shares", "facebook.post_shares");
        return daily;
    }

    @Override
    public String key() {
        return "meta-posts";
    }

    @Override
    public String label() {
        return "Meta Business Suite post export";
    }

    @Override
    String channel() {
        return "facebook";
    }

    @Override
    String postsMetric() {
        return "facebook.posts";
    }

    @Override
    List<String[]> signature() {
        return List.of(new String[] {"Post ID"}, new String[] {"Publish time"}, new String[] {"Permalink"});
    }

    @Override
    boolean excludes(SocialTables.Header header) {
        // Meta's Instagram export has the same shape; its posts are not Facebook's
        return header.has("Account username", "Account ID") && !header.has("Page ID", "Page name");
    }

    @Override
    String[] idHeaders() {
        return new String[] {"Post ID"};
    }

    @Override
    List<String[]> textHeaders() {
        return List.of(new String[] {"Title"}, new String[] {"Description"}, new String[] {"Message"});
    }

    @Override
    String[] urlHeaders() {
        return new String[] {"Permalink"};
    }

    @Override
    List<Counter> counters() {
        return COUNTERS;
    }

    @Override
    Map<String, String> dailyCounters() {
        return DAILY;
    }

    @Override
    Optional<Published> published(Row row, SocialTables.Header header, List<String> problems) {
        int time = header.column("Publish time");
        Optional<Published> published = SocialTables.usTime(row.cell(time))
                .map(local -> new Published(SocialTables.utc(local), local.toLocalDate()));
        if (published.isEmpty()) {
            problems.add(header.cells().get(time).strip() + ": '" + row.cell(time) + "' is not a date and time");
        }
        return published;
    }
}
