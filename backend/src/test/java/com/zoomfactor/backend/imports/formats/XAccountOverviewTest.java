package com.zoomfactor.backend.imports.formats;

import static com.zoomfactor.backend.imports.formats.XTweetActivityDailyTest.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class XAccountOverviewTest {

    private static final XAccountOverview FORMAT = new XAccountOverview();
    private static final LocalDate FEB_18 = LocalDate.of(2025, 2, 18);

    @Test
    void newestFirstDaysBecomeDailyPoints() {
        CollectedImport read = CollectedImport.read("social/x-account-overview.csv", FORMAT);

        assertThat(read.problems).isEmpty();
        assertThat(read.of("twitter.impressions", null)).extracting(CollectedImport.ReadPoint::start)
                .containsExactly(FEB_18, LocalDate.of(2025, 2, 17), LocalDate.of(2025, 2, 16));
        assertThat(value(read, "twitter.impressions", FEB_18)).isEqualTo(2871.0);
        assertThat(value(read, "twitter.likes", FEB_18)).isEqualTo(24.0);
        assertThat(value(read, "twitter.engagements", FEB_18)).isEqualTo(43.0);
        assertThat(value(read, "twitter.new_follows", FEB_18)).isEqualTo(5.0);
        assertThat(value(read, "twitter.unfollows", FEB_18)).isEqualTo(2.0);
        assertThat(value(read, "twitter.replies", FEB_18)).isEqualTo(1.0);
        assertThat(value(read, "twitter.retweets", FEB_18)).isEqualTo(4.0);
        assertThat(value(read, "twitter.profile_visits", FEB_18)).isEqualTo(7.0);
        assertThat(value(read, "twitter.posts", FEB_18)).isEqualTo(2.0);
        assertThat(value(read, "twitter.impressions", LocalDate.of(2025, 2, 17))).isEqualTo(1204.0);
    }

    @Test
    void columnsWithoutACatalogueMetricAreNotRead() {
        CollectedImport read = CollectedImport.read("social/x-account-overview.csv", FORMAT);

        // Bookmarks, Shares, Video views and Media views have no catalogue metric
        assertThat(read.points).extracting(CollectedImport.ReadPoint::metric).containsOnly("twitter.impressions",
                "twitter.likes", "twitter.engagements", "twitter.new_follows", "twitter.unfollows", "twitter.replies",
                "twitter.retweets", "twitter.profile_visits", "twitter.posts");
        assertThat(read.points).hasSize(3 * 9);
    }

    @Test
    void impossibleDatesAndTextNumbersAreProblems() {
        CollectedImport read = CollectedImport.read("social/x-account-overview-bad.csv", FORMAT);

        assertThat(read.problems).extracting(CollectedImport.Problem::line, CollectedImport.Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, "Date: 'Sat, Feb 31, 2025' is not a date"),
                        org.assertj.core.groups.Tuple.tuple(4L, "Impressions: 'lots' is not a number"));
        assertThat(read.of("twitter.impressions", null)).hasSize(1);
    }
}
