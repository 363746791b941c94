package com.zoomfactor.backend.imports.formats;

import java.util.List;

/**
 * X's 2024+ account overview download (x.com → Analytics → Overview → Export, {@code account_overview_analytics.csv}):
 * {@code Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,Reposts,Profile visits,
 * Create Post,Video views,Media views}, one row per day, newest first, dates as {@code "Tue, Feb 18, 2025"}.
 * Recognised by {@code Date} and {@code Impressions} with {@code Unfollows} or {@code Create Post}, and no post
 * column (that is the content export). Bookmarks, shares, video and media views have no catalogue metric.
 */
public final class XAccountOverview extends SocialDailyTable {

    private static final List<Column> COLUMNS = List.of(
            new Column("twitter.impressions", "Impressions"),
            new Column("twitter.likes", "Likes"),
            new Column("twitter.engagements", "Engagements"),
            new Column("twitter.new_follows", "New follows"),
            new Column("twitter.unfollows", "Unfollows"),
            new Column("twitter.replies", "Replies"),
            new Column("twitter.retweets", "Reposts"),
            new Column("twitter.profile_visits", "Profile visits"),
            new Column("twitter.posts", "Create Post", "Create Posts", "Posts"),
            new Column("twitter.link_clicks", "URL Clicks", "Link clicks"));

    @Override
    public String key() {
        return "x-account-overview";
    }

    @Override
    public String label() {
        return "X account overview (2024+)";
    }

    @Override
    String[] dateHeaders() {
        return names("Date");
    }

    @Override
    List<String[]> signature() {
        return List.of(names("Impressions"), names("Unfollows", "Create Post"));
    }

    @Override
    boolean excludes(SocialTables.Header header) {
        return header.has("Post id", "Post text", "Tweet id", "Tweets published");
    }

    @Override
    List<Column> columns() {
        return COLUMNS;
    }
}
