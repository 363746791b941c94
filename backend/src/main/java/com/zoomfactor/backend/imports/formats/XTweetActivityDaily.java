package com.zoomfactor.backend.imports.formats;

import java.util.List;

/**
 * X / Twitter's classic analytics "by day" download (analytics.twitter.com, {@code daily_tweet_activity_metrics_*.csv}):
 * {@code "Date","Tweets published","impressions","engagements","engagement rate","retweets","replies","likes"} (or
 * {@code favorites} in files before late 2015), {@code "user profile clicks","url clicks",...,"follows",...} and the
 * {@code promoted ...} twins ({@code -} when nothing was promoted), one row per day. Recognised by {@code Date} with
 * {@code Tweets published} and {@code impressions}. Rates and the promoted (paid) columns are not read.
 */
public final class XTweetActivityDaily extends SocialDailyTable {

    private static final List<Column> COLUMNS = List.of(
            new Column("twitter.posts", "Tweets published", "Posts published"),
            new Column("twitter.impressions", "impressions"),
            new Column("twitter.engagements", "engagements"),
            new Column("twitter.retweets", "retweets"),
            new Column("twitter.replies", "replies"),
            new Column("twitter.likes", "likes", "favorites"),
            new Column("twitter.link_clicks", "url clicks"),
            new Column("twitter.profile_visits", "user profile clicks"),
            new Column("twitter.new_follows", "follows"));

    @Override
    public String key() {
        return "x-tweet-activity-daily";
    }

    @Override
    public String label() {
        return "X (Twitter) tweet activity by day";
    }

    @Override
    String[] dateHeaders() {
        return names("Date");
    }

    @Override
    List<String[]> signature() {
        return List.of(names("Tweets published", "Posts published"), names("impressions"));
    }

    @Override
    List<Column> columns() {
        return COLUMNS;
    }
}
