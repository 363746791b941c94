package com.zoomfactor.domain.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.domain.series.DailyValue;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * No false alarms: simulated honest clients (fixed seed) whose audience really changes (steps up and down, weekly and
 * yearly seasonality, a launch day) with every metric moving together, as genuine interest does. At most 2 % of them
 * may be discounted at all. The printed table is in docs/methodology.md § 6.
 */
class HonestClientSimulationTest {

    private static final long SEED = 20261206L;
    private static final int CLIENTS = 1000;
    private static final int W = Fixtures.WINDOW;

    /** Engagement and audience metrics and their daily level per unit of the client's interest. */
    private static final Map<String, Double> LEVELS = new TreeMap<>(Map.of(
            "web.unique_visitors", 30.0, "twitter.retweets", 1.2, "twitter.replies", 0.4, "twitter.mentions", 0.5,
            "twitter.list_additions", 0.05, "twitter.new_follows", 0.1, "facebook.post_likes", 0.8,
            "facebook.post_comments", 0.15));

    /** What one simulated client went through, and how it was scored. */
    private record Outcome(boolean stepInWindow, boolean launchInWindow, ZoomFactor score) {
    }

    static Outcome simulate(Random r) {
        Fixtures f = new Fixtures();
        double size = Math.exp(Math.log(5) + r.nextDouble() * Math.log(40)); // interest 5..200
        double[] interest = new double[2 * W];
        double yearPhase = r.nextDouble() * 2 * Math.PI;
        for (int i = 0; i < 2 * W; i++) {
            double weekly = Fixtures.day(i).getDayOfWeek().getValue() >= 6 ? 0.7 : 1.0;
            double yearly = 1 + 0.2 * Math.sin(yearPhase + 2 * Math.PI * i / 365.0);
            interest[i] = size * weekly * yearly;
        }
        // 0..2 lasting steps anywhere in both periods, up or down.
        int steps = r.nextInt(3);
        boolean stepInWindow = false;
        for (int s = 0; s < steps; s++) {
            int at = 1 + r.nextInt(2 * W - 1);
            double factor = 0.6 + 1.2 * r.nextDouble();
            stepInWindow |= at >= W;
            for (int i = at; i < 2 * W; i++) {
                interest[i] *= factor;
            }
        }
        // A launch day: everything three to five times its level for one day.
        int launch = r.nextInt(2 * W);
        interest[launch] *= 3 + 2 * r.nextDouble();

        LEVELS.forEach((key, level) -> {
            double jitter = 1 + 0.1 * r.nextGaussian(); // each metric answers the same interest a little differently
            f.series(key, i -> noisy(r, level * jitter * interest[i]));
        });
        f.series("twitter.posts", i -> noisy(r, 2));
        f.series("facebook.posts", i -> noisy(r, 1));
        double[] followers = {50 * size};
        f.series("twitter.followers", i -> followers[0] += noisy(r, 0.1 * interest[i]));
        f.series("web.bounce_rate", i -> Math.min(0.95, Math.max(0.05, 0.5 + 0.05 * r.nextGaussian())));

        // The window's breakdowns: an honest audience, each fan acting a few times at most.
        for (String key : List.of("twitter.retweets", "twitter.replies", "twitter.mentions",
                "facebook.post_comments")) {
            double total = RealisticClient.windowSum(f, key);
            f.breakdowns.put(key, RealisticClient.spread(r, total, (int) Math.max(20, total / 2), "fan"));
        }
        Map<String, Double> lists = new TreeMap<>();
        double additions = RealisticClient.windowSum(f, "twitter.list_additions");
        RealisticClient.spread(r, additions, (int) Math.max(10, additions * 3), "@reader")
                .forEach((reader, n) -> lists.put(reader + "/reading", n));
        f.breakdowns.put("twitter.list_additions", lists);
        Instant start = Fixtures.day(W).atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int p = 0; p < 2 * W; p++) {
            f.posts.add(new PostFacts("twitter", start.plusSeconds(12 * 3600L * p),
                    p % 5 == 0 ? "Thanks @guest" + p + " for the talk" : "What we learned about " + p, 100, 5));
        }
        return new Outcome(stepInWindow, launch >= W, f.score());
    }

    /** A count around its mean: Poisson-like noise plus 10 % day-to-day variation, never negative. */
    private static double noisy(Random r, double mean) {
        return Math.max(0, Math.round(mean + (Math.sqrt(mean) + 0.1 * mean) * r.nextGaussian()));
    }

    @Test
    void atMostTwoPercentOfHonestClientsAreDiscounted() {
        Random r = new Random(SEED);
        List<Outcome> outcomes = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            outcomes.add(simulate(r));
        }
        Map<String, Integer> bySignal = new TreeMap<>();
        outcomes.forEach(o -> o.score().authenticity().signals().forEach(s -> bySignal.merge(s.key(), 1, Integer::sum)));
        System.out.println("| honest clients | count | discounted | rate |");
        System.out.println("|---|---|---|---|");
        line("all", outcomes);
        line("a lasting step in the window", outcomes.stream().filter(Outcome::stepInWindow).toList());
        line("the launch day in the window", outcomes.stream().filter(Outcome::launchInWindow).toList());
        line("neither", outcomes.stream().filter(o -> !o.stepInWindow() && !o.launchInWindow()).toList());
        System.out.println("signals that fired: " + bySignal);

        long discounted = outcomes.stream().filter(o -> o.score().authenticity().factor() < 1).count();
        assertThat((double) discounted / CLIENTS).isLessThanOrEqualTo(0.02);
    }

    @Test
    void aCorroboratedLevelShiftKeepsTheFactorAtOne() {
        for (double factor : new double[] {0.5, 1.6, 2.5}) {
            for (int at : new int[] {W + 1, W + 45, 2 * W - 3}) {
                Fixtures f = RealisticClient.baseline(20261130L);
                for (String key : List.of("twitter.retweets", "twitter.replies", "twitter.mentions",
                        "facebook.post_comments", "web.unique_visitors", "twitter.list_additions")) {
                    f.daily.put(key, f.daily.get(key).stream().map(v -> v.date().isBefore(Fixtures.day(at)) ? v
                            : new DailyValue(v.date(), Math.round(v.value() * factor))).toList());
                }
                ZoomFactor z = f.score();
                assertThat(z.authenticity().factor()).as("×%s from day %d: %s", factor, at,
                        z.authenticity().signals()).isEqualTo(1.0);
            }
        }
    }

    private static void line(String label, List<Outcome> outcomes) {
        long discounted = outcomes.stream().filter(o -> o.score().authenticity().factor() < 1).count();
        System.out.println(String.format(Locale.ROOT, "| %s | %d | %d | %.1f %% |", label, outcomes.size(),
                discounted, outcomes.isEmpty() ? 0 : 100.0 * discounted / outcomes.size()));
    }
}
