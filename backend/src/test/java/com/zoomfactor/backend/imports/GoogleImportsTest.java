package com.zoomfactor.backend.imports;

import static com.zoomfactor.backend.imports.ImportCalls.bytes;
import static com.zoomfactor.backend.imports.ImportCalls.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.backend.imports.formats.SearchConsolePerformanceTest;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Google's exports through {@code POST /api/clients/{id}/imports}, each on a fresh client: GA4 report downloads
 * (totals → one period point over the stated range; a Date dimension → daily points; a page dimension → breakdown
 * lines; an Exploration with its Grand total row), Universal Analytics (thousands separators, {@code 00:01:45},
 * {@code 12.14%}), and Search Console (the zip in English, the French one). Each proves: the dry run recognises the
 * format and writes nothing; the import stores the exact values (asserted through GET observations, periods and
 * dimensions, not through the import's own answer) with the format key as source; importing the same file again
 * inserts and updates nothing; an overlapping newer export updates only the overlapping days.
 */
class GoogleImportsTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private ImportCalls imports;

    @BeforeEach
    void setUp() {
        Accounts accounts = live.accounts();
        Session owner = accounts.signUp("Google Imports");
        imports = new ImportCalls(live, owner, accounts.createClient(owner, "Google Client"));
    }

    @Test
    void ga4TotalsAreOnePeriodPointOverTheStatedRange() {
        JsonObject done = imports.roundTrip(resource("google/ga4/overview-totals.csv"), "ga4-report");
        assertThat(done.getLong("points")).isEqualTo(9);
        assertThat(imports.period("web.unique_visitors", "2024-01-01", "2024-01-31", null)).isEqualTo(1234);
        assertThat(imports.period("web.engagement_rate", "2024-01-01", "2024-01-31", null)).isEqualTo(0.4213);
        assertThat(imports.period("web.time_on_page", "2024-01-01", "2024-01-31", null)).isEqualTo(63.25);
        assertThat(imports.day("web.unique_visitors", "2024-01-15")).as("a total is no day's value").isNull();
    }

    @Test
    void ga4DailyReportWithOldNamesThenAnOverlappingNewerExport() {
        JsonObject done = imports.roundTrip(resource("google/ga4/daily-old-names.csv"), "ga4-report");
        assertThat(done.getLong("points")).isEqualTo(16);
        assertThat(imports.day("web.unique_visitors", "2023-03-02")).isEqualTo(98);
        assertThat(imports.day("web.key_events", "2023-03-01")).as("Conversions, the old name").isEqualTo(3);
        assertThat(imports.day("web.key_events", "2023-03-02")).as("'-' is no value").isNull();
        assertThat(imports.day("web.pageviews", "2023-03-02")).as("an empty cell is no value").isNull();

        String newer = """
                # ----------------------------------------
                # Engagement overview
                # ----------------------------------------
                # Start date: 20230302
                # End date: 20230304
                Date,Users,Sessions,Views,Bounce rate,Average engagement time,Conversions
                20230302,99,120,,0.5,38,-
                20230303,110,141,300,0.4,44.25,5
                20230304,90,100,200,0.3,30,1
                """;
        JsonObject overlap = imports.upload(newer.getBytes(StandardCharsets.UTF_8), false).bodyAsJsonObject();
        assertThat(overlap.getLong("updated")).as("the one changed day").isEqualTo(1);
        assertThat(overlap.getLong("inserted")).as("the new day's six values").isEqualTo(6);
        assertThat(overlap.getLong("unchanged")).isEqualTo(12 - 1 - 2);
        assertThat(imports.day("web.unique_visitors", "2023-03-01")).as("outside the newer export").isEqualTo(101);
        assertThat(imports.day("web.unique_visitors", "2023-03-02")).isEqualTo(99);
        assertThat(imports.day("web.unique_visitors", "2023-03-04")).isEqualTo(90);
    }

    @Test
    void ga4PagesAreBreakdownLinesOverTheRange() {
        imports.roundTrip(resource("google/ga4/pages.csv"), "ga4-report");
        assertThat(imports.period("web.pageviews", "2024-01-01", "2024-01-31", "/pricing")).isEqualTo(1200);
        assertThat(imports.period("web.pageviews", "2024-01-01", "2024-01-31", "/blog/hello, world")).isEqualTo(300);
        JsonArray lines = imports.dimensions("web.pageviews", "2024-01-01", "2024-01-31");
        assertThat(lines).extracting(line -> ((JsonObject) line).getString("dimension") + "="
                + ((JsonObject) line).getDouble("value")).containsExactly("/=2500.0", "/pricing=1200.0",
                "/blog/hello, world=300.0");
    }

    @Test
    void ga4ExplorationSkipsItsGrandTotal() {
        JsonObject done = imports.roundTrip(resource("google/ga4/exploration.csv"), "ga4-report");
        assertThat(done.getLong("points")).isEqualTo(12);
        assertThat(imports.day("web.unique_visitors", "2024-02-01")).isEqualTo(120);
    }

    @Test
    void universalAnalyticsWithThousandsSeparatorsDurationsAndPercentages() {
        imports.roundTrip(resource("google/ua/audience-overview.csv"), "ua-report");
        assertThat(imports.day("web.unique_visitors", "2017-05-28")).as("\"1,021\"").isEqualTo(1021);
        assertThat(imports.period("web.sessions", "2017-05-26", "2017-06-01", null)).isEqualTo(3873);
        assertThat(imports.period("web.time_on_page", "2017-05-26", "2017-06-01", null)).as("00:01:45")
                .isEqualTo(105);
        assertThat(imports.period("web.bounce_rate", "2017-05-26", "2017-06-01", null)).as("12.14%")
                .isCloseTo(0.1214, within(1e-9));
    }

    @Test
    void universalAnalyticsPages() {
        imports.roundTrip(resource("google/ua/pages.csv"), "ua-report");
        assertThat(imports.period("web.pageviews", "2017-05-01", "2017-05-31", "/about")).isEqualTo(812);
    }

    @Test
    void searchConsoleZipThenANewerOverlappingOne() throws IOException {
        Path zip = SearchConsolePerformanceTest.zip(Map.of("Queries.csv", "en/Queries.csv", "Pages.csv",
                "en/Pages.csv", "Countries.csv", "en/Countries.csv", "Dates.csv", "en/Dates.csv", "Filters.csv",
                "en/Filters.csv"));
        try {
            JsonObject done = imports.roundTrip(bytes(zip), "search-console");
            assertThat(done.getLong("points")).isEqualTo(24);
            assertThat(done.getString("readAs")).startsWith("zip");
        } finally {
            Files.deleteIfExists(zip);
        }
        assertThat(imports.day("search.clicks", "2024-01-02")).isEqualTo(61);
        assertThat(imports.day("search.ctr", "2024-01-03")).isEqualTo(0.0417);
        assertThat(imports.period("search.impressions", "2024-01-01", "2024-01-03", "widgets, blue")).isEqualTo(10450);
        assertThat(imports.period("search.ctr", "2024-01-01", "2024-01-03", "widgets, blue")).isEqualTo(0.0043);
        JsonArray queries = imports.dimensions("search.impressions", "2024-01-01", "2024-01-03");
        assertThat(queries).extracting(q -> ((JsonObject) q).getString("dimension"))
                .containsExactly("widgets, blue", "acme widgets", "best widget 2024");

        // a newer lone Dates file: Jan 3 corrected, Jan 4 new, Jan 2 the same
        String dates = """
                Date,Clicks,Impressions,CTR,Position
                2024-01-04,70,1400,5%,6.5
                2024-01-03,52,1200,4.17%,7.1
                2024-01-02,61,1300,4.69%,6.9
                """;
        JsonObject overlap = imports.upload(dates.getBytes(StandardCharsets.UTF_8), false).bodyAsJsonObject();
        assertThat(overlap.getJsonObject("format").getString("key")).isEqualTo("search-console");
        assertThat(overlap.getLong("inserted")).isEqualTo(4);
        assertThat(overlap.getLong("updated")).isEqualTo(1);
        assertThat(overlap.getLong("unchanged")).isEqualTo(7);
        assertThat(imports.day("search.clicks", "2024-01-03")).isEqualTo(52);
        assertThat(imports.day("search.clicks", "2024-01-04")).isEqualTo(70);
        assertThat(imports.day("search.clicks", "2024-01-01")).isEqualTo(54);
    }

    @Test
    void searchConsoleInFrench() throws IOException {
        Path zip = SearchConsolePerformanceTest.zip(Map.of("Requêtes.csv", "fr/Requetes.csv", "Graphique.csv",
                "fr/Graphique.csv", "Filtres.csv", "fr/Filtres.csv"));
        try {
            imports.roundTrip(bytes(zip), "search-console");
        } finally {
            Files.deleteIfExists(zip);
        }
        assertThat(imports.day("search.ctr", "2024-01-01")).as("\"4,91 %\"").isCloseTo(0.0491, within(1e-9));
        assertThat(imports.day("search.avg_position", "2024-01-02")).as("\"6,9\"").isEqualTo(6.9);
    }
}
