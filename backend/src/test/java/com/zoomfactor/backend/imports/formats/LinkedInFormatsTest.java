package com.zoomfactor.backend.imports.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.backend.imports.files.Upload;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * LinkedIn page analytics workbooks, built here with POI as LinkedIn lays them out (a description row above the
 * header, one sheet per table), in both the old {@code .xls} and the current {@code .xlsx}.
 */
public class LinkedInFormatsTest {

    private static final ExportFormat CONTENT = new LinkedInContent();
    private static final ExportFormat FOLLOWERS = new LinkedInFollowers();
    private static final ExportFormat VISITORS = new LinkedInVisitors();
    private static final List<ExportFormat> MINE = List.of(CONTENT, FOLLOWERS, VISITORS, new MailchimpAudience(),
            new MailchimpCampaigns());

    private static final LocalDate JAN_18 = LocalDate.of(2025, 1, 18);
    private static final LocalDate JAN_19 = LocalDate.of(2025, 1, 19);

    // ---- workbook building --------------------------------------------------------------------------------------

    /** Sheets by name, each a list of rows: a String is a text cell, a Number a numeric cell, a LocalDate a date cell. */
    public static Path workbook(boolean xls, Map<String, List<List<Object>>> sheets) {
        try (Workbook workbook = xls ? new HSSFWorkbook() : new XSSFWorkbook()) {
            CellStyle dates = workbook.createCellStyle();
            dates.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("m/d/yyyy"));
            sheets.forEach((name, rows) -> {
                Sheet sheet = workbook.createSheet(name);
                for (int r = 0; r < rows.size(); r++) {
                    Row row = sheet.createRow(r);
                    List<Object> cells = rows.get(r);
                    for (int c = 0; c < cells.size(); c++) {
                        Object value = cells.get(c);
                        if (value == null) {
                            continue;
                        }
                        Cell cell = row.createCell(c);
                        if (value instanceof Number number) {
                            cell.setCellValue(number.doubleValue());
                        } else if (value instanceof LocalDate date) {
                            cell.setCellValue(date);
                            cell.setCellStyle(dates);
                        } else {
                            cell.setCellValue(value.toString());
                        }
                    }
                }
            });
            Path file = Files.createTempFile("zf-linkedin-test", xls ? ".xls" : ".xlsx");
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }

    /** Recognises with the registry and reads with the format that must be the one recognised. */
    static CollectedImport read(Path file, ExportFormat expected) {
        try (Upload upload = Upload.open(file)) {
            ExportFormat format = Formats.recognise(upload).orElseThrow(() ->
                    new AssertionError("not recognised: " + Formats.describe(upload)));
            assertThat(format.key()).isEqualTo(expected.key());
            CollectedImport collected = new CollectedImport();
            format.read(upload, collected);
            return collected;
        }
    }

    private static double value(CollectedImport read, String metric, LocalDate day) {
        return read.of(metric, null).stream().filter(p -> p.start().equals(day) && p.end().equals(day))
                .findFirst().orElseThrow(() -> new AssertionError("no " + metric + " on " + day)).value();
    }

    private static Map<String, List<List<Object>>> sheets() {
        return new LinkedHashMap<>();
    }

    // ---- content ------------------------------------------------------------------------------------------------

    private static final List<Object> METRICS_HEADER = row("Date", "Impressions (organic)", "Impressions (sponsored)",
            "Impressions (total)", "Unique impressions (organic)", "Clicks (organic)", "Clicks (sponsored)",
            "Clicks (total)", "Reactions (organic)", "Reactions (sponsored)", "Reactions (total)", "Comments (organic)",
            "Comments (sponsored)", "Comments (total)", "Reposts (organic)", "Reposts (sponsored)", "Reposts (total)",
            "Engagement rate (organic)", "Engagement rate (sponsored)", "Engagement rate (total)");

    private static final List<Object> POSTS_HEADER = row("Post title", "Post link", "Post type", "Campaign name",
            "Posted by", "Created date", "Campaign start date", "Campaign end date", "Audience", "Impressions", "Views",
            "Offsite Views", "Clicks", "Click through rate (CTR)", "Likes", "Comments", "Reposts", "Follows",
            "Engagement rate", "Content Type");

    private static Map<String, List<List<Object>>> content() {
        Map<String, List<List<Object>>> sheets = sheets();
        sheets.put("Metrics", List.of(
                row("Aggregated metrics for the posts of your page, by day."),
                METRICS_HEADER,
                row("01/18/2025", 1200, 300, 1500, 900, 40, 10, 50, 30, 5, 35, 4, 1, 5, 2, 1, 3, 0.061, 0.05, 0.0653),
                row("01/19/2025", 800, 0, 800, 650, 20, 0, 20, 15, 0, 15, 2, 0, 2, 1, 0, 1, 0.0475, "", 0.0475)));
        sheets.put("All posts", List.of(
                row("Metrics for each post, over its lifetime."),
                POSTS_HEADER,
                row("We are hiring: join our data team", "https://www.linkedin.com/feed/update/urn:li:activity:7286000000000000001",
                        "Organic", "", "Ada Admin", "01/18/2025", "", "", "All followers", 1320, "", "", 44, 0.0333,
                        31, 4, 3, 2, 0.062, "Image"),
                row("Spring report & figures", "https://www.linkedin.com/feed/update/urn:li:activity:7286000000000000002",
                        "Sponsored", "Spring push", "Ada Admin", "01/19/2025", "01/19/2025", "01/31/2025", "Members",
                        "2,500", 120, 7, 60, 0.024, 40, "-", 5, 9, 0.05, "Text")));
        return sheets;
    }

    @Test
    void contentXlsxWritesDailyCountersFromMetricsAndPostsWithLifetimeCounters() {
        CollectedImport read = read(workbook(false, content()), CONTENT);

        assertThat(read.problems).isEmpty();
        assertThat(value(read, "linkedin.impressions", JAN_18)).isEqualTo(1500);
        assertThat(value(read, "linkedin.clicks", JAN_18)).isEqualTo(50);
        assertThat(value(read, "linkedin.reactions", JAN_18)).isEqualTo(35);
        assertThat(value(read, "linkedin.post_comments", JAN_18)).isEqualTo(5);
        assertThat(value(read, "linkedin.shares", JAN_18)).isEqualTo(3);
        assertThat(value(read, "linkedin.impressions", JAN_19)).isEqualTo(800);
        // the daily counters come from Metrics only: two days, five metrics, nothing from the posts
        assertThat(read.points).hasSize(10);
        assertThat(read.points).allSatisfy(p -> assertThat(p.sheet()).isEqualTo("Metrics"));
        assertThat(read.of("linkedin.impressions", null)).extracting(CollectedImport.ReadPoint::line)
                .containsExactly(3L, 4L);

        assertThat(read.posts).hasSize(2);
        ImportedPost hiring = read.posts.get(0);
        assertThat(hiring.channel()).isEqualTo("linkedin");
        assertThat(hiring.externalId()).isEqualTo("https://www.linkedin.com/feed/update/urn:li:activity:7286000000000000001");
        assertThat(hiring.url()).isEqualTo(hiring.externalId());
        assertThat(hiring.text()).isEqualTo("We are hiring: join our data team");
        assertThat(hiring.publishedAt()).isEqualTo(OffsetDateTime.of(2025, 1, 18, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(hiring.metrics()).containsExactlyInAnyOrderEntriesOf(
                Map.of("impressions", 1320L, "clicks", 44L, "likes", 31L, "comments", 4L, "shares", 3L));
        ImportedPost report = read.posts.get(1);
        assertThat(report.text()).isEqualTo("Spring report & figures");
        // "2,500" as text is 2500; "-" writes no counter
        assertThat(report.metrics()).containsExactlyInAnyOrderEntriesOf(
                Map.of("impressions", 2500L, "clicks", 60L, "likes", 40L, "shares", 5L));
    }

    @Test
    void contentXlsWithDateCellsOrganicOnlyAndOldColumnNames() {
        Map<String, List<List<Object>>> sheets = sheets();
        sheets.put("Update metrics", List.of(
                row("Aggregated metrics for your updates."),
                row("Date", "Impressions (organic)", "Unique impressions (organic)", "Clicks (organic)",
                        "Reactions (organic)", "Comments (organic)", "Shares (organic)", "Engagement rate (organic)"),
                row(JAN_18, 700, 500, 21, 12, 3, 2, 0.054),
                row(JAN_19, 650, 480, 18, 9, "", 1, 0.043),
                row("Total", 1350, 980, 39, 21, 3, 3, "")));
        sheets.put("Update engagement", List.of(
                row("Engagement for each update."),
                row("Update title", "Update link", "Update type", "Campaign name", "Posted by", "Created date",
                        "Campaign start date", "Campaign end date", "Audience", "Impressions", "Clicks",
                        "Click through rate (CTR)", "Likes", "Comments", "Shares", "Follows", "Engagement rate"),
                row("Old update", "https://www.linkedin.com/feed/update/urn:li:activity:6500000000000000001",
                        "Organic", "", "Bo", JAN_18, "", "", "All followers", 700, 21, 0.03, 12, 3, 2, 0, 0.054)));

        CollectedImport read = read(workbook(true, sheets), CONTENT);

        assertThat(read.problems).isEmpty();
        assertThat(value(read, "linkedin.impressions", JAN_18)).isEqualTo(700);
        assertThat(value(read, "linkedin.shares", JAN_18)).isEqualTo(2);
        assertThat(value(read, "linkedin.clicks", JAN_19)).isEqualTo(18);
        // an empty cell is no value, and the totals row is skipped
        assertThat(read.of("linkedin.post_comments", null)).hasSize(1);
        assertThat(read.points).hasSize(9);
        assertThat(read.posts).singleElement().satisfies(post -> {
            assertThat(post.publishedAt().toLocalDate()).isEqualTo(JAN_18);
            assertThat(post.metrics()).containsEntry("shares", 2L).containsEntry("likes", 12L);
        });
    }

    @Test
    void aBadRowNamesItsSheetRowAndColumn() {
        Map<String, List<List<Object>>> sheets = sheets();
        sheets.put("Metrics", List.of(
                row("Aggregated metrics for the posts of your page, by day."),
                METRICS_HEADER,
                row("02/31/2025", 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                row("01/19/2025", 1, 0, "lots", 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        sheets.put("All posts", List.of(row("Posts."), POSTS_HEADER,
                row("A post", "https://www.linkedin.com/feed/update/urn:li:activity:1", "Organic", "", "Ada",
                        "yesterday", "", "", "", 10, "", "", 1, 0.1, 1, 0, 0, 0, 0.1, "Text")));

        CollectedImport read = read(workbook(false, sheets), CONTENT);

        assertThat(read.problems).containsExactly(
                new CollectedImport.Problem("Metrics", 3, "Date: '02/31/2025' is not a date"),
                new CollectedImport.Problem("Metrics", 4, "Impressions (total): 'lots' is not a number"),
                new CollectedImport.Problem("All posts", 3, "Created date: 'yesterday' is not a date"));
        assertThat(read.posts).isEmpty();
    }

    // ---- followers ----------------------------------------------------------------------------------------------

    @Test
    void followersWritesTheDaysNewFollowersAndIgnoresDemographics() {
        for (boolean xls : new boolean[] {false, true}) {
            Map<String, List<List<Object>>> sheets = sheets();
            sheets.put("New followers", List.of(
                    row("New followers of your page by day, sponsored and organic."),
                    row("Date", "Sponsored followers", "Organic followers", "Auto-invited followers", "Total followers"),
                    row("01/18/2025", 1, 6, 0, 7),
                    row(JAN_19, 0, 3, 2, 5)));
            sheets.put("Location", List.of(row("Followers by location."), row("Location", "Total followers"),
                    row("Greater Paris Metropolitan Region", 420)));
            sheets.put("Job function", List.of(row("Followers by job function."), row("Job function", "Total followers"),
                    row("Marketing", 300)));

            CollectedImport read = read(workbook(xls, sheets), FOLLOWERS);

            assertThat(read.problems).isEmpty();
            assertThat(read.points).hasSize(2);
            assertThat(value(read, "linkedin.new_followers", JAN_18)).isEqualTo(7);
            assertThat(value(read, "linkedin.new_followers", JAN_19)).isEqualTo(5);
            assertThat(read.of("linkedin.followers", null)).isEmpty();
        }
    }

    // ---- visitors -----------------------------------------------------------------------------------------------

    @Test
    void visitorsWritesPageWideViewsAndUniqueVisitors() {
        for (boolean xls : new boolean[] {true, false}) {
            Map<String, List<List<Object>>> sheets = sheets();
            sheets.put("Visitor metrics", List.of(
                    row("Visitors of your page by day, by section and device."),
                    row("Date", "Overview page views (desktop)", "Overview page views (mobile)",
                            "Overview page views (total)", "Overview unique visitors (desktop)",
                            "Overview unique visitors (mobile)", "Overview unique visitors (total)",
                            "Total page views (desktop)", "Total page views (mobile)", "Total page views (total)",
                            "Total unique visitors (desktop)", "Total unique visitors (mobile)",
                            "Total unique visitors (total)"),
                    row("01/18/2025", 10, 5, 15, 6, 3, 9, 30, 12, 42, 14, 8, 21),
                    row(JAN_19, 4, 0, 4, 2, 0, 2, 9, 1, 10, 5, 1, 6)));
            sheets.put("Industry", List.of(row("Visitors by industry."), row("Industry", "Total views"),
                    row("Software Development", 30)));

            CollectedImport read = read(workbook(xls, sheets), VISITORS);

            assertThat(read.problems).isEmpty();
            assertThat(read.points).hasSize(4);
            assertThat(value(read, "linkedin.page_views", JAN_18)).isEqualTo(42);
            assertThat(value(read, "linkedin.unique_visitors", JAN_18)).isEqualTo(21);
            assertThat(value(read, "linkedin.page_views", JAN_19)).isEqualTo(10);
            assertThat(value(read, "linkedin.unique_visitors", JAN_19)).isCloseTo(6, within(1e-9));
        }
    }

    // ---- recognition --------------------------------------------------------------------------------------------

    @Test
    void aWorkbookWithNoRecognisableSheetIsNotRecognised() {
        Map<String, List<List<Object>>> sheets = sheets();
        sheets.put("Sheet1", List.of(row("Budget 2025"), row("Month", "Spend", "Impressions"), row("January", 10, 100)));
        sheets.put("ENGAGEMENT", List.of(row("Date", "Impressions", "Engagements"), row("1/18/2025", 10, 1)));
        try (Upload upload = Upload.open(workbook(false, sheets))) {
            assertThat(MINE).noneMatch(format -> format.recognises(upload));
        }
    }

    @Test
    void eachExportIsRecognisedByItsOwnFormatOnly() {
        Map<ExportFormat, Path> files = Map.of(CONTENT, workbook(false, content()),
                FOLLOWERS, workbook(true, Map.of("New followers", List.of(row("d"),
                        row("Date", "Sponsored followers", "Organic followers", "Total followers"),
                        row("01/18/2025", 0, 1, 1)))),
                VISITORS, workbook(false, Map.of("Visitor metrics", List.of(row("d"),
                        row("Date", "Total page views (total)", "Total unique visitors (total)"),
                        row("01/18/2025", 2, 1)))));
        files.forEach((expected, file) -> {
            try (Upload upload = Upload.open(file)) {
                for (ExportFormat format : MINE) {
                    assertThat(format.recognises(upload)).as(format.key() + " on " + expected.key())
                            .isEqualTo(format == expected);
                }
            }
        });
    }

    @Test
    void theProductsOwnCsvIsNotRecognised() throws IOException {
        for (String csv : List.of("date,metric,value\n2025-01-18,linkedin.impressions,10\n",
                "date,linkedin.impressions,linkedin.clicks\n2025-01-18,10,2\n")) {
            Path file = Files.createTempFile("zf-product", ".csv");
            file.toFile().deleteOnExit();
            Files.writeString(file, csv, StandardCharsets.UTF_8);
            try (Upload upload = Upload.open(file)) {
                assertThat(MINE).noneMatch(format -> format.recognises(upload));
            }
        }
    }

    @Test
    void usDatesAndIsoDatesAreDays() {
        assertThat(LinkedInWorkbook.date("01/18/2025")).contains(JAN_18);
        assertThat(LinkedInWorkbook.date("1/8/2025")).contains(LocalDate.of(2025, 1, 8));
        assertThat(LinkedInWorkbook.date("2025-01-18")).contains(JAN_18);
        assertThat(LinkedInWorkbook.date("2025-01-18T10:30")).contains(JAN_18);
        assertThat(LinkedInWorkbook.date("18/01/2025")).isEmpty();
        assertThat(LinkedInWorkbook.date("")).isEmpty();
    }
}
