package com.zoomfactor.backend.imports.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class Ga4ReportTest {

    private static final Ga4Report GA4 = new Ga4Report();
    private static final LocalDate JAN_1 = LocalDate.of(2024, 1, 1);
    private static final LocalDate JAN_31 = LocalDate.of(2024, 1, 31);

    @Test
    void totalsWithoutADateAreOnePeriodPointOverTheStatedRange() {
        CollectedImport read = CollectedImport.read("google/ga4/overview-totals.csv", GA4);

        assertThat(read.problems).isEmpty();
        assertThat(read.points).hasSize(9).allSatisfy(p -> {
            assertThat(p.start()).isEqualTo(JAN_1);
            assertThat(p.end()).isEqualTo(JAN_31);
            assertThat(p.dimension()).isNull();
        });
        assertThat(value(read, "web.unique_visitors")).isEqualTo(1234);
        assertThat(value(read, "web.sessions")).isEqualTo(2100);
        assertThat(value(read, "web.pageviews")).isEqualTo(5400);
        assertThat(value(read, "web.engagement_rate")).isEqualTo(0.4213);
        assertThat(value(read, "web.bounce_rate")).isEqualTo(0.5787);
        assertThat(value(read, "web.time_on_page")).isEqualTo(63.25);
        assertThat(value(read, "web.pages_per_visit")).isCloseTo(2.5714, within(1e-4));
        assertThat(value(read, "web.key_events")).isEqualTo(17);
        assertThat(value(read, "web.returning_visitors")).isEqualTo(434);
    }

    @Test
    void aDateDimensionGivesDailyPointsAndOldColumnNamesStillMap() {
        CollectedImport read = CollectedImport.read("google/ga4/daily-old-names.csv", GA4);

        assertThat(read.problems).isEmpty();
        var users = read.of("web.unique_visitors", null);
        assertThat(users).extracting(CollectedImport.ReadPoint::value).containsExactly(101.0, 98.0, 110.0);
        assertThat(users.get(1).start()).isEqualTo(LocalDate.of(2023, 3, 2)).isEqualTo(users.get(1).end());
        // "Conversions" is the key events' old name; '-' and an empty cell are no value, not zero
        assertThat(read.of("web.key_events", null)).extracting(CollectedImport.ReadPoint::value).containsExactly(3.0, 5.0);
        assertThat(read.of("web.pageviews", null)).hasSize(2);
        assertThat(read.of("web.time_on_page", null).get(2).value()).isEqualTo(44.25);
        assertThat(read.points).hasSize(3 + 3 + 2 + 3 + 3 + 2);
    }

    @Test
    void aPageDimensionGivesPageViewsByPageOnly() {
        CollectedImport read = CollectedImport.read("google/ga4/pages.csv", GA4);

        assertThat(read.problems).isEmpty();
        assertThat(read.points).hasSize(3).allSatisfy(p -> {
            assertThat(p.metric()).isEqualTo("web.pageviews");
            assertThat(p.start()).isEqualTo(JAN_1);
            assertThat(p.end()).isEqualTo(JAN_31);
        });
        assertThat(read.of("web.pageviews", "/pricing").get(0).value()).isEqualTo(1200);
        assertThat(read.of("web.pageviews", "/blog/hello, world").get(0).value()).isEqualTo(300);
    }

    @Test
    void anExplorationsGrandTotalRowIsSkipped() {
        CollectedImport read = CollectedImport.read("google/ga4/exploration.csv", GA4);

        assertThat(read.problems).isEmpty();
        assertThat(read.of("web.unique_visitors", null)).extracting(CollectedImport.ReadPoint::value)
                .containsExactly(120.0, 110.0, 120.0);
        assertThat(read.of("web.sessions", null).get(0).start()).isEqualTo(LocalDate.of(2024, 2, 1));
        assertThat(read.of("web.engagement_rate", null).get(1).value()).isEqualTo(0.62);
        assertThat(read.points).hasSize(12);
    }

    @Test
    void aSnapshotOfSeveralTablesReadsDaysByIndexAndTotalsNotGivenDaily() {
        CollectedImport read = CollectedImport.read("google/ga4/snapshot-tables.csv", GA4);

        assertThat(read.problems).isEmpty();
        // Nth day counts from the start date; the summary's users are already daily, so not written again
        assertThat(read.of("web.unique_visitors", null)).extracting(p -> p.start() + "=" + p.value())
                .containsExactly("2024-01-01=10.0", "2024-01-02=12.0", "2024-01-07=9.0");
        assertThat(read.of("web.sessions", null)).singleElement().satisfies(p -> {
            assertThat(p.value()).isEqualTo(44);
            assertThat(p.start()).isEqualTo(JAN_1);
            assertThat(p.end()).isEqualTo(LocalDate.of(2024, 1, 7));
        });
        assertThat(read.of("web.key_events", null)).singleElement().extracting(CollectedImport.ReadPoint::value)
                .isEqualTo(2.0);
        assertThat(read.points).hasSize(5); // the country table is passed over
    }

    @Test
    void aSemicolonReSaveWithBomAndDecimalCommasReads() {
        CollectedImport read = CollectedImport.read("google/ga4/semicolon-decimal-comma.csv", GA4);

        assertThat(read.problems).isEmpty();
        assertThat(read.of("web.unique_visitors", null).get(0).value()).isEqualTo(1234);
        assertThat(read.of("web.engagement_rate", null).get(0).value()).isEqualTo(0.4213);
        assertThat(read.of("web.time_on_page", null).get(0).value()).isEqualTo(45.5);
        assertThat(read.points).hasSize(6);
    }

    @Test
    void badDatesAndNumbersAreProblemsByLine() {
        CollectedImport read = CollectedImport.read("google/ga4/bad-rows.csv", GA4);

        assertThat(read.problems).extracting(p -> p.line() + ": " + p.message()).containsExactly(
                "7: Date: '20240231' is not a date",
                "8: Active users: 'twelve' is not a number");
        assertThat(read.of("web.sessions", null)).hasSize(2);
    }

    @Test
    void aTableBrokenDownByCountryAloneIsAProblemNamingIt() {
        CollectedImport read = CollectedImport.read("google/ga4/country-only.csv", GA4);

        assertThat(read.points).isEmpty();
        assertThat(read.problems).singleElement().satisfies(p ->
                assertThat(p.message()).contains("broken down by 'Country'"));
    }

    @Test
    void totalsWithoutAStatedRangeAreAProblem() throws IOException {
        Path file = Files.createTempFile("ga4", ".csv");
        Files.writeString(file, "# ----------------------------------------\n# Exploration name: X\n"
                + "Active users,Engagement rate\n10,0.5\n", StandardCharsets.UTF_8);
        try (var upload = com.zoomfactor.backend.imports.files.Upload.open(file)) {
            assertThat(GA4.recognises(upload)).isTrue();
            CollectedImport read = new CollectedImport();
            GA4.read(upload, read);
            assertThat(read.points).isEmpty();
            assertThat(read.problems).singleElement().satisfies(p -> assertThat(p.message()).contains("no date range"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void doesNotClaimOtherFiles() throws IOException {
        for (String resource : new String[] {"google/ua/audience-overview.csv", "google/ua/pages.csv",
                "google/search-console/en/Queries.csv", "google/search-console/en/Dates.csv"}) {
            try (var upload = CollectedImport.upload(resource)) {
                assertThat(GA4.recognises(upload)).as(resource).isFalse();
            }
        }
        for (String product : new String[] {"date,metric,value,dimension\n2024-01-01,web.pageviews,3,/\n",
                "date,web.unique_visitors,web.bounce_rate\n2024-01-01,3,0.5\n"}) {
            Path file = Files.createTempFile("product", ".csv");
            Files.writeString(file, product);
            try (var upload = com.zoomfactor.backend.imports.files.Upload.open(file)) {
                // the product's own CSV is a format of the registry too: it, not GA4, claims these
                assertThat(GA4.recognises(upload)).isFalse();
                assertThat(Formats.recognise(upload)).get().extracting(ExportFormat::key).isEqualTo("zoom-factor-csv");
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private static double value(CollectedImport read, String metric) {
        assertThat(read.of(metric, null)).as(metric).hasSize(1);
        return read.of(metric, null).get(0).value();
    }
}
