package com.zoomfactor.backend.imports.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class XTweetActivityTest {

    private static final XTweetActivity FORMAT = new XTweetActivity();

    @Test
    void tweetsBecomePostsWithDecodedTextAndWholeCounters() {
        CollectedImport read = CollectedImport.read("social/x-tweet-activity.csv", FORMAT);

        assertThat(read.problems).isEmpty();
        assertThat(read.posts).hasSize(3);
        ImportedPost first = read.posts.get(0);
        assertThat(first.channel()).isEqualTo("twitter");
        assertThat(first.externalId()).isEqualTo("1465720000000000001");
        assertThat(first.publishedAt()).isEqualTo(OffsetDateTime.of(2021, 11, 30, 16, 0, 0, 0, ZoneOffset.UTC));
        assertThat(first.text()).isEqualTo("Rates & ranks: what's new <today>");
        assertThat(first.url()).isEqualTo("https://twitter.com/zoomfactor/status/1465720000000000001");
        assertThat(first.metrics()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "impressions", 1777L, "retweets", 3L, "replies", 2L, "likes", 17L, "clicks", 9L));
    }

    @Test
    void promotedColumnsAreNotAddedToTheOrganicCounters() {
        CollectedImport read = CollectedImport.read("social/x-tweet-activity.csv", FORMAT);

        ImportedPost promoted = read.posts.get(2);
        assertThat(promoted.metrics()).containsEntry("impressions", 1000L).containsEntry("likes", 5L);
    }

    @Test
    void postsAreCountedByPublishDayAndNoOtherDailyCounterIsWritten() {
        CollectedImport read = CollectedImport.read("social/x-tweet-activity.csv", FORMAT);

        assertThat(read.of("twitter.posts", null)).extracting(p -> p.start(), p -> p.end(), p -> p.value())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2021, 11, 30), LocalDate.of(2021, 11, 30), 2.0),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2021, 12, 2), LocalDate.of(2021, 12, 2), 1.0));
        // the by-day exports carry the daily counters: a per-post file writes only the post count
        assertThat(read.points).allMatch(p -> p.metric().equals("twitter.posts"));
    }

    @Test
    void oldFilesSayFavoritesAndQuoteMultiLineTexts() {
        CollectedImport read = CollectedImport.read("social/x-tweet-activity-favorites.csv", FORMAT);

        assertThat(read.problems).isEmpty();
        assertThat(read.posts).singleElement().satisfies(post -> {
            assertThat(post.metrics()).containsEntry("likes", 7L).containsEntry("impressions", 500L);
            assertThat(post.text()).isEqualTo("Old tweet with a quoted, multi-line\ntext");
        });
        assertThat(read.of("twitter.posts", null)).singleElement()
                .satisfies(p -> assertThat(p.start()).isEqualTo(LocalDate.of(2015, 3, 10)));
    }

    @Test
    void aEuropeanReSaveWithSemicolonsAndDecimalCommasReadsTheSame(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        StringBuilder text = new StringBuilder("\"Tweet id\";\"Tweet permalink\";\"Tweet text\";\"time\";\"impressions\";"
                + "\"engagements\";\"engagement rate\";\"retweets\";\"replies\";\"likes\";\"url clicks\";\"promoted impressions\"\n");
        text.append("\"42\";\"https://twitter.com/z/status/42\";\"Ca va; merci\";\"2021-11-30 16:00 +0000\";\"1777,0\";")
                .append("\"45,0\";\"0,025\";\"3,0\";\"2,0\";\"17,0\";\"9,0\";\"-\"\n");
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("upload.bin"), text,
                java.nio.charset.StandardCharsets.ISO_8859_1);
        CollectedImport read = new CollectedImport();
        try (com.zoomfactor.backend.imports.files.Upload upload = com.zoomfactor.backend.imports.files.Upload.open(file)) {
            assertThat(FORMAT.recognises(upload)).isTrue();
            FORMAT.read(upload, read);
        }

        assertThat(read.problems).isEmpty();
        assertThat(read.posts).singleElement().satisfies(post -> {
            assertThat(post.text()).isEqualTo("Ca va; merci");
            assertThat(post.metrics()).containsEntry("impressions", 1777L).containsEntry("likes", 17L);
        });
    }

    @Test
    void badTimesAndNumbersAreProblemsOfTheirLines() {
        CollectedImport read = CollectedImport.read("social/x-tweet-activity-bad.csv", FORMAT);

        assertThat(read.posts).extracting(ImportedPost::externalId).containsExactly("1465720000000000010");
        assertThat(read.problems).extracting(CollectedImport.Problem::line, CollectedImport.Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, "time: '30/11/2021 10:00' is not a date and time"),
                        org.assertj.core.groups.Tuple.tuple(4L, "impressions: 'lots' is not a number"));
        assertThat(read.of("twitter.posts", null)).singleElement().satisfies(p -> assertThat(p.value()).isEqualTo(1.0));
    }
}
