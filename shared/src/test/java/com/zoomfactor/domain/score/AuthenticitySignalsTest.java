package com.zoomfactor.domain.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AuthenticitySignalsTest {

    private static Map<String, Double> accounts(int n, double each) {
        Map<String, Double> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            m.put("a" + i, each);
        }
        return m;
    }

    private static Map<String, Map<String, Double>> retweets(Map<String, Double> byAccount) {
        return Map.of("twitter.retweets", byAccount);
    }

    @Test
    void concentrationFiresWhenFewAccountsRetweetOften() {
        assertThat(AuthenticitySignals.concentration(retweets(accounts(900, 3)))).isEmpty();
        // 900 retweets from 10 accounts: intensity 90 → 0.1 × (90/10 − 1) = 0.80, capped at 0.30
        Signal ring = AuthenticitySignals.concentration(retweets(accounts(10, 90))).orElseThrow();
        assertThat(ring.key()).isEqualTo("concentration");
        assertThat(ring.discount()).isEqualTo(0.30);
        assertThat(ring.message()).contains("retweets by account: 900 from as if 10.0 accounts, 90.0 times each");
        // 300 retweets from 20 accounts: intensity 15 → 0.05
        assertThat(AuthenticitySignals.concentration(retweets(accounts(20, 15))).orElseThrow().discount())
                .isCloseTo(0.05, within(1e-12));
        // too few retweets to judge
        assertThat(AuthenticitySignals.concentration(retweets(accounts(1, 29)))).isEmpty();
        assertThat(AuthenticitySignals.concentration(Map.of())).isEmpty();
    }

    @Test
    void everyAccountLikeBreakdownIsCheckedWithTheSameRule() {
        // 60 replies from 4 people: intensity 15 → 0.05, as for retweets
        assertThat(AuthenticitySignals.concentration(Map.of("twitter.replies", accounts(4, 15))).orElseThrow()
                .discount()).isCloseTo(0.05, within(1e-12));
        assertThat(AuthenticitySignals.concentration(Map.of("facebook.post_comments", accounts(4, 15)))).isPresent();
        assertThat(AuthenticitySignals.concentration(Map.of("twitter.mentions", accounts(4, 15)))).isPresent();
        // A breakdown the rule does not know is not read.
        assertThat(AuthenticitySignals.concentration(Map.of("web.pageviews", accounts(4, 15)))).isEmpty();
        // List additions count by curator: 5 curators × 8 lists, 1 addition each, + 60 from 60 curators
        Map<String, Double> lists = new HashMap<>();
        for (int c = 0; c < 5; c++) {
            for (int l = 0; l < 8; l++) {
                lists.put("@ring" + c + "/list" + l, 1.0);
            }
        }
        for (int c = 0; c < 60; c++) {
            lists.put("@reader" + c + "/favourites", 1.0);
        }
        // 100 additions, HHI = (5 × 64 + 60)/100² = 0.038 → intensity 3.8 above 2 → 0.1 × 0.9 = 0.09
        Signal curators = AuthenticitySignals.concentration(Map.of("twitter.list_additions", lists)).orElseThrow();
        assertThat(curators.discount()).isCloseTo(0.09, within(1e-9));
        assertThat(curators.message()).contains("list additions by curator");
        // Several concentrated breakdowns add up, capped at 0.30.
        assertThat(AuthenticitySignals.concentration(Map.of("twitter.list_additions", lists,
                "twitter.replies", accounts(4, 15))).orElseThrow().discount()).isCloseTo(0.14, within(1e-9));
        assertThat(AuthenticitySignals.concentration(Map.of("twitter.retweets", accounts(10, 90),
                "twitter.replies", accounts(4, 15))).orElseThrow().discount()).isEqualTo(0.30);
    }

    @Test
    void followBackAndMentionOnlyPostsAreRecognised() {
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("@ann @bob")).isTrue();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("@ann, @bob!")).isTrue();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("Thanks @ann for the great talk")).isFalse();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("New post #F4F")).isTrue();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("new post #followback")).isTrue();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("#TeamFollowBack yes")).isTrue();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("#follow4follow")).isTrue();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("Great reads #FollowFriday")).isFalse();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("#FollowFriday @ann @bob")).isTrue();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("#f4fun day")).isFalse();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("")).isFalse();
        // Emoji, punctuation and links are not content; hashtags alone (no mention) are not mention-only.
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("@ann @bob 🔥🔥 — …")).isTrue();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("@ann https://t.co/x1Y2 www.example.com/a")).isTrue();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("@ann see https://our.blog/post")).isFalse();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("#monday #motivation")).isFalse();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("https://t.co/x @ann")).isTrue();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("@ann 2026")).isFalse();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("@zoë @ñandú")).isTrue();
        // A link ends at any Unicode whitespace: the word after a no-break or ideographic space is content.
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("@ann https://our.blog/post\u00A0Read")).isFalse();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("@ann WWW.example.com\u3000Read")).isFalse();
        assertThat(AuthenticitySignals.isFollowBackOrMentionOnly("@ann https://our.blog/post\u202F")).isTrue();
    }

    @Test
    void followBackPostsDiscountTheirShare() {
        List<PostFacts> posts = new ArrayList<>();
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        for (int i = 0; i < 7; i++) {
            posts.add(new PostFacts("twitter", t, "A real post", 1, 1));
        }
        posts.add(new PostFacts("twitter", t, "@a @b", 1, 1));
        posts.add(new PostFacts("twitter", t, "hi #F4F", 1, 1));
        posts.add(new PostFacts("twitter", t, "#FollowFriday great people", 1, 1));
        assertThat(AuthenticitySignals.followBackPosts(posts).orElseThrow().discount()).isCloseTo(0.2, within(1e-12));
        assertThat(AuthenticitySignals.followBackPosts(posts.subList(0, 4))).isEmpty();
        List<PostFacts> spam = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            spam.add(new PostFacts("twitter", t, "@x #F4F", 1, 1));
        }
        assertThat(AuthenticitySignals.followBackPosts(spam).orElseThrow().discount()).isEqualTo(0.40);
    }

    @Test
    void followersWithoutEngagement() {
        assertThat(AuthenticitySignals.followersWithoutEngagement(0.05, 0, 0)).isEmpty();
        assertThat(AuthenticitySignals.followersWithoutEngagement(0.30, 0, 0.25)).isEmpty();
        assertThat(AuthenticitySignals.followersWithoutEngagement(0.30, 0, 0.0).orElseThrow().discount())
                .isCloseTo(0.10, within(1e-12));
        assertThat(AuthenticitySignals.followersWithoutEngagement(0.30, -0.1, -0.5).orElseThrow().discount())
                .isCloseTo(0.10, within(1e-12));
        assertThat(AuthenticitySignals.followersWithoutEngagement(2.0, 0.04, 0.0).orElseThrow().discount())
                .isEqualTo(0.30);
        assertThat(AuthenticitySignals.followersWithoutEngagement(2.0, 0, Double.NaN)).isEmpty();
        // A steady grower keeps its usual pace: +18 % again is not flagged, +40 % is 0.5 × (0.22 − 0.10).
        assertThat(AuthenticitySignals.followersWithoutEngagement(0.18, 0.18, 0.0)).isEmpty();
        assertThat(AuthenticitySignals.followersWithoutEngagement(0.40, 0.18, 0.0).orElseThrow().discount())
                .isCloseTo(0.06, within(1e-12));
    }

    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final LocalDate WINDOW_START = START.plusDays(14);

    /** 28 days alternating 38 and 42 (median 40, MAD 2: thresholds about 40 + 5 × √40 = 72), some days replaced. */
    private static NavigableMap<LocalDate, Double> steady(Map<Integer, Double> replaced) {
        NavigableMap<LocalDate, Double> series = new TreeMap<>();
        for (int i = 0; i < 28; i++) {
            series.put(START.plusDays(i), replaced.getOrDefault(i, i % 2 == 0 ? 38.0 : 42.0));
        }
        return series;
    }

    private static Optional<Signal> spikes(Map<String, NavigableMap<LocalDate, Double>> series) {
        return AuthenticitySignals.spikes(series, Map.of(), WINDOW_START);
    }

    @Test
    void spikesAreShortExcursionsAboveBothNeighbourhoods() {
        assertThat(AuthenticitySignals.spread(new double[] {38, 42, 38, 42, 38, 42, 38})).isZero();
        assertThat(AuthenticitySignals.spread(new double[] {10, 20, 30, 40, 50})).isCloseTo(14.826, within(1e-9));
        // 40 + 5 × max(2.97, √40 = 6.32, 4, 1)
        assertThat(AuthenticitySignals.threshold(40, 5, 2.97)).isCloseTo(40 + 5 * Math.sqrt(40), within(1e-9));
        assertThat(AuthenticitySignals.threshold(400, 5, 2.97)).isCloseTo(600, within(1e-9));
        assertThat(spikes(Map.of("twitter.retweets", steady(Map.of())))).isEmpty();
        Signal one = spikes(Map.of("twitter.retweets", steady(Map.of(20, 200.0)))).orElseThrow();
        assertThat(one.discount()).isCloseTo(0.04, within(1e-12));
        assertThat(one.message()).isEqualTo(
                "Short spikes with no rise in visits or follows on 1 day (twitter.retweets on 1 day): −4.0%");
        // In the baseline: not counted. In the last three days: not judged until three later days are known.
        assertThat(spikes(Map.of("twitter.retweets", steady(Map.of(5, 200.0))))).isEmpty();
        assertThat(spikes(Map.of("twitter.retweets", steady(Map.of(25, 200.0))))).isEmpty();
        assertThat(spikes(Map.of("twitter.retweets", steady(Map.of(24, 200.0))))).isPresent();
        // A three-day burst is three days.
        assertThat(spikes(Map.of("twitter.retweets", steady(Map.of(20, 200.0, 21, 220.0, 22, 210.0))))
                .orElseThrow().discount()).isCloseTo(0.12, within(1e-12));
        // A sparse series (median 0) is not judged; the cap.
        NavigableMap<LocalDate, Double> sparse = new TreeMap<>();
        for (int i = 0; i < 28; i++) {
            sparse.put(START.plusDays(i), i == 20 ? 100.0 : 0.0);
        }
        assertThat(spikes(Map.of("polls.responses", sparse))).isEmpty();
        assertThat(spikes(Map.of("twitter.retweets", steady(Map.of(14, 500.0, 16, 500.0, 18, 500.0, 20, 500.0,
                22, 500.0, 24, 500.0)))).orElseThrow().discount()).isEqualTo(0.20);
    }

    @Test
    void aLastingStepIsNotASpike() {
        Map<Integer, Double> step = new HashMap<>();
        for (int i = 18; i < 28; i++) {
            step.put(i, i % 2 == 0 ? 114.0 : 126.0);
        }
        assertThat(spikes(Map.of("twitter.retweets", steady(step)))).isEmpty();
        // even one that started the day before the last
        assertThat(spikes(Map.of("twitter.retweets", steady(Map.of(26, 120.0, 27, 120.0))))).isEmpty();
    }

    @Test
    void aDaySpikingInTwoSeriesCountsOnceAndARiseInVisitsExplainsIt() {
        Map<String, NavigableMap<LocalDate, Double>> both = Map.of(
                "twitter.retweets", steady(Map.of(20, 200.0)), "twitter.replies", steady(Map.of(20, 150.0)));
        Signal s = spikes(both).orElseThrow();
        assertThat(s.discount()).isCloseTo(0.04, within(1e-12));
        assertThat(s.message()).contains("on 1 day (").contains("twitter.retweets on 1 day")
                .contains("twitter.replies on 1 day");
        // A launch day: visits rise with the engagement (above median + 2 × its spread): nothing counted.
        NavigableMap<LocalDate, Double> visits = new TreeMap<>();
        for (int i = 0; i < 28; i++) {
            visits.put(START.plusDays(i), i == 20 ? 1500.0 : 1000.0 + (i % 3) * 20);
        }
        assertThat(AuthenticitySignals.spikes(both, Map.of("web.unique_visitors", visits), WINDOW_START)).isEmpty();
        // Visits on another day explain nothing.
        visits.put(START.plusDays(20), 1000.0);
        visits.put(START.plusDays(23), 1500.0);
        assertThat(AuthenticitySignals.spikes(both, Map.of("web.unique_visitors", visits), WINDOW_START))
                .isPresent();
    }

    @Test
    void theEngineMultipliesTheDiscounts() {
        Fixtures f = GoldenExampleTest.example();
        f.breakdowns.put("twitter.retweets", accounts(10, 216));
        ZoomFactor z = f.score();
        assertThat(z.authenticity().signals()).extracting(Signal::key)
                .containsExactly("concentration", "follow_back_posts");
        assertThat(z.authenticity().factor()).isCloseTo(0.7 * 0.8, within(1e-12));
    }
}
