package com.zoomfactor.backend.imports.formats;

import static com.zoomfactor.backend.imports.formats.XTweetActivityDailyTest.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class MetaPostsTest {

    private static final MetaPosts FORMAT = new MetaPosts();
    private static final LocalDate MAR_14 = LocalDate.of(2024, 3, 14);

    @Test
    void postsCarryTextLinkAndLifetimeCounters() {
        CollectedImport read = CollectedImport.read("social/meta-posts.csv", FORMAT);

        assertThat(read.problems).isEmpty();
        assertThat(read.posts).hasSize(3);
        ImportedPost spring = read.posts.get(0);
        assertThat(spring.channel()).isEqualTo("facebook");
        assertThat(spring.externalId()).isEqualTo("1827720132094663");
        assertThat(spring.publishedAt()).isEqualTo(OffsetDateTime.of(2024, 3, 14, 9, 30, 0, 0, ZoneOffset.UTC));
        assertThat(spring.text()).isEqualTo("Spring is here 🌷\nNew rates, \"really\" new.");
        assertThat(spring.url()).isEqualTo("https://www.facebook.com/zoomfactor/posts/pfbid01");
        assertThat(spring.metrics()).containsExactlyInAnyOrderEntriesOf(Map.of("impressions", 1250L, "likes", 40L,
                "comments", 5L, "shares", 2L, "clicks", 31L));
        // the caption is in whichever of Title and Description is longer
        assertThat(read.posts.get(1).text()).isEqualTo("A link post with a longer description than its title");
        assertThat(read.posts.get(2).metrics()).doesNotContainKey("clicks");
    }

    @Test
    void postsAndTheirCountersAddUpByPublishDay() {
        CollectedImport read = CollectedImport.read("social/meta-posts.csv", FORMAT);

        assertThat(value(read, "facebook.posts", MAR_14)).isEqualTo(2.0);
        assertThat(value(read, "facebook.post_impressions", MAR_14)).isEqualTo(1550.0);
        assertThat(value(read, "facebook.post_likes", MAR_14)).isEqualTo(48.0);
        assertThat(value(read, "facebook.post_comments", MAR_14)).isEqualTo(8.0);
        assertThat(value(read, "facebook.post_shares", MAR_14)).isEqualTo(3.0);
        assertThat(read.points).filteredOn(p -> p.start().equals(LocalDate.of(2024, 3, 16)))
                .extracting(CollectedImport.ReadPoint::metric, CollectedImport.ReadPoint::value).containsExactly(
                        Tuple.tuple("facebook.posts", 1.0), Tuple.tuple("facebook.post_impressions", 800.0),
                        Tuple.tuple("facebook.post_comments", 4.0), Tuple.tuple("facebook.post_likes", 6.0),
                        Tuple.tuple("facebook.post_shares", 0.0));
        // reach and clicks stay with the post: the per-metric series carry the page's daily reach and link clicks
        assertThat(read.points).noneMatch(p -> p.metric().equals("facebook.reach")
                || p.metric().equals("facebook.link_clicks"));
    }

    @Test
    void olderExportsSayImpressions() {
        CollectedImport read = CollectedImport.read("social/meta-posts-impressions.csv", FORMAT);

        assertThat(read.posts).singleElement().satisfies(post -> assertThat(post.metrics())
                .containsEntry("impressions", 640L));
        assertThat(value(read, "facebook.post_impressions", LocalDate.of(2023, 11, 2))).isEqualTo(640.0);
    }

    @Test
    void badTimesAndFractionalCountsAreProblemsOfTheirLines() {
        CollectedImport read = CollectedImport.read("social/meta-posts-bad.csv", FORMAT);

        assertThat(read.posts).extracting(ImportedPost::externalId).containsExactly("1827720132094670");
        assertThat(read.problems).extracting(CollectedImport.Problem::line, CollectedImport.Problem::message)
                .containsExactly(Tuple.tuple(3L, "Publish time: '2024-13-45 12:00' is not a date and time"),
                        Tuple.tuple(4L, "Reactions: '1.5' is not a whole count"));
    }
}
