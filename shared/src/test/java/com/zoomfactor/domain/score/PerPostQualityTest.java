package com.zoomfactor.domain.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rule P (docs/methodology.md § 3): per-post rates that post volume alone cannot move. Withholding or deleting posts
 * with the same total response may raise the score by at most 2 points; posting more good posts never lowers it.
 */
class PerPostQualityTest {

    private static final long SEED = 20261130L;
    private static final List<String> POSTS = List.of("twitter.posts", "facebook.posts");
    private static final List<String> RESPONSES = List.of("twitter.retweets", "twitter.replies",
            "facebook.post_comments");

    private static double score(double postFactor, double responseFactor) {
        Fixtures f = RealisticClient.baseline(SEED);
        POSTS.forEach(k -> RealisticClient.scaleWindow(f, k, postFactor));
        RESPONSES.forEach(k -> RealisticClient.scaleWindow(f, k, responseFactor));
        return f.score().score();
    }

    @Test
    void postingLessWithTheSameResponseDoesNotPay() {
        double base = score(1, 1);
        assertThat(score(1 / 3.0, 1) - base).as("a third as often, same total").isLessThanOrEqualTo(2);
        assertThat(score(0.5, 1) - base).as("half as often, same total").isLessThanOrEqualTo(2);
        // Deleting the third of the posts that did worst: their 10 % of the response goes with them.
        assertThat(score(2 / 3.0, 0.9) - base).as("the worst third deleted").isLessThanOrEqualTo(2);
    }

    @Test
    void postingMoreGoodPostsDoesNotLowerIt() {
        double base = score(1, 1);
        assertThat(score(2, 2)).as("twice the posts, each as good").isGreaterThanOrEqualTo(base);
        assertThat(score(2, 1.6)).as("twice the posts, each new one a bit less good").isGreaterThanOrEqualTo(base);
        assertThat(score(3, 3)).as("three times the posts").isGreaterThanOrEqualTo(base);
    }

    @Test
    void betterPostsStillCount() {
        double base = score(1, 1);
        assertThat(score(1, 1.5) - base).as("the same posts, half as much response again").isGreaterThanOrEqualTo(3);
        assertThat(score(1, 0.7) - base).as("the same posts, less response").isLessThanOrEqualTo(-3);
    }
}
