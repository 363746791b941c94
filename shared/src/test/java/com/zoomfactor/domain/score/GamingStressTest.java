package com.zoomfactor.domain.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.domain.series.DailyValue;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Klout-style gaming against genuine improvement of the same volume, on a realistic client. Gaming may lift the
 * score by at most 2 points; the genuine improvement must lift it by at least 5. The printed figures are in
 * docs/methodology.md.
 */
class GamingStressTest {

    private static final long SEED = 20261130L;
    private static final int W = Fixtures.WINDOW;

    @Test
    void gamingDoesNotPayAndGenuineImprovementDoes() {
        ZoomFactor base = RealisticClient.baseline(SEED).score();
        print("baseline client", base, base);

        // (a) Follow-back ring: retweets doubled, the extra volume from 10 accounts.
        Fixtures ring = RealisticClient.baseline(SEED);
        double extra = RealisticClient.windowSum(ring, "twitter.retweets");
        RealisticClient.scaleWindow(ring, "twitter.retweets", 2);
        Map<String, Double> ringAccounts = new TreeMap<>(ring.breakdowns.get("twitter.retweets"));
        RealisticClient.spread(new Random(1), extra, 10, "ring").forEach((k, v) -> ringAccounts.merge(k, v, Double::sum));
        ring.breakdowns.put("twitter.retweets", ringAccounts);
        ZoomFactor a = ring.score();
        print("(a) follow-back ring: retweets x2, extra from 10 accounts", base, a);

        // (a') Genuine: the same extra retweets from 900 new accounts.
        Fixtures broad = RealisticClient.baseline(SEED);
        RealisticClient.scaleWindow(broad, "twitter.retweets", 2);
        Map<String, Double> broadAccounts = new TreeMap<>(broad.breakdowns.get("twitter.retweets"));
        RealisticClient.spread(new Random(1), extra, 900, "newfan")
                .forEach((k, v) -> broadAccounts.merge(k, v, Double::sum));
        broad.breakdowns.put("twitter.retweets", broadAccounts);
        ZoomFactor aGenuine = broad.score();
        print("(a') genuine: retweets x2, extra from 900 new accounts", base, aGenuine);

        // (b) Bought followers: followers x3 over the window's first week, engagement flat.
        Fixtures bought = RealisticClient.baseline(SEED);
        bought.daily.put("twitter.followers", bought.daily.get("twitter.followers").stream().map(v -> {
            long d = java.time.temporal.ChronoUnit.DAYS.between(Fixtures.day(W), v.date());
            double factor = d < 0 ? 1 : d >= 7 ? 3 : 1 + 2 * (d + 1) / 7.0;
            return new DailyValue(v.date(), v.value() * factor);
        }).toList());
        ZoomFactor b = bought.score();
        print("(b) bought followers: followers x3, engagement flat", base, b);

        // (c) Mention-only #F4F posting: 3 extra posts a day that are only @mentions and #F4F.
        Fixtures f4f = RealisticClient.baseline(SEED);
        f4f.daily.put("twitter.posts", f4f.daily.get("twitter.posts").stream()
                .map(v -> v.date().isBefore(Fixtures.day(W)) ? v : new DailyValue(v.date(), v.value() + 3))
                .toList());
        RealisticClient.scaleWindow(f4f, "twitter.mentions", 1.5);
        Instant start = Fixtures.day(W).atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int p = 0; p < 3 * W; p++) {
            f4f.posts.add(new PostFacts("twitter", start.plusSeconds(8 * 3600L * p + 60),
                    "@user" + p + " @user" + (p + 1) + " #F4F #teamfollowback", 20, 1));
        }
        ZoomFactor c = f4f.score();
        print("(c) mention-only #F4F posting: +3 posts/day", base, c);

        // Genuine improvement: broader retweets (as a'), +50 % replies and comments per post, more returning visitors.
        Fixtures genuine = RealisticClient.baseline(SEED);
        genuine.daily.putAll(broad.daily);
        genuine.breakdowns.putAll(broad.breakdowns);
        RealisticClient.scaleWindow(genuine, "twitter.replies", 1.5);
        RealisticClient.scaleWindow(genuine, "facebook.post_comments", 1.5);
        RealisticClient.scaleWindow(genuine, "web.returning_visitor_share", 1.2);
        ZoomFactor g = genuine.score();
        print("genuine: (a') + replies and comments per post x1.5 + returning share x1.2", base, g);

        assertThat(a.score() - base.score()).isLessThanOrEqualTo(2);
        assertThat(b.score() - base.score()).isLessThanOrEqualTo(2);
        assertThat(c.score() - base.score()).isLessThanOrEqualTo(2);
        // Broader retweets alone (a') lift it too, by less: amplification weighs 0.20 and retweets per post saturate.
        assertThat(aGenuine.score()).isGreaterThan(base.score());
        assertThat(aGenuine.score()).isGreaterThan(a.score() + 5);
        assertThat(g.score() - base.score()).isGreaterThanOrEqualTo(5);
    }

    private static void print(String label, ZoomFactor base, ZoomFactor z) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "%-75s score %6.2f (%+6.2f)  quality %6.2f  factor %.3f", label, z.score(), z.score() - base.score(),
                z.quality(), z.authenticity().factor()));
        for (ComponentScore cs : z.components()) {
            s.append(String.format(Locale.ROOT, "  %s %.1f", cs.key().key(), cs.score()));
        }
        System.out.println(s);
        z.authenticity().signals().forEach(sig -> System.out.println("    signal " + sig.message()));
    }
}
