package com.zoomfactor.backend.imports.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class UniversalAnalyticsReportTest {

    private static final UniversalAnalyticsReport UA = new UniversalAnalyticsReport();
    private static final LocalDate START = LocalDate.of(2017, 5, 26);
    private static final LocalDate END = LocalDate.of(2017, 6, 1);

    @Test
    void audienceOverviewGivesDailyUsersAndTheSummaryAsPeriodPoints() {
        CollectedImport read = CollectedImport.read("google/ua/audience-overview.csv", UA);

        assertThat(read.problems).isEmpty();
        var users = read.of("web.unique_visitors", null);
        // seven days; the unlabelled totals row and the summary's users (already daily) are not written
        assertThat(users).hasSize(7);
        assertThat(users.get(2).start()).isEqualTo(LocalDate.of(2017, 5, 28)).isEqualTo(users.get(2).end());
        assertThat(users.get(2).value()).isEqualTo(1021);
        assertThat(users.get(6).start()).isEqualTo(END);

        assertThat(period(read, "web.sessions")).isEqualTo(3873);
        assertThat(period(read, "web.pageviews")).isEqualTo(9102);
        assertThat(period(read, "web.pages_per_visit")).isEqualTo(2.35);
        assertThat(period(read, "web.time_on_page")).isEqualTo(105);
        assertThat(period(read, "web.bounce_rate")).isCloseTo(0.1214, within(1e-9));
        assertThat(read.points).hasSize(7 + 5);
    }

    @Test
    void pagesReportGivesPageViewsByPageAndSkipsTheTotalsRow() {
        CollectedImport read = CollectedImport.read("google/ua/pages.csv", UA);

        assertThat(read.problems).isEmpty();
        assertThat(read.points).hasSize(2);
        assertThat(read.of("web.pageviews", "/")).singleElement().satisfies(p -> {
            assertThat(p.value()).isEqualTo(4210);
            assertThat(p.start()).isEqualTo(LocalDate.of(2017, 5, 1));
            assertThat(p.end()).isEqualTo(LocalDate.of(2017, 5, 31));
        });
        assertThat(read.of("web.pageviews", "/about").get(0).value()).isEqualTo(812);
    }

    @Test
    void aDayThatIsNotAUsDateIsAProblemByLine() throws IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("ua", ".csv");
        java.nio.file.Files.writeString(file, "# ----------------------------------------\n# All Web Site Data\n"
                + "# 20170526-20170601\n# ----------------------------------------\n\nDay Index,Sessions\n"
                + "5/26/17,\"1,200\"\n26/05/2017,30\n");
        try (var upload = com.zoomfactor.backend.imports.files.Upload.open(file)) {
            assertThat(UA.recognises(upload)).isTrue();
            CollectedImport read = new CollectedImport();
            UA.read(upload, read);
            assertThat(read.of("web.sessions", null)).singleElement()
                    .extracting(CollectedImport.ReadPoint::value).isEqualTo(1200.0);
            assertThat(read.problems).extracting(p -> p.line() + ": " + p.message())
                    .containsExactly("8: Day Index: '26/05/2017' is not a date");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void doesNotClaimGa4OrSearchConsoleFiles() throws IOException {
        for (String resource : new String[] {"google/ga4/overview-totals.csv", "google/ga4/exploration.csv",
                "google/search-console/en/Queries.csv"}) {
            try (var upload = CollectedImport.upload(resource)) {
                assertThat(UA.recognises(upload)).as(resource).isFalse();
            }
        }
    }

    private static double period(CollectedImport read, String metric) {
        var points = read.of(metric, null);
        assertThat(points).as(metric).singleElement().satisfies(p -> {
            assertThat(p.start()).isEqualTo(START);
            assertThat(p.end()).isEqualTo(END);
        });
        return points.get(0).value();
    }
}
