package com.zoomfactor.backend.imports.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class MetaSeriesTest {

    private static final MetaSeries FORMAT = new MetaSeries();

    @Test
    void aUtf16SeriesWithSepLineAndTitleBecomesDailyPointsOfItsMetric() {
        CollectedImport read = CollectedImport.read("social/meta-facebook-reach.csv", FORMAT);

        assertThat(read.problems).isEmpty();
        // the third day's empty value is no value
        assertThat(read.points).extracting(CollectedImport.ReadPoint::metric, CollectedImport.ReadPoint::start,
                CollectedImport.ReadPoint::end, CollectedImport.ReadPoint::value).containsExactly(
                Tuple.tuple("facebook.reach", LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 1), 1234.0),
                Tuple.tuple("facebook.reach", LocalDate.of(2024, 3, 2), LocalDate.of(2024, 3, 2), 987.0));
        assertThat(read.points.get(0).line()).isEqualTo(4);
    }

    @Test
    void theTitleNamesTheMetric() {
        CollectedImport read = CollectedImport.read("social/meta-content-interactions.csv", FORMAT);

        assertThat(read.points).extracting(CollectedImport.ReadPoint::metric, CollectedImport.ReadPoint::value)
                .containsExactly(Tuple.tuple("facebook.interactions", 56.0), Tuple.tuple("facebook.interactions", 0.0));
    }

    @Test
    void aSeriesWithoutACatalogueMetricIsAProblemAndWritesNothing() {
        CollectedImport read = CollectedImport.read("social/meta-views.csv", FORMAT);

        assertThat(read.points).isEmpty();
        assertThat(read.problems).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isZero();
            assertThat(problem.message()).startsWith("The series 'Views' has no metric in the catalogue");
        });
    }

    @Test
    void badDatesAndValuesAreProblemsOfTheirLines() {
        CollectedImport read = CollectedImport.read("social/meta-facebook-follows-bad.csv", FORMAT);

        assertThat(read.points).extracting(CollectedImport.ReadPoint::metric, CollectedImport.ReadPoint::value)
                .containsExactly(Tuple.tuple("facebook.new_follows", 3.0));
        assertThat(read.problems).extracting(CollectedImport.Problem::line, CollectedImport.Problem::message)
                .containsExactly(Tuple.tuple(5L, "Date: '2024-02-30T00:00:00' is not a date"),
                        Tuple.tuple(6L, "Primary: 'many' is not a number"));
    }
}
