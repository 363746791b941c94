package com.zoomfactor.domain.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.metrics.Polarity;
import com.zoomfactor.domain.metrics.Unit;
import com.zoomfactor.domain.series.DailyValue;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties over generated clients (fixed seeds): the explanation adds up, monotonicity, unmeasured ≠ zero. */
class PropertyTest {

    private static final int CASES = 300;

    static final Map<Component, List<String>> RAW = new EnumMap<>(Map.of(
            Component.ATTENTION, List.of("web.bounce_rate", "web.time_on_page", "web.pages_per_visit"),
            Component.LOYALTY, List.of("web.returning_visitors", "web.returning_visitor_share",
                    "newsletter.subscribers", "leads.optins"),
            Component.REACH, List.of("web.unique_visitors", "twitter.followers", "facebook.post_impressions"),
            Component.AMPLIFICATION, List.of("twitter.retweets", "twitter.list_additions"),
            Component.CONVERSATION, List.of("facebook.post_comments", "twitter.replies", "linkedin.answers",
                    "polls.responses"),
            Component.DISCOVERABILITY, List.of("search.avg_position", "linkedin.search_appearances")));

    /** Metrics that are scored for their own sake (not only as a denominator). */
    static final List<String> SCORED = ScoreEngine.USED_METRICS.stream()
            .filter(k -> !k.equals("twitter.posts") && !k.equals("facebook.posts")).toList();

    static Fixtures generate(long seed) {
        Random r = new Random(seed);
        Fixtures f = new Fixtures();
        List<String> keys = new ArrayList<>(ScoreEngine.USED_METRICS);
        keys.add("twitter.mentions");
        for (String key : keys) {
            if (r.nextDouble() < 0.35) {
                continue;
            }
            Unit unit = MetricCatalogue.find(key).orElseThrow().unit();
            double level = unit == Unit.RATIO ? 0.1 + 0.6 * r.nextDouble()
                    : unit == Unit.POSITION ? 1 + 20 * r.nextDouble() : 1 + 500 * r.nextDouble();
            double change = 0.5 + r.nextDouble();
            double drift = (r.nextDouble() - 0.5) * 0.01;
            double noise = 0.2 * r.nextDouble();
            double missing = 0.3 * r.nextDouble();
            List<DailyValue> values = new ArrayList<>();
            for (int i = 0; i < 2 * Fixtures.WINDOW; i++) {
                if (r.nextDouble() < missing) {
                    continue;
                }
                double v = level * (i < Fixtures.WINDOW ? 1 : change) * (1 + drift * i) * (1 + noise * r.nextGaussian());
                v = Math.max(unit == Unit.POSITION ? 1 : 0, v);
                if (unit == Unit.RATIO) {
                    v = Math.min(0.95, v);
                }
                values.add(new DailyValue(Fixtures.day(i), v));
            }
            f.daily.put(key, values);
            if (r.nextDouble() < 0.3) {
                List<Double> competitors = new ArrayList<>();
                for (int c = 0; c < 1 + r.nextInt(4); c++) {
                    competitors.add(level * (0.5 + r.nextDouble()));
                }
                f.competitors.put(key, competitors);
            }
        }
        if (f.daily.containsKey("twitter.retweets") && r.nextBoolean()) {
            f.breakdowns.put("twitter.retweets",
                    RealisticClient.spread(r, 30 + r.nextInt(2000), 1 + r.nextInt(500), "acct"));
        }
        Instant start = Fixtures.day(Fixtures.WINDOW).atStartOfDay(ZoneOffset.UTC).toInstant();
        int posts = r.nextInt(40);
        for (int p = 0; p < posts; p++) {
            f.posts.add(new PostFacts("twitter", start.plusSeconds(86_400L * r.nextInt(Fixtures.WINDOW)),
                    r.nextDouble() < 0.2 ? "@a @b #F4F" : "A real post " + p, 100, 5));
        }
        if (r.nextBoolean()) {
            Map<Component, Double> w = new EnumMap<>(Component.class);
            for (Component c : Component.values()) {
                w.put(c, r.nextDouble() < 0.15 ? 0 : r.nextDouble());
            }
            w.put(Component.MOMENTUM, 0.05 + r.nextDouble());
            f.weights = new Weights(w);
        }
        return f;
    }

    @Test
    void theExplanationAlwaysAddsUp() {
        for (long seed = 0; seed < CASES; seed++) {
            ZoomFactor z = generate(seed).score();
            double quality = 0;
            double weights = 0;
            for (ComponentScore c : z.components()) {
                quality += c.contribution();
                if (!c.measured()) {
                    assertThat(c.score()).isNull();
                    assertThat(c.contribution()).isZero();
                    assertThat(c.metrics()).isEmpty();
                    continue;
                }
                weights += c.weight();
                double mean = 0;
                double metricWeights = 0;
                double metricContributions = 0;
                for (MetricScore m : c.metrics()) {
                    assertThat(m.normalized()).isBetween(0.0, 100.0);
                    mean += m.weight() * m.normalized();
                    metricWeights += m.weight();
                    metricContributions += m.contribution();
                }
                assertThat(metricWeights).isCloseTo(1, within(1e-9));
                assertThat(c.score()).isCloseTo(mean, within(1e-9)).isBetween(0.0, 100.0);
                assertThat(c.contribution()).isCloseTo(c.score() * c.weight(), within(1e-9));
                assertThat(metricContributions).isCloseTo(c.contribution(), within(1e-9));
            }
            if (weights > 0) {
                assertThat(weights).as("seed %d", seed).isCloseTo(1, within(1e-9));
            }
            assertThat(z.quality()).isCloseTo(quality, within(1e-9));
            double factor = 1;
            for (Signal s : z.authenticity().signals()) {
                assertThat(s.discount()).isBetween(0.0, 1.0);
                factor *= 1 - s.discount();
            }
            assertThat(z.authenticity().factor()).isBetween(0.0, 1.0).isCloseTo(factor, within(1e-12));
            assertThat(z.score()).isCloseTo(z.quality() * z.authenticity().factor(), within(1e-9))
                    .isBetween(0.0, 100.0);
            assertThat(z.coverage()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void improvingAMetricNeverLowersAComponent() {
        for (long seed = 0; seed < CASES; seed++) {
            Fixtures f = generate(seed);
            List<String> present = SCORED.stream().filter(f.daily::containsKey).toList();
            if (present.isEmpty()) {
                continue;
            }
            String key = present.get(new Random(seed).nextInt(present.size()));
            ZoomFactor before = f.score();
            boolean higher = MetricCatalogue.find(key).orElseThrow().polarity() == Polarity.HIGHER_IS_BETTER;
            RealisticClient.scaleWindow(f, key, higher ? 1.3 : 0.8);
            ZoomFactor after = f.score();
            for (Component c : Component.values()) {
                ComponentScore b = before.component(c);
                ComponentScore a = after.component(c);
                assertThat(a.measured()).isEqualTo(b.measured());
                if (b.measured()) {
                    assertThat(a.score()).as("seed %d, %s improved, %s", seed, key, c)
                            .isGreaterThanOrEqualTo(b.score() - 1e-9);
                }
            }
        }
    }

    @Test
    void aComponentWithoutDataIsNotMeasuredAndNotZero() {
        Component[] removable = RAW.keySet().toArray(new Component[0]);
        for (long seed = 0; seed < CASES; seed++) {
            Fixtures f = generate(seed);
            Component gone = removable[(int) (seed % removable.length)];
            RAW.get(gone).forEach(f.daily::remove);
            if (gone == Component.AMPLIFICATION) {
                f.breakdowns.clear();
            }
            ZoomFactor z = f.score();
            ComponentScore c = z.component(gone);
            assertThat(c.measured()).isFalse();
            assertThat(c.score()).isNull();
            assertThat(c.weight()).isZero();

            // Renormalised over measured components only: Σ score × w / Σ w over measured, never a 0 for the gap.
            double num = 0;
            double den = 0;
            for (ComponentScore m : z.components()) {
                if (m.measured()) {
                    num += m.score() * f.weights.of(m.key());
                    den += f.weights.of(m.key());
                }
            }
            if (den > 0) {
                assertThat(z.quality()).isCloseTo(num / den, within(1e-9));
            }

            Weights original = f.weights;
            if (original.byComponent().entrySet().stream().anyMatch(e -> e.getKey() != gone && e.getValue() > 0)) {
                f.weights = original.with(gone, 0);
                ZoomFactor zeroWeight = f.score();
                assertThat(z.score()).as("seed %d without %s", seed, gone)
                        .isCloseTo(zeroWeight.score(), within(1e-9));
            }
        }
    }
}
