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
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Klout-style gaming against genuine improvement, on a realistic client: each case changes only the window. Gaming may
 * lift the score by at most 2 points; each genuine improvement must lift it by at least 5 with an authenticity factor
 * of 1. The test prints the table of docs/methodology.md § 10.
 */
class GamingStressTest {

    private static final long SEED = 20261130L;
    private static final int W = Fixtures.WINDOW;

    private record Case(String label, boolean gaming, ZoomFactor score) {
    }

    private static ZoomFactor client(Consumer<Fixtures> change) {
        Fixtures f = RealisticClient.baseline(SEED);
        change.accept(f);
        return f.score();
    }

    /** Adds {@code total} to a breakdown, each unit from one of {@code accounts} accounts at random. */
    private static void addFrom(Fixtures f, String metric, double total, int accounts, String prefix) {
        Map<String, Double> by = new TreeMap<>(f.breakdowns.get(metric));
        RealisticClient.spread(new Random(1), total, accounts, prefix).forEach((k, v) -> by.merge(k, v, Double::sum));
        f.breakdowns.put(metric, by);
    }

    /** Slow bought retweets: a gradual rise averaging {@code factor}, from accounts never seen before. */
    private static void slowBought(Fixtures f, double factor) {
        addFrom(f, "twitter.retweets", RealisticClient.ramp(f, "twitter.retweets", factor), 900, "bought");
    }

    @Test
    void gamingDoesNotPayAndGenuineImprovementDoes() {
        ZoomFactor base = client(f -> { });
        List<Case> cases = new ArrayList<>();

        cases.add(new Case("follow-back ring: retweets ×2, the extra from 10 accounts", true, client(f -> {
            double extra = RealisticClient.windowSum(f, "twitter.retweets");
            RealisticClient.scaleWindow(f, "twitter.retweets", 2);
            addFrom(f, "twitter.retweets", extra, 10, "ring");
        })));
        cases.add(new Case("list-curator ring: +100 list additions from 5 curators × 20 lists", true, client(f -> {
            f.daily.put("twitter.list_additions", f.daily.get("twitter.list_additions").stream()
                    .map(v -> v.date().isBefore(Fixtures.day(W)) ? v
                            : new DailyValue(v.date(), v.value() + (v.date().toEpochDay() % 9 == 0 ? 10 : 0)))
                    .toList());
            Map<String, Double> lists = new TreeMap<>(f.breakdowns.get("twitter.list_additions"));
            double added = RealisticClient.windowSum(f, "twitter.list_additions") - lists.values().stream()
                    .mapToDouble(Double::doubleValue).sum();
            for (int c = 0; c < 5; c++) {
                for (int l = 0; l < 20; l++) {
                    lists.put("@ring" + c + "/list" + l, added / 100);
                }
            }
            f.breakdowns.put("twitter.list_additions", lists);
        })));
        cases.add(new Case("bought followers: followers ×3 in the window's first week, engagement flat", true,
                client(f -> f.daily.put("twitter.followers", f.daily.get("twitter.followers").stream().map(v -> {
                    long d = java.time.temporal.ChronoUnit.DAYS.between(Fixtures.day(W), v.date());
                    double factor = d < 0 ? 1 : d >= 7 ? 3 : 1 + 2 * (d + 1) / 7.0;
                    return new DailyValue(v.date(), v.value() * factor);
                }).toList()))));
        cases.add(new Case("mention-only `#F4F` posting: +3 posts a day", true, client(f -> {
            f.daily.put("twitter.posts", f.daily.get("twitter.posts").stream()
                    .map(v -> v.date().isBefore(Fixtures.day(W)) ? v : new DailyValue(v.date(), v.value() + 3))
                    .toList());
            RealisticClient.scaleWindow(f, "twitter.mentions", 1.5);
            Instant start = Fixtures.day(W).atStartOfDay(ZoneOffset.UTC).toInstant();
            for (int p = 0; p < 3 * W; p++) {
                f.posts.add(new PostFacts("twitter", start.plusSeconds(8 * 3600L * p + 60),
                        "@user" + p + " @user" + (p + 1) + " #F4F #teamfollowback", 20, 1));
            }
        })));
        cases.add(new Case("posting a third as often, the same total engagement", true, client(f -> {
            RealisticClient.scaleWindow(f, "twitter.posts", 1 / 3.0);
            RealisticClient.scaleWindow(f, "facebook.posts", 1 / 3.0);
        })));
        cases.add(new Case("deleting the worst third of the posts (10 % of the engagement)", true, client(f -> {
            RealisticClient.scaleWindow(f, "twitter.posts", 2 / 3.0);
            RealisticClient.scaleWindow(f, "facebook.posts", 2 / 3.0);
            for (String key : List.of("twitter.retweets", "twitter.replies", "facebook.post_comments")) {
                RealisticClient.scaleWindow(f, key, 0.9);
            }
        })));
        for (double factor : new double[] {1.25, 1.5, 2, 3}) {
            cases.add(new Case(String.format(Locale.ROOT, "slow bought retweets: a gradual rise averaging ×%s from"
                    + " 900 new accounts, nothing else moves", trim(factor)), true, client(f -> slowBought(f, factor))));
        }

        cases.add(new Case("better content: retweets ×2 from 900 new accounts, replies and comments ×1.5", false,
                client(f -> {
                    double extra = RealisticClient.windowSum(f, "twitter.retweets");
                    RealisticClient.scaleWindow(f, "twitter.retweets", 2);
                    addFrom(f, "twitter.retweets", extra, 900, "newfan");
                    RealisticClient.scaleWindow(f, "twitter.replies", 1.5);
                    RealisticClient.scaleWindow(f, "facebook.post_comments", 1.5);
                })));
        cases.add(new Case("an SEO win: search position 7 → 4.5, search appearances and visitors ×1.5", false,
                client(f -> {
                    RealisticClient.scaleWindow(f, "search.avg_position", 4.5 / 7);
                    RealisticClient.scaleWindow(f, "linkedin.search_appearances", 1.5);
                    RealisticClient.scaleWindow(f, "web.unique_visitors", 1.5);
                })));
        cases.add(new Case("a newsletter push: +10 subscribers a day, opt-ins ×2, returning share ×1.3, visitors ×1.2",
                false,
                client(f -> {
                    f.series("newsletter.subscribers", i -> 2000 + i + (i >= W ? 9 * (i - W + 1) : 0));
                    RealisticClient.scaleWindow(f, "leads.optins", 2);
                    RealisticClient.scaleWindow(f, "web.returning_visitor_share", 1.3);
                    RealisticClient.scaleWindow(f, "web.unique_visitors", 1.2);
                })));

        System.out.println("| case | score | change | quality | factor | signals |");
        System.out.println("|---|---|---|---|---|---|");
        row("baseline client", base, base);
        cases.forEach(c -> row((c.gaming() ? "gaming: " : "genuine: ") + c.label(), base, c.score()));

        for (Case c : cases) {
            double change = c.score().score() - base.score();
            if (c.gaming()) {
                assertThat(change).as(c.label()).isLessThanOrEqualTo(2);
            } else {
                assertThat(change).as(c.label()).isGreaterThanOrEqualTo(5);
                assertThat(c.score().authenticity().factor()).as(c.label()).isEqualTo(1.0);
            }
        }
        assertThat(base.authenticity().factor()).isEqualTo(1.0);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static void row(String label, ZoomFactor base, ZoomFactor z) {
        StringBuilder signals = new StringBuilder();
        for (Signal s : z.authenticity().signals()) {
            signals.append(signals.isEmpty() ? "" : "; ")
                    .append(String.format(Locale.ROOT, "`%s` −%.0f %%", s.key(), 100 * s.discount()));
        }
        System.out.println(String.format(Locale.ROOT, "| %s | %.2f | %s | %.2f | %.3f | %s |", label, z.score(),
                z == base ? "—" : String.format(Locale.ROOT, "**%+.2f**", z.score() - base.score()), z.quality(),
                z.authenticity().factor(), signals.isEmpty() ? "—" : signals));
    }
}
