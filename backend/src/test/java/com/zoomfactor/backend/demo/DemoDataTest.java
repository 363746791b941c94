package com.zoomfactor.backend.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.observations.Point;
import com.zoomfactor.backend.observations.ValueBounds;
import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo's generated data: the same for the same seed, acceptable to the catalogue, one point per identity. */
class DemoDataTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    private static final UUID COMPETITOR = UUID.fromString("00000000-0000-0000-0000-000000000018");

    @Test
    void theSameSeedGivesTheSameData() {
        assertThat(new DemoData(TODAY, 18).points(COMPETITOR)).isEqualTo(new DemoData(TODAY, 18).points(COMPETITOR));
        assertThat(new DemoData(TODAY, 18).points(COMPETITOR)).isNotEqualTo(new DemoData(TODAY, 19).points(COMPETITOR));
    }

    @Test
    void everyPointIsOneTheApiWouldAcceptAndNoneIsSentTwice() {
        List<Point> points = new DemoData(TODAY, 18).points(COMPETITOR);
        Set<Point.Identity> seen = new HashSet<>();
        for (Point point : points) {
            Metric metric = MetricCatalogue.find(point.metric()).orElseThrow();
            assertThat(ValueBounds.problemWith(metric.unit(), point.value())).as(point.toString()).isEmpty();
            assertThat(point.dimension() == null || metric.takesDimension()).as(point.toString()).isTrue();
            assertThat(point.start()).isBetween(TODAY.minusDays(DemoData.DAYS - 1), TODAY);
            assertThat(seen.add(point.identity())).as("sent twice: " + point).isTrue();
        }
    }

    @Test
    void everyMetricOfTheDemosChannelsHasHalfAYearOfHistory() {
        Map<String, Set<LocalDate>> days = new DemoData(TODAY, 18).points(COMPETITOR).stream()
                .filter(point -> point.competitorId() == null && point.dimension() == null)
                .collect(Collectors.groupingBy(Point::metric, Collectors.mapping(Point::start, Collectors.toSet())));
        for (Metric metric : MetricCatalogue.all()) {
            if (DemoData.CHANNELS.contains(metric.channel())) {
                Set<LocalDate> of = days.getOrDefault(metric.key(), Set.of());
                assertThat(of).as(metric.key()).isNotEmpty();
                // the newsletter's send figures exist on send days only: one a week
                assertThat(of.size()).as(metric.key()).isGreaterThanOrEqualTo(DemoData.DAYS / 7);
                assertThat(of).as(metric.key()).anyMatch(day -> day.isBefore(TODAY.minusDays(DemoData.DAYS - 8)));
            }
        }
    }

    @Test
    void postsArePublishedInThePastOnTheDemosNetworks() {
        assertThat(new DemoData(TODAY, 18).posts()).isNotEmpty().allSatisfy(post -> {
            assertThat(post.publishedAt().toLocalDate()).isBefore(TODAY);
            assertThat(List.of("twitter", "facebook", "linkedin")).contains(post.channel());
        });
    }
}
