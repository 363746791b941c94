package com.zoomfactor.backend.imports.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class XContentTest {

    private static final XContent FORMAT = new XContent();

    @Test
    void postsCarryTheirLifetimeCountersAndTheTimeTheirIdHolds() {
        CollectedImport read = CollectedImport.read("social/x-content.csv", FORMAT);

        assertThat(read.problems).isEmpty();
        assertThat(read.posts).hasSize(3);
        ImportedPost launch = read.posts.get(0);
        assertThat(launch.channel()).isEqualTo("twitter");
        assertThat(launch.externalId()).isEqualTo("1891883669318426778");
        assertThat(launch.text()).isEqualTo("Launch day & a thread 🧵");
        assertThat(launch.url()).isEqualTo("https://x.com/zoomfactor/status/1891883669318426778");
        assertThat(launch.publishedAt()).isEqualTo(OffsetDateTime.of(2025, 2, 18, 16, 13, 10, 0, ZoneOffset.UTC));
        assertThat(launch.metrics()).containsExactlyInAnyOrderEntriesOf(Map.of("impressions", 1500L, "likes", 30L,
                "replies", 5L, "retweets", 6L, "shares", 2L, "clicks", 7L));
        assertThat(read.posts.get(1).text()).isEqualTo("A reply, with \"quotes\"");
        // an empty cell is no value, not zero
        assertThat(read.posts.get(2).metrics()).doesNotContainKey("clicks").containsEntry("shares", 1L);
    }

    @Test
    void postsAreCountedByTheirDay() {
        CollectedImport read = CollectedImport.read("social/x-content.csv", FORMAT);

        assertThat(read.points).extracting(CollectedImport.ReadPoint::metric, CollectedImport.ReadPoint::start,
                CollectedImport.ReadPoint::value).containsExactly(
                Tuple.tuple("twitter.posts", LocalDate.of(2025, 2, 17), 1.0),
                Tuple.tuple("twitter.posts", LocalDate.of(2025, 2, 18), 2.0));
    }

    @Test
    void otherVersionsSayLinkAndShare() {
        CollectedImport read = CollectedImport.read("social/x-content-link-share.csv", FORMAT);

        assertThat(read.problems).isEmpty();
        assertThat(read.posts).singleElement().satisfies(post -> {
            assertThat(post.url()).isEqualTo("https://x.com/zoomfactor/status/1891883669318426778");
            assertThat(post.metrics()).containsEntry("shares", 3L).containsEntry("impressions", 1600L);
        });
    }
}
