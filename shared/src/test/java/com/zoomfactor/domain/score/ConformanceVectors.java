package com.zoomfactor.domain.score;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zoomfactor.domain.series.DailyValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;

/**
 * The conformance vectors of docs/conformance.md: named scenarios, one per rule or edge case of docs/methodology.md,
 * each written as a JSON file (input and the engine's full explanation) for a second implementation to reproduce.
 * {@link #main} (or {@code ConformanceTest} with {@code -Dconformance.write=true}) rewrites the folder.
 */
final class ConformanceVectors {

    /** Where the vectors live, relative to the shared module (the working directory of its tests). */
    static final Path FOLDER = Path.of("src/test/resources/conformance");

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);

    /** One vector before it is scored. */
    record Case(String name, List<String> rules, String description, ScoreInput input) {
    }

    /** The mapper of the API (JsonResponses): ISO dates and instants, enums by their keys. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // The input's maps are immutable copies with no stable order: sorted keys keep a regeneration's diff
            // to what changed.
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ConformanceVectors() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("wrote " + write() + " vectors to " + FOLDER.toAbsolutePath());
    }

    /** Rewrites the folder from {@link #cases()}: removes vectors that no longer exist. */
    static int write() throws IOException {
        Files.createDirectories(FOLDER);
        try (Stream<Path> old = Files.list(FOLDER)) {
            for (Path p : old.filter(p -> p.toString().endsWith(".json")).toList()) {
                Files.delete(p);
            }
        }
        List<Case> cases = cases();
        for (Case c : cases) {
            Files.writeString(FOLDER.resolve(c.name() + ".json"), MAPPER.writeValueAsString(vector(c)) + "\n");
        }
        return cases.size();
    }

    static ObjectNode vector(Case c) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", c.name());
        node.set("rules", MAPPER.valueToTree(c.rules()));
        node.put("description", c.description());
        node.set("input", MAPPER.valueToTree(c.input()));
        node.set("expected", MAPPER.valueToTree(ScoreEngine.score(c.input())));
        return node;
    }

    // ---------------------------------------------------------------------------------------------- builder

    /** A small input: day 0 is the first baseline day, day 2·window − 1 is asOf. */
    static final class In {
        int window = 14;
        LocalDate asOf = AS_OF;
        final Map<String, List<DailyValue>> daily = new TreeMap<>();
        final Map<String, Map<String, Double>> breakdowns = new TreeMap<>();
        final List<PostFacts> posts = new ArrayList<>();
        final Map<String, List<Double>> competitors = new TreeMap<>();
        Weights weights = Weights.defaults();

        LocalDate day(int i) {
            return asOf.minusDays(2L * window - 1 - i);
        }

        /** Every day of both periods: {@code valueOfDay} of the day's index. */
        In series(String key, IntToDoubleFunction valueOfDay) {
            List<DailyValue> values = new ArrayList<>();
            for (int i = 0; i < 2 * window; i++) {
                double v = valueOfDay.applyAsDouble(i);
                if (!Double.isNaN(v)) {
                    values.add(new DailyValue(day(i), v));
                }
            }
            daily.put(key, values);
            return this;
        }

        /** The same value every baseline day and another every window day. */
        In constant(String key, double baseline, double window) {
            return series(key, i -> i < this.window ? baseline : window);
        }

        /** Values only in the window (no baseline). */
        In windowOnly(String key, double value) {
            return series(key, i -> i < window ? Double.NaN : value);
        }

        In competitors(String key, Double... values) {
            competitors.put(key, java.util.Arrays.asList(values));
            return this;
        }

        /** {@code accounts} accounts with {@code each} of the metric's window total each. */
        In breakdown(String metric, String prefix, int accounts, double each) {
            Map<String, Double> by = breakdowns.computeIfAbsent(metric, k -> new TreeMap<>());
            for (int a = 1; a <= accounts; a++) {
                by.merge(prefix + a, each, Double::sum);
            }
            return this;
        }

        /** A post on day {@code i} at {@code hour} UTC. */
        In post(int i, int hour, String text) {
            posts.add(new PostFacts("twitter", day(i).atTime(hour, 0).toInstant(ZoneOffset.UTC), text, 100, 5));
            return this;
        }

        In post(Instant at, String text) {
            posts.add(new PostFacts("twitter", at, text, 100, 5));
            return this;
        }

        In weights(Component... positive) {
            Map<Component, Double> w = new EnumMap<>(Component.class);
            for (Component c : Component.values()) {
                w.put(c, 0.0);
            }
            for (int i = 0; i < positive.length; i++) {
                w.put(positive[i], 1.0 + i);
            }
            weights = new Weights(w);
            return this;
        }

        ScoreInput input() {
            return new ScoreInput(asOf, window, new LinkedHashMap<>(daily), new LinkedHashMap<>(breakdowns),
                    List.copyOf(posts), new LinkedHashMap<>(competitors), weights);
        }
    }

    private static final List<Case> CASES = new ArrayList<>();

    private static void add(String name, String rules, String description, Consumer<In> build) {
        In in = new In();
        build.accept(in);
        CASES.add(new Case(name, List.of(rules.split("; ")), description, in.input()));
    }

    static synchronized List<Case> cases() {
        if (!CASES.isEmpty()) {
            return List.copyOf(CASES);
        }
        period();
        ruleB();
        ruleC();
        perPost();
        breadth();
        ruleF();
        momentum();
        componentsAndWeights();
        signals();
        drivers();
        whole();
        return List.copyOf(CASES);
    }

    private static void period() {
        add("empty", "§5 quality, score, coverage", "No data at all: every component unmeasured, coverage 0.",
                in -> { });
        add("missing-days-are-absent", "§1 window and baseline; §2 each metric's value",
                "A mean metric with missing days: the mean is over the days present, never counting a gap as 0.",
                in -> in.series("web.time_on_page", i -> i % 3 == 0 ? Double.NaN : i < 14 ? 60 : 75));
        add("data-outside-both-periods", "§1 window and baseline",
                "Values before the baseline and after asOf are ignored.",
                in -> {
                    in.constant("web.unique_visitors", 100, 120);
                    List<DailyValue> v = new ArrayList<>(in.daily.get("web.unique_visitors"));
                    v.add(0, new DailyValue(in.day(-1), 100000));
                    v.add(new DailyValue(in.asOf.plusDays(1), 100000));
                    in.daily.put("web.unique_visitors", v);
                });
        add("last-aggregation", "§2 each metric's value; §3 rule B",
                "A stock (last): the period's latest value stands for it; ±20 % is the scale.",
                in -> in.series("newsletter.subscribers", i -> 1000 + 10 * i));
        add("window-one-day", "§1 window and baseline",
                "A one-day window: one baseline day, one window day.",
                in -> {
                    in.window = 1;
                    in.constant("web.unique_visitors", 100, 150);
                });
    }

    private static void ruleB() {
        add("rule-b-higher-is-better", "§3 rule B",
                "Unique visitors 100 → 130 a day: d = 0.3, n = 80.",
                in -> in.constant("web.unique_visitors", 100, 130));
        add("rule-b-lower-is-better", "§3 rule B; §9 worked example",
                "Bounce rate 0.52 → 0.39: d = 0.25, n = 75.",
                in -> in.constant("web.bounce_rate", 0.52, 0.39));
        add("rule-b-clamped-high", "§3 rule B", "+80 % clamps at 100.",
                in -> in.constant("linkedin.answers", 5, 9));
        add("rule-b-clamped-low", "§3 rule B", "−70 % clamps at 0.",
                in -> in.constant("polls.responses", 10, 3));
        add("rule-b-zero-baseline-improved", "§3 rule B", "A zero baseline and any improvement: 100.",
                in -> in.constant("leads.optins", 0, 2));
        add("rule-b-zero-baseline-flat", "§3 rule B", "A zero baseline and zero now: 50.",
                in -> in.constant("leads.optins", 0, 0));
        add("rule-b-zero-baseline-worse", "§3 rule B",
                "A zero baseline of a lower-is-better metric and a positive value now: 0.",
                in -> in.constant("web.bounce_rate", 0, 0.4));
        add("no-baseline-par", "§3 combination",
                "Window values without a baseline and without competitors: par, 50.",
                in -> in.windowOnly("web.pages_per_visit", 3));
    }

    private static void ruleC() {
        add("rule-c-only-competitors", "§3 rule C; §3 combination",
                "No baseline; competitors 1, 2, 3, 5: 3 beats two, none tied → 50.",
                in -> {
                    in.windowOnly("linkedin.search_appearances", 3);
                    in.competitors("linkedin.search_appearances", 1.0, 2.0, 3.0, 5.0);
                });
        add("rule-c-ties-lower-is-better", "§3 rule C; §3 combination",
                "Search position 6 against 8 (B 75) and competitors 4, 6, 9: beats one, ties one → 50; mean 62.5.",
                in -> {
                    in.constant("search.avg_position", 8, 6);
                    in.competitors("search.avg_position", 4.0, 6.0, 9.0);
                });
        add("rule-c-null-competitor-ignored", "§3 rule C",
                "A competitor without a value (null) is left out of the count.",
                in -> {
                    in.constant("web.time_on_page", 60, 60);
                    in.competitors("web.time_on_page", 30.0, null, 90.0);
                });
        add("rule-c-competitors-without-data", "§3 rule C; §5 quality, score, coverage",
                "Competitors for a metric the client has no data for: the line does not exist.",
                in -> {
                    in.constant("web.unique_visitors", 100, 100);
                    in.competitors("web.time_on_page", 30.0, 90.0);
                });
    }

    private static void perPost() {
        add("per-post-rate", "§2 per-post rates; §3 rule B",
                "Retweets per post: 28/14 → 42/14 per period (2 → 3 per post), d = 0.5 → 100.",
                in -> {
                    in.constant("twitter.retweets", 2, 3);
                    in.constant("twitter.posts", 1, 1);
                });
        add("per-post-missing-denominator", "§2 per-post rates",
                "Replies without post counts: no per-post line (replies still count for coverage and momentum).",
                in -> in.constant("twitter.replies", 5, 6));
        add("per-post-missing-numerator", "§2 per-post rates",
                "Post counts without comments: no per-post line.",
                in -> in.constant("facebook.posts", 1, 1));
        add("per-post-zero-posts-in-window", "§2 per-post rates",
                "Comments but zero posts in the window: no line.",
                in -> {
                    in.constant("facebook.post_comments", 4, 4);
                    in.constant("facebook.posts", 1, 0);
                });
        add("per-post-zero-posts-in-baseline", "§2 per-post rates; §3 combination",
                "Posts only in the window: no baseline ratio, the line is at par.",
                in -> {
                    in.constant("twitter.replies", 3, 6);
                    in.constant("twitter.posts", 0, 2);
                });
        add("rule-p-fewer-posts-same-total", "§3 rule P",
                "A third as many posts, the same retweets: the rate triples, the total does not move → credited 0, 50.",
                in -> {
                    in.constant("twitter.retweets", 6, 6);
                    in.constant("twitter.posts", 3, 1);
                });
        add("rule-p-more-posts-less-each", "§3 rule P",
                "Twice the posts, 60 % more replies: the rate falls 20 %, the total rises → they disagree, 50.",
                in -> {
                    in.constant("twitter.replies", 10, 16);
                    in.constant("twitter.posts", 2, 4);
                });
        add("rule-p-both-fall", "§3 rule P",
                "The same posts, 30 % fewer comments: both fall 30 % → credited −0.3, n = 20.",
                in -> {
                    in.constant("facebook.post_comments", 10, 7);
                    in.constant("facebook.posts", 1, 1);
                });
        add("rule-p-deleting-weak-posts", "§3 rule P",
                "Half the posts deleted with 20 % of the retweets: the rate rises 60 %, the total falls → 50.",
                in -> {
                    in.constant("twitter.retweets", 10, 8);
                    in.constant("twitter.posts", 2, 1);
                });
        add("rule-p-both-rise-unequally", "§3 rule P",
                "Rate +25 %, total +50 % (more posts, each better): credited the smaller, 0.25 → 75.",
                in -> {
                    in.constant("twitter.retweets", 8, 12);
                    in.constant("twitter.posts", 2, 2.4);
                });
        add("rule-p-from-zero", "§3 rule P",
                "No retweets in the baseline, some now: rate and total grow from 0 (+∞) → 100.",
                in -> {
                    in.constant("twitter.retweets", 0, 3);
                    in.constant("twitter.posts", 1, 1);
                });
        add("per-post-competitors", "§2 per-post rates; §3 rule P; §3 rule C",
                "Per-post lines take no competitors: the competitors' values given for the line are ignored.",
                in -> {
                    in.constant("twitter.retweets", 10, 12);
                    in.constant("twitter.posts", 2, 2);
                    in.competitors("twitter.retweets_per_post", 4.0, 8.0);
                });
    }

    private static void breadth() {
        add("breadth-25-accounts", "§2 breadth; §3 rule D", "25 equal accounts: N = 25, n = 50.",
                in -> {
                    in.constant("twitter.retweets", 0, 1);
                    in.breakdown("twitter.retweets", "acct", 25, 0.56);
                });
        add("breadth-one-account", "§2 breadth; §3 rule D; §6 concentration",
                "One account retweets 40 times: N = 1, n = 3.85, and the concentration signal fires.",
                in -> {
                    in.constant("twitter.retweets", 2, 3);
                    in.breakdown("twitter.retweets", "solo", 1, 40);
                });
        add("breadth-unequal", "§2 breadth; §3 rule D",
                "Accounts with 10, 5, 1, 1, 1 retweets (and one with 0, ignored).",
                in -> {
                    in.constant("twitter.retweets", 1, 1);
                    in.breakdown("twitter.retweets", "big", 1, 10);
                    in.breakdown("twitter.retweets", "mid", 1, 5);
                    in.breakdown("twitter.retweets", "small", 3, 1);
                    in.breakdown("twitter.retweets", "none", 1, 0);
                });
    }

    private static void ruleF() {
        add("rule-f-followers-with-engagement", "§3 rule F",
                "Followers +10 %, engagement +20 %: the whole growth is credited (s = 0.2) → 75.",
                in -> {
                    in.constant("twitter.followers", 1000, 1100);
                    in.constant("twitter.retweets", 10, 12);
                });
        add("rule-f-followers-without-engagement", "§3 rule F; §6 followers_without_engagement",
                "Followers +50 %, engagement flat: credited 0 → 50, and the signal fires (excess 0.5 → −20 %).",
                in -> {
                    in.constant("twitter.followers", 1000, 1500);
                    in.constant("twitter.retweets", 10, 10);
                    in.constant("twitter.mentions", 4, 4);
                });
        add("rule-f-engagement-falling", "§3 rule F",
                "Engagement −20 % counts as 0 growth (never below).",
                in -> {
                    in.constant("twitter.followers", 1000, 1050);
                    in.constant("twitter.replies", 10, 8);
                });
        add("rule-f-no-engagement-data", "§3 rule F",
                "No engagement data: follower growth is credited as is.",
                in -> in.constant("twitter.followers", 1000, 1100));
        add("rule-f-engagement-only-in-window", "§3 rule F",
                "Engagement without a baseline is not measured in both periods: growth credited as is.",
                in -> {
                    in.constant("twitter.followers", 1000, 1100);
                    in.windowOnly("twitter.mentions", 5);
                });
        add("rule-f-zero-follower-baseline", "§3 rule F; §3 rule B",
                "Followers from 0: infinite growth, capped by engagement growth.",
                in -> {
                    in.constant("twitter.followers", 0, 100);
                    in.constant("twitter.retweets", 10, 11);
                });
        add("rule-f-no-follower-baseline", "§3 rule F; §3 combination",
                "Followers only in the window: par.",
                in -> in.windowOnly("twitter.followers", 500));
    }

    private static void momentum() {
        add("momentum-up", "§3 rule T; §4 momentum",
                "A rising series with some noise is trending up → 100.",
                in -> in.series("web.unique_visitors", i -> 100 + 3 * i + (i % 2 == 0 ? 4 : -4)));
        add("momentum-down-lower-is-better", "§3 rule T; §4 momentum",
                "A falling bounce rate trends down: good for a lower-is-better metric → 100.",
                in -> in.series("web.bounce_rate", i -> 0.6 - 0.01 * i));
        add("momentum-bad-direction", "§3 rule T; §4 momentum",
                "Falling list additions → 0; flat followers → 50; momentum 25.",
                in -> {
                    in.series("twitter.list_additions", i -> 40 - i);
                    in.constant("twitter.followers", 1000, 1000);
                });
        add("momentum-too-few-values", "§3 rule T; §4 momentum",
                "Three window values: not in momentum (the line still counts in its component).",
                in -> in.series("web.time_on_page", i -> i < 14 ? 60 : i >= 25 ? 66 : Double.NaN));
        add("momentum-post-counts-excluded", "§4 momentum",
                "Post counts are not achievements: a rising post count is left out of momentum.",
                in -> {
                    in.series("twitter.posts", i -> 1 + i);
                    in.constant("twitter.retweets", 20, 20);
                });
        add("momentum-weekly-over-120-days", "§3 rule T",
                "A 130-day window: the trend is tested on weekly sums, not on the 130 days.",
                in -> {
                    in.window = 130;
                    in.series("linkedin.answers", i -> 5 + (i % 7 == 0 ? 6 : 0) + i / 40.0);
                });
        add("momentum-monthly-over-120-weeks", "§3 rule T",
                "A 900-day window (129 weeks): the trend is tested on the 30 calendar months, not on the weeks."
                        + " Followers (last) fall by one a day except on each month's last day, where they rise month"
                        + " after month: the months' last values go up (100), the weeks' last values would go down.",
                in -> {
                    in.window = 900;
                    in.series("twitter.followers", i -> {
                        if (i < 900) {
                            return Double.NaN;
                        }
                        LocalDate day = in.day(i);
                        return day.getDayOfMonth() == day.lengthOfMonth()
                                ? 6000 + 12 * day.getYear() + day.getMonthValue() - 12 * 2024
                                : 5000 - (i - 900);
                    });
                });
        add("momentum-significance-0-03", "§3 rule T",
                "Two 14-day window series without ties: visits with S = 39 (p = 0.0375, flat at 0.03 where 0.05"
                        + " would call it up) and search appearances with S = 41 (p = 0.0285, up).",
                in -> {
                    int[] p39 = {3, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 1, 0};
                    int[] p41 = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 1, 0};
                    in.series("web.unique_visitors", i -> i < 14 ? Double.NaN : 100 + 10 * p39[i - 14]);
                    in.series("linkedin.search_appearances", i -> i < 14 ? Double.NaN : 20 + p41[i - 14]);
                });
        add("trend-of-a-per-post-line", "§3 rule T; §4 components",
                "A per-post line carries its numerator's trend: retweets rise through the window while posts fall,"
                        + " so retweets per post says up (not the posts' down); breadth carries none.",
                in -> {
                    in.series("twitter.retweets", i -> 20 + i);
                    in.series("twitter.posts", i -> 40 - i);
                    in.breakdown("twitter.retweets", "acct", 20, 1);
                });
    }

    private static void componentsAndWeights() {
        add("loyalty-share-preferred", "§4 components",
                "Both returning-visitor metrics: the share is used, the count only counts for coverage.",
                in -> {
                    in.constant("web.returning_visitor_share", 0.3, 0.33);
                    in.constant("web.returning_visitors", 100, 50);
                });
        add("loyalty-count-without-share", "§4 components",
                "The returning-visitor count stands in when there is no share.",
                in -> in.constant("web.returning_visitors", 100, 110));
        add("weights-custom", "§4 weights; §5 quality, score, coverage",
                "Custom weights (attention 1, reach 2, others 0) renormalise over measured components.",
                in -> {
                    in.constant("web.bounce_rate", 0.5, 0.45);
                    in.constant("web.unique_visitors", 100, 90);
                    in.constant("polls.responses", 10, 20);
                    in.weights(Component.ATTENTION, Component.REACH);
                });
        add("weights-only-unmeasured-positive", "§5 quality, score, coverage",
                "The only positive weight is on a component without data: quality 0 with every measured weight 0.",
                in -> {
                    in.constant("polls.responses", 10, 20);
                    in.weights(Component.ATTENTION);
                });
        add("coverage-every-metric", "§5 coverage",
                "All 20 catalogue metrics of coverage have data: coverage 1.",
                in -> {
                    for (String key : ScoreEngine.USED_METRICS) {
                        in.constant(key, 10, 11);
                    }
                });
        add("coverage-breakdown-and-competitors-only", "§5 coverage; §2 breadth; §3 rule C",
                "Only a retweet breakdown and competitors: breadth is a line, coverage counts daily data only.",
                in -> {
                    in.breakdown("twitter.retweets", "acct", 50, 2);
                    in.competitors("search.avg_position", 3.0, 4.0);
                });
    }

    private static void signals() {
        add("concentration-total-exactly-30", "§6 concentration",
                "30 retweets from one account: a total of exactly 30 is judged (intensity 30 → −20 %).",
                in -> {
                    in.constant("twitter.retweets", 2, 2);
                    in.breakdown("twitter.retweets", "solo", 1, 30);
                });
        add("concentration-below-minimum", "§6 concentration",
                "29 retweets from one account: below the 30-retweet minimum, no signal.",
                in -> {
                    in.constant("twitter.retweets", 2, 2);
                    in.breakdown("twitter.retweets", "solo", 1, 29);
                });
        add("concentration-ring", "§6 concentration",
                "300 retweets, 200 of them from 4 accounts: intensity above 10, discount capped at 30 %.",
                in -> {
                    in.constant("twitter.retweets", 15, 21);
                    in.breakdown("twitter.retweets", "fan", 100, 1);
                    in.breakdown("twitter.retweets", "ring", 4, 50);
                });
        add("concentration-mild", "§6 concentration",
                "120 retweets from 8 accounts: intensity 15, discount 5 %.",
                in -> {
                    in.constant("twitter.retweets", 8, 9);
                    in.breakdown("twitter.retweets", "acct", 8, 15);
                });
        add("concentration-list-curators", "§6 concentration",
                "List additions by list named curator/list: 4 curators with 10 lists each and 20 single readers;"
                        + " counted by curator, intensity 7.0 above the usual 2 → −25 %.",
                in -> {
                    in.constant("twitter.list_additions", 2, 4);
                    for (int c = 1; c <= 4; c++) {
                        in.breakdown("twitter.list_additions", "@curator" + c + "/list", 10, 1);
                    }
                    in.breakdown("twitter.list_additions", "@reader", 20, 1);
                });
        add("concentration-by-person", "§6 concentration",
                "Replies, mentions and comments by person are checked like retweets by account; the discounts add"
                        + " up to the 30 % cap.",
                in -> {
                    in.constant("twitter.replies", 3, 4);
                    in.constant("twitter.posts", 1, 1);
                    in.breakdown("twitter.replies", "@pal", 3, 20);
                    in.breakdown("twitter.mentions", "@pal", 2, 40);
                    in.breakdown("facebook.post_comments", "friend", 30, 1);
                });
        add("follow-back-posts", "§6 follow_back_posts",
                "10 posts, of which `@a @b`, `@a, @b!` and `hi #F4F` are flagged; `#FollowFriday great people` and"
                        + " `Thanks @ann for the talk` are not: share 0.3.",
                in -> {
                    in.constant("twitter.posts", 1, 1);
                    in.constant("twitter.retweets", 3, 3);
                    String[] texts = {"@a @b", "@a, @b!", "hi #F4F", "#FollowFriday great people",
                        "Thanks @ann for the talk", "Our guide", "A chart", "#f4fun day", "Read this", "New post"};
                    for (int p = 0; p < texts.length; p++) {
                        in.post(14 + p, 9, texts[p]);
                    }
                });
        add("mention-only-definition", "§6 follow_back_posts",
                "What counts as mention-only: `@ann @bob 🔥🔥 — …` (emoji and punctuation), `@ann https://t.co/x1Y2`"
                        + " (a link) and a Facebook post `@zoë @ñandú` are; `#monday #motivation` (no mention),"
                        + " `@ann see https://our.blog/post` and `@ann 2026` are not: 3 of 10 posts, share 0.3.",
                in -> {
                    in.constant("twitter.posts", 1, 1);
                    in.constant("twitter.retweets", 3, 3);
                    String[] texts = {"@ann @bob 🔥🔥 — …", "@ann https://t.co/x1Y2", "#monday #motivation",
                        "@ann see https://our.blog/post", "@ann 2026", "A chart", "Our guide", "Read this",
                        "New post"};
                    for (int p = 0; p < texts.length; p++) {
                        in.post(14 + p, 9, texts[p]);
                    }
                    in.posts.add(new PostFacts("facebook", in.day(25).atTime(9, 0).toInstant(ZoneOffset.UTC),
                            "@zoë @ñandú", 10, 1));
                });
        add("mention-only-www-link", "§6 follow_back_posts",
                "Links that start with `www.` (any case) are links: `@ann www.example.com/read` and `@bob"
                        + " WWW.EXAMPLE.COM` are mention-only, `www.example.com @ann thanks` is not: 2 of 5 posts.",
                in -> {
                    in.constant("twitter.posts", 1, 1);
                    in.constant("twitter.retweets", 3, 3);
                    String[] texts = {"@ann www.example.com/read", "@bob WWW.EXAMPLE.COM",
                        "www.example.com @ann thanks", "A chart", "Our guide"};
                    for (int p = 0; p < texts.length; p++) {
                        in.post(15 + p, 9, texts[p]);
                    }
                });
        add("mention-only-link-ends-at-any-whitespace", "§6 follow_back_posts",
                "A link ends at any Unicode whitespace: in `@ann https://our.blog/post` + no-break space + `Read`,"
                        + " `Read` is content (not mention-only); the same with a narrow no-break space; `@ann"
                        + " https://our.blog/post` + ideographic space alone is mention-only: 1 of 5 posts.",
                in -> {
                    in.constant("twitter.posts", 1, 1);
                    in.constant("twitter.retweets", 3, 3);
                    String[] texts = {"@ann https://our.blog/post\u00A0Read", "@ann https://our.blog/post\u202FRead",
                        "@ann https://our.blog/post\u3000", "A chart", "Our guide"};
                    for (int p = 0; p < texts.length; p++) {
                        in.post(15 + p, 9, texts[p]);
                    }
                });
        add("follow-back-share-exactly-10-percent", "§6 follow_back_posts",
                "1 of 10 posts is `#F4F`: a share of exactly 10 % fires (−10 %).",
                in -> {
                    in.constant("twitter.posts", 1, 1);
                    in.constant("twitter.retweets", 3, 3);
                    for (int p = 0; p < 10; p++) {
                        in.post(15 + p, 9, p == 0 ? "Follow me #F4F" : "A real post " + p);
                    }
                });
        add("follow-back-too-few-posts", "§6 follow_back_posts",
                "Four posts, all mention-only: fewer than 5, no signal.",
                in -> {
                    in.constant("twitter.posts", 1, 1);
                    in.constant("twitter.retweets", 3, 3);
                    for (int p = 0; p < 4; p++) {
                        in.post(20 + p, 9, "@x @y");
                    }
                });
        add("follow-back-window-bounds", "§6 follow_back_posts; §1 window and baseline",
                "Posts just before the window's first UTC day or after asOf are not counted; the ones at 00:00:00"
                        + " of the first day and 23:59:59.999 of asOf are.",
                in -> {
                    in.constant("twitter.posts", 1, 1);
                    in.constant("twitter.retweets", 3, 3);
                    Instant first = in.day(14).atStartOfDay(ZoneOffset.UTC).toInstant();
                    Instant end = in.asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                    in.post(first.minusMillis(1), "@out #F4F");
                    in.post(first, "@in #F4F");
                    in.post(end.minusMillis(1), "@in2 #followback");
                    in.post(end, "@out2 #F4F");
                    for (int p = 0; p < 8; p++) {
                        in.post(16 + p, 12, "An ordinary post " + p);
                    }
                });
        add("follow-back-capped", "§6 follow_back_posts",
                "Every post is #F4F: discount capped at 40 %.",
                in -> {
                    in.constant("twitter.posts", 1, 1);
                    in.constant("twitter.retweets", 3, 3);
                    for (int p = 0; p < 6; p++) {
                        in.post(15 + p, 8, "#TeamFollowBack @u" + p);
                    }
                });
        add("followers-without-engagement-capped", "§6 followers_without_engagement; §3 rule F",
                "Followers ×3 with flat engagement: excess 2.0, discount capped at 30 %.",
                in -> {
                    in.constant("twitter.followers", 1000, 3000);
                    in.constant("twitter.replies", 5, 5);
                });
        add("followers-pace-from-zero", "§6 followers_without_engagement",
                "Followers start the baseline at 0, stand at 1,000 at its end and 1,500 in the window, engagement flat:"
                        + " the usual pace from a first value of 0 is 0, so excess 0.5 → −20 %.",
                in -> {
                    in.series("twitter.followers", i -> i == 0 ? 0 : i < 14 ? 1000 : 1500);
                    in.constant("twitter.retweets", 10, 10);
                });
        add("followers-engagement-unknown", "§6 followers_without_engagement; §3 rule F",
                "Followers double with no engagement metric measured: rule F credits the growth (100) and the signal"
                        + " does not fire (nothing shows that engagement stayed flat).",
                in -> in.constant("twitter.followers", 1000, 2000));
        add("followers-steady-pace", "§6 followers_without_engagement",
                "Followers grow 20 a day in both periods with flat engagement: the usual pace, no signal.",
                in -> {
                    in.series("twitter.followers", i -> 1000 + 20 * i);
                    in.constant("twitter.retweets", 10, 10);
                });
        add("followers-faster-than-pace", "§6 followers_without_engagement",
                "Followers grew 2 a day in the baseline, then jump 40 % in the window with flat engagement.",
                in -> {
                    in.series("twitter.followers", i -> i < 14 ? 1000 + 2 * i : 1400 + 2 * i);
                    in.constant("twitter.retweets", 10, 10);
                });
        add("engagement-zero-baseline", "§3 rule F; §6 followers_without_engagement",
                "Engagement from 0 to some: infinite growth, follower growth credited as is, no signal.",
                in -> {
                    in.constant("twitter.followers", 1000, 1300);
                    in.constant("twitter.mentions", 0, 2);
                });
        add("engagement-zero-both", "§3 rule F; §6 followers_without_engagement",
                "Engagement 0 in both periods is flat (growth 0): followers +30 % credited 0 and flagged.",
                in -> {
                    in.constant("twitter.followers", 1000, 1300);
                    in.constant("twitter.mentions", 0, 0);
                });
        add("uncorroborated-retweets", "§6 uncorroborated_engagement",
                "Retweets double while replies and visits stay flat: excess 1.0 → 0.25 × 0.85, −21.25 %.",
                in -> {
                    in.constant("twitter.retweets", 20, 40);
                    in.constant("twitter.replies", 5, 5);
                    in.constant("web.unique_visitors", 300, 300);
                });
        add("corroborated-retweets", "§6 uncorroborated_engagement",
                "Retweets double and replies grow by half: corroborated (1.0 − 2 × 0.5 = 0), no signal.",
                in -> {
                    in.constant("twitter.retweets", 20, 40);
                    in.constant("twitter.replies", 10, 15);
                    in.constant("web.unique_visitors", 300, 300);
                });
        add("uncorroborated-nothing-to-judge-by", "§6 uncorroborated_engagement",
                "Likes triple but no corroborating metric is measured in both periods: not judged.",
                in -> {
                    in.constant("facebook.post_likes", 10, 30);
                    in.windowOnly("web.unique_visitors", 300);
                });
        add("uncorroborated-both-from-zero", "§6 uncorroborated_engagement",
                "Likes and comments both from 0: g = c = +∞, g − 2c is undefined and the signal does not fire.",
                in -> {
                    in.constant("facebook.post_likes", 0, 10);
                    in.constant("facebook.post_comments", 0, 3);
                });
        add("uncorroborated-likes-from-zero", "§6 uncorroborated_engagement",
                "Likes from 0 to 10 a day, comments flat: infinite growth, the cap (25 %).",
                in -> {
                    in.constant("facebook.post_likes", 0, 10);
                    in.constant("facebook.post_comments", 3, 3);
                });
        add("spikes-one-day", "§6 spikes",
                "One retweet day of 200 against a steady 38/42: one spike, −4 %.",
                in -> in.series("twitter.retweets", i -> i == 20 ? 200 : i % 2 == 0 ? 38 : 42));
        add("spikes-in-baseline-not-counted", "§6 spikes",
                "A spike in the baseline is not counted (only window days are).",
                in -> in.series("twitter.retweets", i -> i == 5 ? 200 : i % 2 == 0 ? 38 : 42));
        add("spikes-two-series-same-day", "§6 spikes",
                "Retweets and replies spike on the same day: the day counts once.",
                in -> {
                    in.series("twitter.retweets", i -> i == 20 ? 200 : i % 2 == 0 ? 38 : 42);
                    in.series("twitter.replies", i -> i == 20 ? 100 : i % 2 == 0 ? 9 : 11);
                });
        add("spikes-step-is-not-a-spike", "§6 spikes",
                "Retweets step from about 40 to about 120 on day 18 and stay there: a level shift, no spike.",
                in -> in.series("twitter.retweets", i -> (i >= 18 ? 80 : 0) + (i % 2 == 0 ? 38 : 42)));
        add("spikes-last-day-not-judged", "§6 spikes",
                "A spike on asOf itself is not judged yet (no later day is known).",
                in -> in.series("twitter.retweets", i -> i == 27 ? 200 : i % 2 == 0 ? 38 : 42));
        add("spikes-three-day-burst", "§6 spikes",
                "Three consecutive days far above both neighbourhoods: three days, −12 %.",
                in -> in.series("twitter.mentions", i -> i >= 20 && i <= 22 ? 150 : i % 2 == 0 ? 18 : 22));
        add("spikes-launch-day-corroborated", "§6 spikes",
                "A launch day: retweets and replies spike, and visits rise above their median + 2 spreads on the"
                        + " same day: explained, not counted.",
                in -> {
                    in.series("twitter.retweets", i -> i == 20 ? 200 : i % 2 == 0 ? 38 : 42);
                    in.series("twitter.replies", i -> i == 20 ? 60 : i % 2 == 0 ? 9 : 11);
                    in.series("web.unique_visitors", i -> i == 20 ? 1600 : 1000 + (i % 3) * 20);
                });
        add("spikes-visits-another-day", "§6 spikes",
                "Visits rise the day after the retweet spike: that does not explain it.",
                in -> {
                    in.series("twitter.retweets", i -> i == 20 ? 200 : i % 2 == 0 ? 38 : 42);
                    in.series("web.unique_visitors", i -> i == 21 ? 1600 : 1000 + (i % 3) * 20);
                });
        add("spikes-three-values-before", "§6 spikes",
                "Sparse days: a retweet spike on day 20 with exactly 3 values in the 7 days before it (days 13, 14,"
                        + " 19) is judged and counted; a reply spike on day 22 with only 2 (days 20, 21) is not.",
                in -> {
                    in.series("twitter.retweets", i -> i >= 15 && i <= 18 ? Double.NaN
                            : i == 20 ? 200 : i % 2 == 0 ? 38 : 42);
                    in.series("twitter.replies", i -> i >= 15 && i <= 19 ? Double.NaN
                            : i == 22 ? 100 : i % 2 == 0 ? 9 : 11);
                });
        add("spikes-seven-values", "§6 spikes",
                "A series of exactly 7 values (days 17 to 23: 5, 5, 5, 50, 5, 5, 5) is judged: one spike, −4 %.",
                in -> {
                    in.series("twitter.mentions", i -> i < 17 || i > 23 ? Double.NaN : i == 20 ? 50 : 5);
                    in.constant("twitter.replies", 5, 5);
                });
        add("spikes-corroborator-seven-values", "§6 spikes",
                "Visits with exactly 7 values (days 17 to 23) rising on the retweet spike's day explain it: no signal.",
                in -> {
                    in.series("twitter.retweets", i -> i == 20 ? 200 : i % 2 == 0 ? 38 : 42);
                    in.series("web.unique_visitors", i -> i < 17 || i > 23 ? Double.NaN : i == 20 ? 1600 : 1000);
                });
        add("spikes-sparse-series", "§6 spikes",
                "A series with median 0 is not judged.",
                in -> in.series("facebook.post_likes", i -> i == 20 ? 50 : 0));
        add("spikes-capped", "§6 spikes",
                "Six separate spike days: discount capped at 20 %.",
                in -> in.series("twitter.mentions", i -> i >= 16 && i % 2 == 0 ? 300 : 20));
        add("signals-multiply", "§6 authenticity",
                "Concentration and follow-back posts fire together: the factor is the product of (1 − discount).",
                in -> {
                    in.constant("twitter.retweets", 10, 10);
                    in.constant("twitter.posts", 1, 1);
                    in.breakdown("twitter.retweets", "acct", 5, 28);
                    for (int p = 0; p < 5; p++) {
                        in.post(15 + p, 10, p < 2 ? "@a @b #F4F" : "A real post");
                    }
                });
    }

    private static void drivers() {
        add("drivers-three-periods", "§7 drivers",
                "Time on page 80 → 60 → 60 (a line worsening then holding), over three periods.",
                in -> {
                    List<DailyValue> v = new ArrayList<>();
                    for (int i = -14; i < 28; i++) {
                        v.add(new DailyValue(in.day(i), i < 0 ? 80 : 60));
                    }
                    in.daily.put("web.time_on_page", v);
                });
        add("drivers-formats", "§7 drivers",
                "Driver sentences for a ratio (%), seconds (s), a large count (thousands separator) and a small one.",
                in -> {
                    in.constant("web.bounce_rate", 0.52, 0.39);
                    in.constant("web.time_on_page", 60, 66);
                    in.constant("web.unique_visitors", 1200, 1500);
                    in.constant("linkedin.answers", 3, 4);
                });
        add("drivers-threshold", "§7 drivers",
                "Two attention lines worth 0.056 and 0.044 points of quality against the par of the previous window:"
                        + " only the first reaches the 0.05 of a driver.",
                in -> {
                    in.constant("web.time_on_page", 60, 60.1344);
                    in.constant("web.pages_per_visit", 2, 2.00352);
                });
        add("drivers-top-five", "§7 drivers",
                "Seven lines moved: only the five largest become drivers.",
                in -> {
                    in.constant("web.bounce_rate", 0.5, 0.4);
                    in.constant("web.time_on_page", 60, 70);
                    in.constant("web.pages_per_visit", 2, 2.5);
                    in.constant("web.unique_visitors", 100, 140);
                    in.constant("leads.optins", 4, 5);
                    in.constant("linkedin.answers", 3, 2);
                    in.constant("polls.responses", 10, 11);
                });
    }

    private static void whole() {
        add("golden-example", "§9 worked example",
                "The worked example of the methodology, 90-day window.",
                in -> {
                    in.window = 90;
                    in.constant("web.bounce_rate", 0.52, 0.39);
                    in.constant("web.time_on_page", 60, 66);
                    in.constant("twitter.retweets", 20, 24);
                    in.constant("twitter.posts", 2, 2);
                    in.constant("search.avg_position", 8, 6);
                    in.breakdown("twitter.retweets", "account", 225, 9.6);
                    in.competitors("search.avg_position", 4.0, 5.0, 9.0, 12.0);
                    Instant t = in.asOf.minusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant();
                    for (int p = 0; p < 8; p++) {
                        in.post(t.plusSeconds(3600L * p), "Our new guide to metric " + p);
                    }
                    in.post(t.plusSeconds(3600L * 8), "@ann @bob #F4F");
                    in.post(t.plusSeconds(3600L * 9), "@carl @dee @eve");
                });
    }
}
