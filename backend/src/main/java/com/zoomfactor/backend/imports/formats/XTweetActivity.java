package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Row;
import java.util.List;
import java.util.Optional;

/**
 * X / Twitter's classic tweet activity download (analytics.twitter.com, {@code tweet_activity_metrics_*.csv}), one
 * row per tweet over 40 quoted columns: {@code "Tweet id","Tweet permalink","Tweet text","time"} ({@code 2021-11-30
 * 16:00 +0000}), {@code "impressions","engagements","engagement rate","retweets","replies","likes"} ({@code favorites}
 * before late 2015), {@code "user profile clicks","url clicks",...,"media engagements"}, then the {@code promoted ...}
 * twins ({@code -} when the tweet was not promoted). Counters are floats ({@code "1777.0"}); texts hold HTML entities.
 * Recognised by {@code Tweet id} with {@code time} and {@code impressions}.
 */
public final class XTweetActivity extends SocialPostTable {

    private static final List<Counter> COUNTERS = List.of(
            new Counter("impressions", "impressions"),
            new Counter("retweets", "retweets"),
            new Counter("replies", "replies"),
            new Counter("likes", "likes", "favorites"),
            new Counter("clicks", "url clicks"));

    @Override
    public String key() {
        return "x-tweet-activity";
    }

    @Override
    public String label() {
        return "X (Twitter) tweet activity";
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
        return List.of(new String[] {"Tweet id"}, new String[] {"time"}, new String[] {"impressions"});
    }

    @Override
    String[] idHeaders() {
        return new String[] {"Tweet id"};
    }

    @Override
    List<String[]> textHeaders() {
        return List.<String[]>of(new String[] {"Tweet text"});
    }

    @Override
    String[] urlHeaders() {
        return new String[] {"Tweet permalink"};
    }

    @Override
    List<Counter> counters() {
        return COUNTERS;
    }

    @Override
    boolean decodesEntities() {
        return true;
    }

    @Override
    Optional<Published> published(Row row, SocialTables.Header header, List<String> problems) {
        int time = header.column("time");
        Optional<Published> published = SocialTables.tweetTime(row.cell(time))
                .map(at -> new Published(at, at.toLocalDate()));
        if (published.isEmpty()) {
            problems.add("time: '" + row.cell(time) + "' is not a date and time");
        }
        return published;
    }
}
