package com.zoomfactor.bench;

import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.score.PostFacts;
import com.zoomfactor.domain.score.ScoreEngine;
import com.zoomfactor.domain.score.ScoreInput;
import com.zoomfactor.domain.series.DailyValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic synthetic clients for the score benchmark: 25 catalogue metrics × 730 daily values with a size,
 * a two-year trend, weekly seasonality and noise per metric; ~2 years of posts following the daily post counts;
 * the window's retweets spread over a few hundred accounts (a few heavy, many light); a couple of competitors.
 */
final class SyntheticClients {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
    static final int DAYS = 730;
    static final int WINDOW = ScoreInput.DEFAULT_WINDOW_DAYS;

    /** The 20 metrics the engine uses plus the 5 others it reads (mentions, likes) or could: 25 of the catalogue. */
    static final List<String> METRICS = metrics();

    /** One LocalDate per day, shared by all clients (18 million DailyValues need no 18 million dates). */
    private static final LocalDate[] DATES = new LocalDate[DAYS];
    private static final String[] ACCOUNT_NAMES = new String[1000];
    private static final String[] TEXTS = {
        "New on the blog: what 2 years of analytics taught us about bounce rates",
        "Three ways to make a landing page people actually read",
        "Our webinar on search positions is tomorrow, sign up here",
        "Case study: how a local bakery doubled its returning visitors",
        "Poll: which channel brings you the most qualified leads?",
        "#FollowFriday picks: the analytics people we learn from every week",
        "Thread: why retweets from many accounts beat many retweets from few",
        "We are hiring a content strategist, details on our site",
        "@ann @bob thanks for the mention!",
        "Quick tip: measure time on page, not page views #analytics",
    };

    static {
        for (int i = 0; i < DAYS; i++) {
            DATES[i] = AS_OF.minusDays(DAYS - 1L - i);
        }
        for (int i = 0; i < ACCOUNT_NAMES.length; i++) {
            ACCOUNT_NAMES[i] = "account" + i;
        }
    }

    private SyntheticClients() {
    }

    private static List<String> metrics() {
        Set<String> keys = new LinkedHashSet<>(ScoreEngine.USED_METRICS);
        keys.addAll(List.of("twitter.mentions", "facebook.post_likes", "web.pageviews", "facebook.page_visitors",
                "linkedin.post_comments"));
        for (String key : keys) {
            MetricCatalogue.find(key).orElseThrow(() -> new IllegalStateException("not in the catalogue: " + key));
        }
        if (keys.size() != 25) {
            throw new IllegalStateException("expected 25 metrics, got " + keys.size());
        }
        return List.copyOf(keys);
    }

    /** How a metric behaves: its daily level for a client of size 1, and the shape of its noise. */
    private record Shape(double level, Kind kind) {
    }

    private enum Kind {
        /** Counts of events: scale with the client's size, weekday seasonality, Poisson-like noise, whole numbers. */
        FLOW,
        /** Shares in (0, 1) and averages (seconds, pages, position): no size, mild noise. */
        RATE,
        /** Stocks (followers, subscribers): a running total that grows or shrinks a little each day. */
        STOCK
    }

    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry("web.pageviews", new Shape(2500, Kind.FLOW)),
            Map.entry("web.unique_visitors", new Shape(800, Kind.FLOW)),
            Map.entry("web.returning_visitors", new Shape(250, Kind.FLOW)),
            Map.entry("web.returning_visitor_share", new Shape(0.30, Kind.RATE)),
            Map.entry("web.bounce_rate", new Shape(0.50, Kind.RATE)),
            Map.entry("web.time_on_page", new Shape(70, Kind.RATE)),
            Map.entry("web.pages_per_visit", new Shape(2.4, Kind.RATE)),
            Map.entry("twitter.posts", new Shape(3, Kind.FLOW)),
            Map.entry("twitter.retweets", new Shape(30, Kind.FLOW)),
            Map.entry("twitter.mentions", new Shape(12, Kind.FLOW)),
            Map.entry("twitter.replies", new Shape(9, Kind.FLOW)),
            Map.entry("twitter.followers", new Shape(5000, Kind.STOCK)),
            Map.entry("twitter.list_additions", new Shape(1, Kind.FLOW)),
            Map.entry("facebook.page_visitors", new Shape(400, Kind.FLOW)),
            Map.entry("facebook.posts", new Shape(1, Kind.FLOW)),
            Map.entry("facebook.post_impressions", new Shape(3000, Kind.FLOW)),
            Map.entry("facebook.post_comments", new Shape(4, Kind.FLOW)),
            Map.entry("facebook.post_likes", new Shape(40, Kind.FLOW)),
            Map.entry("linkedin.search_appearances", new Shape(150, Kind.FLOW)),
            Map.entry("linkedin.answers", new Shape(2, Kind.FLOW)),
            Map.entry("linkedin.post_comments", new Shape(3, Kind.FLOW)),
            Map.entry("newsletter.subscribers", new Shape(2000, Kind.STOCK)),
            Map.entry("search.avg_position", new Shape(7, Kind.RATE)),
            Map.entry("leads.optins", new Shape(5, Kind.FLOW)),
            Map.entry("polls.responses", new Shape(10, Kind.FLOW)));

    /** {@code count} different clients from one seed. */
    static List<ScoreInput> portfolio(long seed, int count) {
        Random r = new Random(seed);
        List<ScoreInput> clients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            clients.add(client(r.nextLong(), Math.exp(0.8 * r.nextGaussian())));
        }
        return clients;
    }

    /** One client of the given size (1 = a typical client: ~800 unique visitors and ~30 retweets a day). */
    static ScoreInput client(long seed, double size) {
        Random r = new Random(seed);
        Map<String, List<DailyValue>> daily = new HashMap<>();
        Map<String, double[]> raw = new HashMap<>();
        for (String key : METRICS) {
            double[] values = series(r, SHAPES.get(key), size, key.equals("search.avg_position"));
            raw.put(key, values);
            List<DailyValue> list = new ArrayList<>(DAYS);
            for (int d = 0; d < DAYS; d++) {
                list.add(new DailyValue(DATES[d], values[d]));
            }
            daily.put(key, List.copyOf(list));
        }

        double windowRetweets = 0;
        for (int d = DAYS - WINDOW; d < DAYS; d++) {
            windowRetweets += raw.get("twitter.retweets")[d];
        }
        Map<String, Map<String, Double>> breakdowns = Map.of("twitter.retweets",
                retweetsByAccount(r, windowRetweets, (int) Math.min(900, 100 + windowRetweets / (4 + 4 * r.nextDouble()))));

        List<PostFacts> posts = new ArrayList<>();
        double[] tweets = raw.get("twitter.posts");
        for (int d = 0; d < DAYS; d++) {
            Instant midnight = DATES[d].atStartOfDay(ZoneOffset.UTC).toInstant();
            for (int p = 0; p < tweets[d]; p++) {
                posts.add(new PostFacts("twitter", midnight.plusSeconds(r.nextInt(86_400)),
                        TEXTS[r.nextInt(TEXTS.length)], 200 + r.nextInt(800), r.nextInt(60)));
            }
        }

        Map<String, List<Double>> competitors = new HashMap<>();
        competitors.put("search.avg_position", around(r, windowMean(raw, "search.avg_position"), 2 + r.nextInt(3)));
        competitors.put("web.bounce_rate", around(r, windowMean(raw, "web.bounce_rate"), 2));
        competitors.put("linkedin.search_appearances",
                around(r, WINDOW * windowMean(raw, "linkedin.search_appearances"), 2));
        return new ScoreInput(AS_OF, WINDOW, daily, breakdowns, posts, competitors, null);
    }

    /** level × size × (1 + two-year trend) × weekday season × noise. */
    private static double[] series(Random r, Shape shape, double size, boolean position) {
        double[] v = new double[DAYS];
        double trend = 0.25 * r.nextGaussian(); // relative change over the two years
        switch (shape.kind()) {
            case FLOW -> {
                double level = shape.level() * size * (0.7 + 0.6 * r.nextDouble());
                for (int d = 0; d < DAYS; d++) {
                    double weekend = DATES[d].getDayOfWeek().getValue() >= 6 ? 0.75 : 1.0;
                    double mean = Math.max(0, level * (1 + trend * d / DAYS) * weekend);
                    double x = mean * (1 + 0.1 * r.nextGaussian()) + Math.sqrt(mean) * r.nextGaussian();
                    if (r.nextInt(1000) == 0) {
                        x *= 4; // the odd viral day
                    }
                    v[d] = Math.max(0, Math.round(x));
                }
            }
            case RATE -> {
                double level = shape.level() * (0.8 + 0.4 * r.nextDouble());
                for (int d = 0; d < DAYS; d++) {
                    double x = level * (1 + 0.5 * trend * d / DAYS) * (1 + 0.08 * r.nextGaussian());
                    v[d] = position ? Math.max(1, x) : shape.level() < 1 ? Math.min(0.99, Math.max(0.01, x)) : x;
                }
            }
            case STOCK -> {
                double x = shape.level() * size * (0.5 + r.nextDouble());
                double growth = x * (0.0005 + 0.001 * r.nextGaussian()); // per day
                for (int d = 0; d < DAYS; d++) {
                    x = Math.max(0, x + growth + Math.sqrt(Math.abs(growth) + 1) * r.nextGaussian());
                    v[d] = Math.round(x);
                }
            }
        }
        return v;
    }

    /** Retweets spread over a few hundred accounts with Zipf-like weights: a few regulars, a long tail. */
    private static Map<String, Double> retweetsByAccount(Random r, double total, int accounts) {
        double[] cumulative = new double[accounts];
        double sum = 0;
        for (int i = 0; i < accounts; i++) {
            sum += 1 / Math.pow(i + 1, 0.5);
            cumulative[i] = sum;
        }
        double[] counts = new double[accounts];
        for (long n = 0; n < Math.round(total); n++) {
            int i = Arrays.binarySearch(cumulative, r.nextDouble() * sum);
            counts[i < 0 ? -i - 1 : i]++;
        }
        Map<String, Double> byAccount = new HashMap<>();
        for (int i = 0; i < accounts; i++) {
            if (counts[i] > 0) {
                byAccount.put(ACCOUNT_NAMES[i], counts[i]);
            }
        }
        return byAccount;
    }

    private static double windowMean(Map<String, double[]> raw, String key) {
        double sum = 0;
        for (int d = DAYS - WINDOW; d < DAYS; d++) {
            sum += raw.get(key)[d];
        }
        return sum / WINDOW;
    }

    private static List<Double> around(Random r, double value, int count) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(value * (0.7 + 0.6 * r.nextDouble()));
        }
        return out;
    }
}
