package com.zoomfactor.backend.demo;

import com.zoomfactor.backend.observations.Point;
import com.zoomfactor.backend.posts.PostStore.NewPost;
import com.zoomfactor.domain.Channel;
import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.metrics.Unit;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The demo client's generated history: plausible daily values for every catalogue metric of its channels, a
 * competitor's search figures and a few posts, from a seeded random source (the same seed, the same data). A
 * brand slowly growing, busier on weekdays, with a campaign that lifts its audience from {@link #CAMPAIGN_DAYS_AGO}.
 */
final class DemoData {

    /** The days of history, today included. */
    static final int DAYS = 180;
    /** When the campaign the demo's annotation tells of started, in days before today. */
    static final int CAMPAIGN_DAYS_AGO = 55;
    /** The channels the demo client uses: every channel of the product's catalogue that a brand usually has. */
    static final List<Channel> CHANNELS = List.of(Channel.WEBSITE, Channel.TWITTER, Channel.FACEBOOK,
            Channel.LINKEDIN, Channel.NEWSLETTER, Channel.SEARCH);
    static final String SOURCE = "demo";
    private static final List<String> PAGES = List.of("/", "/menu", "/blog/cold-brew-at-home", "/shops", "/about");
    private static final double[] PAGE_SHARES = {0.34, 0.21, 0.14, 0.11, 0.06};

    /**
     * How a metric moves: its level at the start of the history, its growth over the whole history (1.3: +30 %), how
     * much busier a weekday is than a weekend day, the day-to-day noise, and how much the campaign lifts it.
     */
    private record Profile(double start, double growth, double weekday, double noise, double campaign) {
    }

    /** Every metric of {@link #CHANNELS} but the ones derived from others (followers, subscribers, newsletter sends). */
    private static final Map<String, Profile> PROFILES = profiles();

    private final LocalDate today;
    private final Random random;

    DemoData(LocalDate today, long seed) {
        this.today = today;
        this.random = new Random(seed);
    }

    LocalDate firstDay() {
        return today.minusDays(DAYS - 1);
    }

    /** The daily points of every metric of the demo's channels, and the competitor's search position and clicks. */
    List<Point> points(UUID competitorId) {
        List<Point> points = new ArrayList<>();
        for (Metric metric : MetricCatalogue.all()) {
            if (!CHANNELS.contains(metric.channel())) {
                continue;
            }
            switch (metric.key()) {
                case "twitter.followers" -> points.addAll(audience("twitter.followers", 2_140, "twitter.new_follows",
                        "twitter.unfollows"));
                case "linkedin.followers" -> points.addAll(audience("linkedin.followers", 860,
                        "linkedin.new_followers", null));
                case "newsletter.subscribers" -> points.addAll(audience("newsletter.subscribers", 3_900,
                        "newsletter.new_subscribers", "newsletter.unsubscribes"));
                case "newsletter.emails_sent", "newsletter.open_rate", "newsletter.click_rate" -> {
                    // written with the subscribers, on the weekly send day
                }
                case "twitter.new_follows", "twitter.unfollows", "linkedin.new_followers",
                     "newsletter.new_subscribers", "newsletter.unsubscribes" -> {
                    // written with the running total they make
                }
                default -> points.addAll(series(metric, PROFILES.get(metric.key()), null));
            }
        }
        points.addAll(sends(points));
        points.addAll(pages(points));
        points.addAll(series(metric("search.avg_position"), new Profile(9.5, 0.95, 1, 0.06, 1), competitorId));
        points.addAll(series(metric("search.clicks"), new Profile(95, 1.15, 1.2, 0.15, 1), competitorId));
        return points;
    }

    /** About one post a day spread over X, Facebook and LinkedIn in the last weeks, with counters that fit them. */
    List<NewPost> posts() {
        String[] texts = {"Cold brew season is here: our new single-origin from Huila is in every shop.",
                "Five minutes, one jar, no machine: how to make cold brew at home.",
                "We now roast on Tuesdays and Fridays, so your beans are never more than four days old.",
                "Meet Ana, who has run our Lyon shop since the first day.",
                "Our spring campaign: bring your own cup and the second coffee is on us.",
                "Why we pay farmers above the fair-trade price, in numbers.",
                "Three new shops open this summer. Can you guess the cities?"};
        String[] channels = {"twitter", "facebook", "linkedin"};
        List<NewPost> posts = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            LocalDate day = today.minusDays(1 + i * 2L);
            String channel = channels[i % channels.length];
            long impressions = Math.round(900 + random.nextDouble() * 2_400);
            long likes = Math.round(impressions * (0.015 + random.nextDouble() * 0.03));
            JsonObject counters = new JsonObject().put("impressions", impressions).put("likes", likes)
                    .put("comments", Math.round(likes * 0.12)).put("shares", Math.round(likes * 0.18))
                    .put("clicks", Math.round(impressions * 0.011));
            if (channel.equals("twitter")) {
                counters.put("retweets", Math.round(likes * 0.25)).put("replies", Math.round(likes * 0.1));
            }
            posts.add(new NewPost(channel, "demo-" + channel + "-" + i,
                    day.atTime(9 + i % 8, 30).atOffset(ZoneOffset.UTC), texts[i % texts.length],
                    "https://northwind-coffee.example/posts/" + i, counters));
        }
        return posts;
    }

    /** One value per day: the profile's level and growth, weekday rhythm, campaign lift and noise. */
    private List<Point> series(Metric metric, Profile profile, UUID competitorId) {
        List<Point> points = new ArrayList<>();
        for (int age = DAYS - 1; age >= 0; age--) {
            LocalDate day = today.minusDays(age);
            double value = level(profile, age, day) * (1 + profile.noise() * random.nextGaussian());
            points.add(new Point(metric.key(), day, day, null, competitorId, fit(metric.unit(), value), SOURCE));
        }
        return points;
    }

    private static double level(Profile profile, int age, LocalDate day) {
        double progress = (DAYS - 1 - age) / (double) (DAYS - 1);
        double level = profile.start() * Math.pow(profile.growth(), progress);
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        double rhythm = weekend ? 1 / Math.sqrt(profile.weekday()) : Math.sqrt(profile.weekday());
        // the campaign lifts the level for four weeks, then fades to a third of its lift
        double lift = age > CAMPAIGN_DAYS_AGO ? 1 : age > CAMPAIGN_DAYS_AGO - 28 ? profile.campaign()
                : 1 + (profile.campaign() - 1) / 3;
        return level * rhythm * lift;
    }

    /** A running total (followers, subscribers) made of the generated gains and losses of each day. */
    private List<Point> audience(String total, double start, String gains, String losses) {
        List<Point> gained = series(metric(gains), PROFILES.get(gains), null);
        List<Point> lost = losses == null ? List.of() : series(metric(losses), PROFILES.get(losses), null);
        List<Point> points = new ArrayList<>(gained);
        points.addAll(lost);
        double running = start;
        for (int i = 0; i < gained.size(); i++) {
            running += gained.get(i).value() - (lost.isEmpty() ? 0 : lost.get(i).value());
            LocalDate day = gained.get(i).start();
            points.add(new Point(total, day, day, null, null, Math.round(running), SOURCE));
        }
        return points;
    }

    /** The newsletter goes out every Tuesday to every subscriber; its open and click rates are that send's. */
    private List<Point> sends(List<Point> written) {
        List<Point> points = new ArrayList<>();
        for (Point point : written) {
            if (point.metric().equals("newsletter.subscribers") && point.start().getDayOfWeek() == DayOfWeek.TUESDAY) {
                LocalDate day = point.start();
                points.add(new Point("newsletter.emails_sent", day, day, null, null, point.value(), SOURCE));
                points.add(new Point("newsletter.open_rate", day, day, null, null,
                        fit(Unit.RATIO, 0.38 + 0.04 * random.nextGaussian()), SOURCE));
                points.add(new Point("newsletter.click_rate", day, day, null, null,
                        fit(Unit.RATIO, 0.045 + 0.008 * random.nextGaussian()), SOURCE));
            }
        }
        return points;
    }

    /** The day's page views broken down over the site's main pages (the rest of the views go to other pages). */
    private List<Point> pages(List<Point> written) {
        List<Point> points = new ArrayList<>();
        for (Point point : written) {
            if (point.metric().equals("web.pageviews") && point.competitorId() == null && point.dimension() == null) {
                for (int i = 0; i < PAGES.size(); i++) {
                    double share = PAGE_SHARES[i] * (1 + 0.1 * random.nextGaussian());
                    points.add(new Point(point.metric(), point.start(), point.end(), PAGES.get(i), null,
                            Math.round(point.value() * Math.max(0, share)), SOURCE));
                }
            }
        }
        return points;
    }

    /** A value its unit accepts: counts whole and not negative, ratios within 0..1, positions from 1. */
    private static double fit(Unit unit, double value) {
        return switch (unit) {
            case COUNT -> Math.max(0, Math.round(value));
            case RATIO -> Math.round(Math.min(0.99, Math.max(0.01, value)) * 10_000) / 10_000.0;
            case SECONDS -> Math.round(Math.max(1, value) * 10) / 10.0;
            case POSITION -> Math.round(Math.max(1, value) * 10) / 10.0;
        };
    }

    private static Metric metric(String key) {
        return MetricCatalogue.find(key).orElseThrow();
    }

    /** How each metric moves, but the running totals and the newsletter's sends, which are derived. */
    private static Map<String, Profile> profiles() {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        profiles.put("web.pageviews", new Profile(1_050, 1.35, 1.5, 0.12, 1.25));
        profiles.put("web.unique_visitors", new Profile(360, 1.35, 1.5, 0.12, 1.25));
        profiles.put("web.returning_visitors", new Profile(105, 1.5, 1.4, 0.14, 1.15));
        profiles.put("web.returning_visitor_share", new Profile(0.29, 1.12, 1, 0.05, 0.97));
        profiles.put("web.bounce_rate", new Profile(0.55, 0.9, 1, 0.04, 1.03));
        profiles.put("web.time_on_page", new Profile(64, 1.1, 1.05, 0.08, 1));
        profiles.put("web.pages_per_visit", new Profile(2.3, 1.08, 1.05, 0.06, 1));
        profiles.put("web.sessions", new Profile(440, 1.35, 1.5, 0.12, 1.25));
        profiles.put("web.engagement_rate", new Profile(0.56, 1.06, 1, 0.04, 1));
        profiles.put("web.key_events", new Profile(5, 1.4, 1.5, 0.3, 1.4));
        profiles.put("twitter.posts", new Profile(1.1, 1.1, 1.6, 0.45, 1.3));
        profiles.put("twitter.retweets", new Profile(14, 1.3, 1.4, 0.35, 1.5));
        profiles.put("twitter.mentions", new Profile(9, 1.3, 1.3, 0.35, 1.5));
        profiles.put("twitter.replies", new Profile(6, 1.25, 1.3, 0.4, 1.4));
        profiles.put("twitter.list_additions", new Profile(0.6, 1.3, 1.2, 0.8, 1.3));
        profiles.put("twitter.impressions", new Profile(5_200, 1.3, 1.4, 0.2, 1.4));
        profiles.put("twitter.likes", new Profile(48, 1.3, 1.4, 0.3, 1.5));
        profiles.put("twitter.engagements", new Profile(130, 1.3, 1.4, 0.25, 1.5));
        profiles.put("twitter.link_clicks", new Profile(38, 1.3, 1.4, 0.3, 1.4));
        profiles.put("twitter.profile_visits", new Profile(70, 1.25, 1.3, 0.25, 1.4));
        profiles.put("twitter.new_follows", new Profile(7, 1.4, 1.3, 0.35, 1.6));
        profiles.put("twitter.unfollows", new Profile(2.5, 1, 1, 0.5, 1));
        profiles.put("facebook.page_visitors", new Profile(210, 1.2, 1.3, 0.18, 1.3));
        profiles.put("facebook.non_fan_visitor_share", new Profile(0.62, 0.93, 1, 0.05, 1.04));
        profiles.put("facebook.posts", new Profile(0.8, 1.1, 1.5, 0.5, 1.3));
        profiles.put("facebook.post_impressions", new Profile(3_100, 1.25, 1.3, 0.2, 1.4));
        profiles.put("facebook.post_comments", new Profile(11, 1.2, 1.3, 0.4, 1.4));
        profiles.put("facebook.post_likes", new Profile(85, 1.25, 1.3, 0.3, 1.4));
        profiles.put("facebook.post_shares", new Profile(9, 1.25, 1.3, 0.4, 1.5));
        profiles.put("facebook.reach", new Profile(2_300, 1.25, 1.3, 0.2, 1.4));
        profiles.put("facebook.interactions", new Profile(110, 1.25, 1.3, 0.3, 1.4));
        profiles.put("facebook.link_clicks", new Profile(26, 1.25, 1.3, 0.3, 1.4));
        profiles.put("facebook.new_follows", new Profile(5, 1.3, 1.3, 0.4, 1.5));
        profiles.put("linkedin.search_appearances", new Profile(120, 1.3, 1.8, 0.2, 1.2));
        profiles.put("linkedin.answers", new Profile(0.4, 1.5, 1.8, 0.9, 1.2));
        profiles.put("linkedin.post_comments", new Profile(4, 1.3, 1.8, 0.45, 1.3));
        profiles.put("linkedin.new_followers", new Profile(3.5, 1.4, 1.8, 0.4, 1.4));
        profiles.put("linkedin.impressions", new Profile(1_400, 1.3, 1.8, 0.2, 1.3));
        profiles.put("linkedin.clicks", new Profile(42, 1.3, 1.8, 0.3, 1.3));
        profiles.put("linkedin.reactions", new Profile(35, 1.3, 1.8, 0.3, 1.3));
        profiles.put("linkedin.shares", new Profile(3, 1.3, 1.8, 0.5, 1.3));
        profiles.put("linkedin.page_views", new Profile(95, 1.3, 1.8, 0.2, 1.2));
        profiles.put("linkedin.unique_visitors", new Profile(60, 1.3, 1.8, 0.2, 1.2));
        profiles.put("newsletter.new_subscribers", new Profile(11, 1.4, 1.3, 0.35, 1.7));
        profiles.put("newsletter.unsubscribes", new Profile(3, 1.1, 1, 0.5, 1.1));
        profiles.put("search.avg_position", new Profile(14.5, 0.72, 1, 0.05, 0.95));
        profiles.put("search.clicks", new Profile(110, 1.45, 1.3, 0.15, 1.2));
        profiles.put("search.impressions", new Profile(4_600, 1.3, 1.3, 0.12, 1.15));
        profiles.put("search.ctr", new Profile(0.024, 1.1, 1, 0.08, 1.05));
        return Map.copyOf(profiles);
    }
}
