package com.zoomfactor.domain.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.domain.trend.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The worked example of docs/methodology.md, number by number. */
class GoldenExampleTest {

    static Fixtures example() {
        Fixtures f = new Fixtures()
                .constant("web.bounce_rate", 0.52, 0.39)
                .constant("web.time_on_page", 60, 66)
                .constant("twitter.retweets", 20, 24)
                .constant("twitter.posts", 2, 2)
                .constant("search.avg_position", 8, 6);
        Map<String, Double> byAccount = new TreeMap<>();
        for (int a = 1; a <= 225; a++) {
            byAccount.put("account" + a, 9.6);
        }
        f.breakdowns.put("twitter.retweets", byAccount);
        f.competitors.put("search.avg_position", List.of(4.0, 5.0, 9.0, 12.0));
        Instant t = Fixtures.AS_OF.minusDays(30).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        for (int p = 0; p < 8; p++) {
            f.posts.add(new PostFacts("twitter", t.plusSeconds(3600L * p), "Our new guide to metric " + p, 500, 20));
        }
        f.posts.add(new PostFacts("twitter", t.plusSeconds(3600L * 8), "@ann @bob #F4F", 50, 1));
        f.posts.add(new PostFacts("twitter", t.plusSeconds(3600L * 9), "@carl @dee @eve", 50, 1));
        return f;
    }

    @Test
    void reproducesTheWorkedExample() {
        ZoomFactor z = example().score();
        double eps = 0.005;

        ComponentScore attention = z.component(Component.ATTENTION);
        assertThat(attention.metrics()).extracting(MetricScore::metric)
                .containsExactly("web.bounce_rate", "web.time_on_page");
        assertThat(attention.metrics().get(0).normalized()).isCloseTo(75.00, within(eps));
        assertThat(attention.metrics().get(1).normalized()).isCloseTo(60.00, within(eps));
        assertThat(attention.score()).isCloseTo(67.50, within(eps));
        assertThat(attention.weight()).isCloseTo(0.25, within(1e-9));
        assertThat(attention.contribution()).isCloseTo(16.88, within(eps));

        ComponentScore amplification = z.component(Component.AMPLIFICATION);
        assertThat(amplification.metrics()).extracting(MetricScore::metric)
                .containsExactly("twitter.retweets_per_post", "twitter.retweeter_breadth");
        assertThat(amplification.metrics().get(0).value()).isCloseTo(12.00, within(eps));
        assertThat(amplification.metrics().get(0).baseline()).isCloseTo(10.00, within(eps));
        assertThat(amplification.metrics().get(0).normalized()).isCloseTo(70.00, within(eps));
        assertThat(amplification.metrics().get(1).value()).isCloseTo(225.00, within(eps));
        assertThat(amplification.metrics().get(1).normalized()).isCloseTo(90.00, within(eps));
        assertThat(amplification.score()).isCloseTo(80.00, within(eps));
        assertThat(amplification.weight()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(amplification.contribution()).isCloseTo(26.67, within(eps));

        ComponentScore discoverability = z.component(Component.DISCOVERABILITY);
        assertThat(discoverability.metrics().get(0).normalized()).isCloseTo(62.50, within(eps));
        assertThat(discoverability.weight()).isCloseTo(1.0 / 6, within(1e-9));
        assertThat(discoverability.contribution()).isCloseTo(10.42, within(eps));

        ComponentScore momentum = z.component(Component.MOMENTUM);
        assertThat(momentum.metrics()).hasSize(4).allSatisfy(m -> {
            assertThat(m.trend()).isEqualTo(Verdict.FLAT);
            assertThat(m.normalized()).isEqualTo(50);
        });
        assertThat(momentum.score()).isCloseTo(50.00, within(eps));
        assertThat(momentum.contribution()).isCloseTo(12.50, within(eps));

        for (Component c : List.of(Component.LOYALTY, Component.REACH, Component.CONVERSATION)) {
            assertThat(z.component(c).measured()).isFalse();
            assertThat(z.component(c).score()).isNull();
            assertThat(z.component(c).contribution()).isZero();
        }

        assertThat(z.quality()).isCloseTo(66.46, within(eps));
        assertThat(z.authenticity().signals()).extracting(Signal::key).containsExactly("follow_back_posts");
        assertThat(z.authenticity().factor()).isCloseTo(0.80, within(1e-9));
        assertThat(z.score()).isCloseTo(53.17, within(eps));
        assertThat(z.coverage()).isCloseTo(0.25, within(1e-9));
        assertThat(z.methodologyVersion()).isEqualTo(ScoreEngine.METHODOLOGY_VERSION).isEqualTo("2026-12.2");

        double sum = z.components().stream().mapToDouble(ComponentScore::contribution).sum();
        assertThat(z.quality()).isCloseTo(sum, within(1e-9));
        assertThat(z.score()).isCloseTo(z.quality() * z.authenticity().factor(), within(1e-9));

        assertThat(z.drivers()).extracting(Driver::message).containsExactly(
                "Retweets per post rose from 10 to 12: amplification +3.33",
                "Bounce rate fell from 52% to 39%: attention +3.13",
                "Average search position fell from 8 to 6: discoverability +2.08",
                "Average time on page rose from 60 s to 66 s: attention +1.25");
        z.drivers().forEach(d -> System.out.println("driver: " + d.message()));
    }
}
