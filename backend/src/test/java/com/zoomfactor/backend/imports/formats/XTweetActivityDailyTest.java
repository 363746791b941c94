package com.zoomfactor.backend.imports.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class XTweetActivityDailyTest {

    private static final XTweetActivityDaily FORMAT = new XTweetActivityDaily();
    private static final LocalDate NOV_30 = LocalDate.of(2021, 11, 30);

    @Test
    void eachDayWritesItsCounters() {
        CollectedImport read = CollectedImport.read("social/x-tweet-activity-daily.csv", FORMAT);

        assertThat(read.problems).isEmpty();
        assertThat(read.posts).isEmpty();
        assertThat(value(read, "twitter.posts", NOV_30)).isEqualTo(2.0);
        assertThat(value(read, "twitter.impressions", NOV_30)).isEqualTo(2077.0);
        assertThat(value(read, "twitter.engagements", NOV_30)).isEqualTo(51.0);
        assertThat(value(read, "twitter.retweets", NOV_30)).isEqualTo(3.0);
        assertThat(value(read, "twitter.replies", NOV_30)).isEqualTo(3.0);
        assertThat(value(read, "twitter.likes", NOV_30)).isEqualTo(19.0);
        assertThat(value(read, "twitter.profile_visits", NOV_30)).isEqualTo(4.0);
        assertThat(value(read, "twitter.link_clicks", NOV_30)).isEqualTo(10.0);
        assertThat(value(read, "twitter.new_follows", NOV_30)).isEqualTo(1.0);
        assertThat(value(read, "twitter.posts", LocalDate.of(2021, 11, 29))).isEqualTo(0.0);
    }

    @Test
    void dashesAreNoValueNotZero() {
        CollectedImport read = CollectedImport.read("social/x-tweet-activity-daily.csv", FORMAT);

        // Dec 1 has only its post count; every other counter is "-"
        assertThat(read.points).filteredOn(p -> p.start().equals(LocalDate.of(2021, 12, 1)))
                .extracting(CollectedImport.ReadPoint::metric).containsExactly("twitter.posts");
        assertThat(read.points).hasSize(9 + 9 + 1);
        assertThat(read.points).allMatch(p -> p.start().equals(p.end()) && p.dimension() == null);
    }

    static double value(CollectedImport read, String metric, LocalDate day) {
        return read.of(metric, null).stream().filter(p -> p.start().equals(day)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + metric + " on " + day)).value();
    }
}
