package com.zoomfactor.domain.score;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** A plausible client: steady noisy series over baseline and window, retweets from a broad audience. */
final class RealisticClient {

    static final int W = Fixtures.WINDOW;

    /** Daily noise around a level, never negative; ratios stay in (0, 1). */
    static void noisy(Fixtures f, Random r, String key, double level, double sd, boolean round) {
        f.series(key, i -> {
            double v = Math.max(0, level + sd * r.nextGaussian());
            return round ? Math.round(v) : v;
        });
    }

    static Fixtures baseline(long seed) {
        Random r = new Random(seed);
        Fixtures f = new Fixtures();
        noisy(f, r, "web.bounce_rate", 0.50, 0.03, false);
        noisy(f, r, "web.time_on_page", 70, 8, false);
        noisy(f, r, "web.pages_per_visit", 2.4, 0.2, false);
        noisy(f, r, "web.unique_visitors", 800, 80, true);
        noisy(f, r, "web.returning_visitor_share", 0.30, 0.03, false);
        f.series("newsletter.subscribers", i -> 2000 + i);
        noisy(f, r, "leads.optins", 5, 2, true);
        f.series("twitter.followers", i -> 5000 + 2 * i);
        noisy(f, r, "facebook.post_impressions", 3000, 300, true);
        noisy(f, r, "twitter.posts", 3, 0.7, true);
        noisy(f, r, "twitter.retweets", 30, 6, true);
        noisy(f, r, "twitter.list_additions", 1, 1, true);
        noisy(f, r, "twitter.replies", 9, 3, true);
        noisy(f, r, "twitter.mentions", 12, 3, true);
        f.series("facebook.posts", i -> 1);
        noisy(f, r, "facebook.post_comments", 4, 2, true);
        noisy(f, r, "linkedin.answers", 2, 1, true);
        noisy(f, r, "polls.responses", 10, 3, true);
        noisy(f, r, "search.avg_position", 7, 0.5, false);
        noisy(f, r, "linkedin.search_appearances", 150, 20, true);
        f.competitors.put("search.avg_position", List.of(5.0, 6.5, 8.0, 11.0));
        f.breakdowns.put("twitter.retweets", spread(r, windowSum(f, "twitter.retweets"), 900, "fan"));
        // Lists named curator/list: each addition by one of 400 readers, to their own list.
        Map<String, Double> lists = new TreeMap<>();
        spread(r, windowSum(f, "twitter.list_additions"), 400, "@reader")
                .forEach((reader, n) -> lists.put(reader + "/reading", n));
        f.breakdowns.put("twitter.list_additions", lists);
        Instant start = Fixtures.day(W).atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int p = 0; p < 3 * W; p++) {
            f.posts.add(new PostFacts("twitter", start.plusSeconds(8 * 3600L * p),
                    "Post " + p + ": what our analytics say about " + (p % 7 == 0 ? "#FollowFriday picks" : "search"),
                    400, 30));
        }
        return f;
    }

    static double windowSum(Fixtures f, String key) {
        return f.daily.get(key).stream().filter(v -> !v.date().isBefore(Fixtures.day(W)))
                .mapToDouble(v -> v.value()).sum();
    }

    /** Each of {@code total} retweets from one of {@code accounts} accounts, at random. */
    static Map<String, Double> spread(Random r, double total, int accounts, String prefix) {
        Map<String, Double> byAccount = new TreeMap<>();
        for (long i = 0; i < Math.round(total); i++) {
            byAccount.merge(prefix + r.nextInt(accounts), 1.0, Double::sum);
        }
        return byAccount;
    }

    /**
     * Multiplies a metric's window days by a factor rising evenly from 1 on the window's first day, averaging
     * {@code meanFactor}: a gradual change, with no step and no spike day. Answers the volume it added.
     */
    static double ramp(Fixtures f, String key, double meanFactor) {
        double[] added = {0};
        f.daily.put(key, f.daily.get(key).stream().map(v -> {
            long j = java.time.temporal.ChronoUnit.DAYS.between(Fixtures.day(W), v.date());
            if (j < 0) {
                return v;
            }
            double factor = 1 + 2 * (meanFactor - 1) * j / (W - 1.0);
            added[0] += v.value() * (factor - 1);
            return new com.zoomfactor.domain.series.DailyValue(v.date(), v.value() * factor);
        }).toList());
        return added[0];
    }

    /** Multiplies a metric's window days by a factor. */
    static void scaleWindow(Fixtures f, String key, double factor) {
        f.daily.put(key, f.daily.get(key).stream()
                .map(v -> v.date().isBefore(Fixtures.day(W)) ? v
                        : new com.zoomfactor.domain.series.DailyValue(v.date(), v.value() * factor))
                .toList());
    }
}
