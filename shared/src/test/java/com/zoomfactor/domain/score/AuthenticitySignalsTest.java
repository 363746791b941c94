package com.zoomfactor.domain.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        assertThat(AuthenticitySignals.followersWithoutEngagement(0.05, 0)).isEmpty();
        assertThat(AuthenticitySignals.followersWithoutEngagement(0.30, 0.25)).isEmpty();
        assertThat(AuthenticitySignals.followersWithoutEngagement(0.30, 0.0).orElseThrow().discount())
                .isCloseTo(0.10, within(1e-12));
        assertThat(AuthenticitySignals.followersWithoutEngagement(0.30, -0.5).orElseThrow().discount())
                .isCloseTo(0.10, within(1e-12));
        assertThat(AuthenticitySignals.followersWithoutEngagement(2.0, 0.0).orElseThrow().discount())
                .isEqualTo(0.30);
        assertThat(AuthenticitySignals.followersWithoutEngagement(2.0, Double.NaN)).isEmpty();
    }

    @Test
    void spikesAboveMedianPlusFiveMad() {
        LocalDate start = LocalDate.of(2026, 1, 1);
        LocalDate windowStart = start.plusDays(10);
        Map<LocalDate, Double> series = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            series.put(start.plusDays(i), i % 2 == 0 ? 38.0 : 42.0);
        }
        // median 40, MAD 2, floor max(2, 4, 1) = 4 → threshold 60
        assertThat(AuthenticitySignals.spikeThreshold(40, 2)).isEqualTo(60);
        assertThat(AuthenticitySignals.spikes(Map.of("twitter.retweets", series), windowStart)).isEmpty();
        series.put(start.plusDays(12), 70.0); // median becomes 42, threshold 42 + 5 × 4.2 = 63
        series.put(start.plusDays(15), 400.0);
        series.put(start.plusDays(3), 400.0); // before the window: not counted
        Signal s = AuthenticitySignals.spikes(Map.of("twitter.retweets", series), windowStart).orElseThrow();
        assertThat(s.discount()).isCloseTo(0.08, within(1e-12));
        assertThat(s.message()).contains("twitter.retweets on 2 days");
        // sparse series (median 0) are not judged
        Map<LocalDate, Double> sparse = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            sparse.put(start.plusDays(i), i == 15 ? 100.0 : 0.0);
        }
        assertThat(AuthenticitySignals.spikes(Map.of("polls.responses", sparse), windowStart)).isEmpty();
        // the cap
        Map<LocalDate, Double> many = new TreeMap<>(series);
        for (int i = 10; i < 20; i++) {
            many.put(start.plusDays(i), i < 16 ? 1000.0 : 40.0);
        }
        assertThat(AuthenticitySignals.spikes(Map.of("twitter.retweets", many), windowStart).orElseThrow()
                .discount()).isEqualTo(0.20);
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
