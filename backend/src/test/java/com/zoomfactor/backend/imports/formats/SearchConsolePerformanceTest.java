package com.zoomfactor.backend.imports.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.backend.imports.files.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

public class SearchConsolePerformanceTest {

    private static final SearchConsolePerformance GSC = new SearchConsolePerformance();
    private static final LocalDate JAN_1 = LocalDate.of(2024, 1, 1);
    private static final LocalDate JAN_3 = LocalDate.of(2024, 1, 3);

    private Path zip;

    @AfterEach
    void removeZip() throws IOException {
        if (zip != null) {
            Files.deleteIfExists(zip);
        }
    }

    @Test
    void theZipGivesDailyTotalsAndQueriesOverTheChartsRange() throws IOException {
        CollectedImport read = readZip(Map.of("Queries.csv", "en/Queries.csv", "Pages.csv", "en/Pages.csv",
                "Countries.csv", "en/Countries.csv", "Dates.csv", "en/Dates.csv", "Filters.csv", "en/Filters.csv"));

        assertThat(read.problems).isEmpty();
        assertThat(read.of("search.clicks", null)).extracting(p -> p.start() + "=" + p.value())
                .containsExactly("2024-01-03=50.0", "2024-01-02=61.0", "2024-01-01=54.0");
        assertThat(read.of("search.ctr", null).get(0).value()).isEqualTo(0.0417);
        assertThat(read.of("search.avg_position", null).get(2).value()).isEqualTo(7.4);
        // "Last 3 months" states no dates: the queries cover the chart's first to last day
        var query = read.of("search.impressions", "widgets, blue");
        assertThat(query).singleElement().satisfies(p -> {
            assertThat(p.value()).isEqualTo(10450);
            assertThat(p.start()).isEqualTo(JAN_1);
            assertThat(p.end()).isEqualTo(JAN_3);
        });
        assertThat(read.of("search.ctr", "widgets, blue").get(0).value()).isEqualTo(0.0043);
        assertThat(read.of("search.avg_position", "widgets, blue").get(0).value()).isEqualTo(8.75);
        assertThat(read.of("search.clicks", "best widget 2024").get(0).value()).isEqualTo(0);
        // pages and countries are not read: 3 days and 3 queries, 4 metrics each
        assertThat(read.points).hasSize(24);
    }

    @Test
    void filtersWithDatesGiveTheQueriesRangeAndChartIsTheNewerName() throws IOException {
        CollectedImport read = readZip(Map.of("Queries.csv", "en/Queries.csv", "Chart.csv", "en/Dates.csv",
                "Filters.csv", "en/Filters-dates.csv"));

        assertThat(read.problems).isEmpty();
        assertThat(read.of("search.clicks", "acme widgets")).singleElement().satisfies(p -> {
            assertThat(p.value()).isEqualTo(120);
            assertThat(p.start()).isEqualTo(LocalDate.of(2023, 12, 1));
            assertThat(p.end()).isEqualTo(JAN_3);
        });
        assertThat(read.of("search.clicks", null)).hasSize(3);
    }

    @Test
    void aFiltersDateRowWithWrittenDatesGivesTheRange() throws IOException {
        CollectedImport read = readZip(Map.of("Queries.csv", "en/Queries.csv", "Filters.csv",
                "en/Filters-written.csv"));

        assertThat(read.problems).isEmpty();
        assertThat(read.points).hasSize(12).allSatisfy(p -> {
            assertThat(p.start()).isEqualTo(LocalDate.of(2023, 12, 1));
            assertThat(p.end()).isEqualTo(JAN_3);
            assertThat(p.dimension()).isNotNull();
        });
    }

    @Test
    void frenchHeadersAndDecimalCommasRead() throws IOException {
        CollectedImport read = readZip(Map.of("Requêtes.csv", "fr/Requetes.csv", "Graphique.csv", "fr/Graphique.csv",
                "Filtres.csv", "fr/Filtres.csv"));

        assertThat(read.problems).isEmpty();
        assertThat(read.of("search.ctr", "widgets, bleus").get(0).value()).isEqualTo(0.0043);
        assertThat(read.of("search.avg_position", "widgets acme")).singleElement().satisfies(p -> {
            assertThat(p.value()).isEqualTo(3.2);
            assertThat(p.start()).isEqualTo(JAN_1);
            assertThat(p.end()).isEqualTo(LocalDate.of(2024, 1, 2));
        });
        assertThat(read.of("search.ctr", null).get(0).value()).isCloseTo(0.0491, within(1e-9));
        assertThat(read.of("search.avg_position", null).get(1).value()).isEqualTo(6.9);
        assertThat(read.points).hasSize(16);
    }

    @Test
    void aGermanChartWithBomAndSemicolonsReads() throws IOException {
        Path file = Files.createTempFile("gsc", ".csv");
        Files.writeString(file, "\uFEFFDatum;Klicks;Impressionen;CTR;Position\r\n2024-01-01;5;1.100;4,5 %;3,5\r\n");
        try (Upload upload = Upload.open(file)) {
            assertThat(Formats.recognise(upload)).get().extracting(ExportFormat::key).isEqualTo(GSC.key());
            CollectedImport read = new CollectedImport();
            GSC.read(upload, read);
            assertThat(read.problems).isEmpty();
            assertThat(read.of("search.impressions", null).get(0).value()).isEqualTo(1100);
            assertThat(read.of("search.ctr", null).get(0).value()).isCloseTo(0.045, within(1e-9));
            assertThat(read.of("search.avg_position", null).get(0).value()).isEqualTo(3.5);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aLoneDatesFileGivesDailyTotals() {
        CollectedImport read = CollectedImport.read("google/search-console/en/Dates.csv", GSC);

        assertThat(read.problems).isEmpty();
        assertThat(read.points).hasSize(12).allSatisfy(p -> assertThat(p.dimension()).isNull());
        assertThat(read.of("search.impressions", null).get(1).value()).isEqualTo(1300);
    }

    @Test
    void aLoneQueriesFileIsAProblemRatherThanAGuessedRange() {
        CollectedImport read = CollectedImport.read("google/search-console/en/Queries.csv", GSC);

        assertThat(read.points).isEmpty();
        assertThat(read.problems).singleElement().satisfies(p ->
                assertThat(p.message()).contains("date range the file does not state"));
    }

    @Test
    void aLonePagesFileSaysTheCatalogueBreaksSearchDownByQueryOnly() {
        CollectedImport read = CollectedImport.read("google/search-console/en/Pages.csv", GSC);

        assertThat(read.points).isEmpty();
        assertThat(read.problems).singleElement().satisfies(p -> assertThat(p.message()).contains("by query only"));
    }

    @Test
    void aBadDateOrNumberIsAProblemByLine() throws IOException {
        Path file = Files.createTempFile("gsc", ".csv");
        Files.writeString(file, "Date,Clicks,Impressions,CTR,Position\n2024-01-01,5,100,5%,3\n2024-02-30,5,100,5%,3\n"
                + "2024-01-03,five,100,5%,3\n");
        try (Upload upload = Upload.open(file)) {
            CollectedImport read = new CollectedImport();
            GSC.read(upload, read);
            assertThat(read.problems).extracting(p -> p.line() + ": " + p.message()).containsExactly(
                    "3: Date: '2024-02-30' is not a date", "4: Clicks: 'five' is not a number");
            assertThat(read.of("search.clicks", null)).hasSize(1);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void doesNotClaimAnalyticsFiles() throws IOException {
        for (String resource : new String[] {"google/ga4/overview-totals.csv", "google/ua/audience-overview.csv",
                "google/search-console/en/Filters.csv"}) {
            try (Upload upload = CollectedImport.upload(resource)) {
                assertThat(GSC.recognises(upload)).as(resource).isFalse();
            }
        }
    }

    /** Zips test resources under google/search-console/ as the named entries, recognises and reads the zip. */
    private CollectedImport readZip(Map<String, String> entries) throws IOException {
        zip = zip(entries);
        try (Upload upload = Upload.open(zip)) {
            assertThat(Formats.recognise(upload)).get().extracting(ExportFormat::key).isEqualTo(GSC.key());
            CollectedImport read = new CollectedImport();
            GSC.read(upload, read);
            return read;
        }
    }

    /** A temporary zip of test resources under google/search-console/, as the named entries (the caller deletes it). */
    public static Path zip(Map<String, String> entries) throws IOException {
        Path zip = Files.createTempFile("gsc", ".zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipped = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : new LinkedHashMap<>(entries).entrySet()) {
                zipped.putNextEntry(new ZipEntry(entry.getKey()));
                try (InputStream in = SearchConsolePerformanceTest.class.getResourceAsStream(
                        "/imports/google/search-console/" + entry.getValue())) {
                    in.transferTo(zipped);
                }
                zipped.closeEntry();
            }
        }
        return zip;
    }
}
