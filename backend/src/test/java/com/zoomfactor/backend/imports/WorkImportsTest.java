package com.zoomfactor.backend.imports;

import static com.zoomfactor.backend.imports.ImportCalls.bytes;
import static com.zoomfactor.backend.imports.ImportCalls.resource;
import static com.zoomfactor.backend.imports.formats.LinkedInFormatsTest.row;
import static com.zoomfactor.backend.imports.formats.LinkedInFormatsTest.workbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.backend.imports.formats.MailchimpFormatsTest;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LinkedIn page analytics workbooks (.xlsx and .xls: content with its posts, followers, visitors) and Mailchimp
 * exports (the audience zip, the campaign report, also re-saved with semicolons and decimal commas) through
 * {@code POST /api/clients/{id}/imports}, each on a fresh client. Each proves: the dry run recognises the format and
 * writes nothing; the import stores exact values (read back through GET observations and GET posts) with the format
 * key as source; the same file again inserts and updates nothing; a newer workbook overlapping the first updates only
 * the overlapping days.
 */
class WorkImportsTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final LocalDate JAN_19 = LocalDate.of(2025, 1, 19);

    private ImportCalls imports;

    @BeforeEach
    void setUp() {
        Accounts accounts = live.accounts();
        Session owner = accounts.signUp("Work Imports");
        imports = new ImportCalls(live, owner, accounts.createClient(owner, "Work Client"));
    }

    private static Map<String, List<List<Object>>> content(Object jan19Impressions) {
        Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
        sheets.put("Metrics", List.of(
                row("Aggregated metrics for the posts of your page, by day."),
                row("Date", "Impressions (organic)", "Impressions (sponsored)", "Impressions (total)",
                        "Clicks (total)", "Reactions (total)", "Comments (total)", "Reposts (total)"),
                row("01/18/2025", 1200, 300, 1500, 50, 35, 5, 3),
                row("01/19/2025", 800, 0, jan19Impressions, 20, 15, 2, 1)));
        sheets.put("All posts", List.of(
                row("Metrics for each post, over its lifetime."),
                row("Post title", "Post link", "Post type", "Created date", "Impressions", "Clicks", "Likes",
                        "Comments", "Reposts"),
                row("We are hiring: join our data team",
                        "https://www.linkedin.com/feed/update/urn:li:activity:7286000000000000001", "Organic",
                        "01/18/2025", 1320, 44, 31, 4, 3)));
        return sheets;
    }

    @Test
    void linkedInContentXlsxThenANewerOverlappingWorkbook() {
        JsonObject done = imports.roundTrip(bytes(workbook(false, content(800))), "linkedin-content");
        assertThat(done.getString("readAs")).startsWith("workbook");
        assertThat(imports.day("linkedin.impressions", "2025-01-18")).isEqualTo(1500);
        assertThat(imports.day("linkedin.impressions", "2025-01-19")).isEqualTo(800);
        assertThat(imports.day("linkedin.shares", "2025-01-18")).isEqualTo(3);
        JsonObject post = imports.post("https://www.linkedin.com/feed/update/urn:li:activity:7286000000000000001");
        assertThat(post.getString("channel")).isEqualTo("linkedin");
        assertThat(post.getString("text")).isEqualTo("We are hiring: join our data team");
        assertThat(post.getJsonObject("metrics")).isEqualTo(new JsonObject().put("impressions", 1320)
                .put("clicks", 44).put("likes", 31).put("comments", 4).put("shares", 3));

        // the same days exported again later, as .xls, Jan 19's impressions corrected
        JsonObject newer = imports.upload(bytes(workbook(true, content(850))), false).bodyAsJsonObject();
        assertThat(newer.getJsonObject("format").getString("key")).isEqualTo("linkedin-content");
        assertThat(newer.getLong("inserted")).isZero();
        assertThat(newer.getLong("updated")).isEqualTo(1);
        assertThat(imports.day("linkedin.impressions", "2025-01-19")).isEqualTo(850);
        assertThat(imports.day("linkedin.impressions", "2025-01-18")).isEqualTo(1500);
    }

    @Test
    void linkedInFollowersXls() {
        Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
        sheets.put("New followers", List.of(
                row("New followers of your page by day, sponsored and organic."),
                row("Date", "Sponsored followers", "Organic followers", "Auto-invited followers", "Total followers"),
                row("01/18/2025", 1, 6, 0, 7),
                row(JAN_19, 0, 3, 2, 5)));
        sheets.put("Location", List.of(row("Followers by location."), row("Location", "Total followers"),
                row("Greater Paris Metropolitan Region", 420)));
        imports.roundTrip(bytes(workbook(true, sheets)), "linkedin-followers");
        assertThat(imports.day("linkedin.new_followers", "2025-01-18")).isEqualTo(7);
        assertThat(imports.day("linkedin.new_followers", "2025-01-19")).isEqualTo(5);
    }

    @Test
    void linkedInVisitorsXlsx() {
        Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
        sheets.put("Visitor metrics", List.of(
                row("Visitors of your page by day, by section and device."),
                row("Date", "Overview page views (total)", "Overview unique visitors (total)",
                        "Total page views (desktop)", "Total page views (mobile)", "Total page views (total)",
                        "Total unique visitors (desktop)", "Total unique visitors (mobile)",
                        "Total unique visitors (total)"),
                row("01/18/2025", 15, 9, 30, 12, 42, 14, 8, 21),
                row(JAN_19, 4, 2, 9, 1, 10, 5, 1, 6)));
        JsonObject done = imports.roundTrip(bytes(workbook(false, sheets)), "linkedin-visitors");
        assertThat(done.getLong("points")).isEqualTo(4);
        assertThat(imports.day("linkedin.page_views", "2025-01-18")).isEqualTo(42);
        assertThat(imports.day("linkedin.unique_visitors", "2025-01-19")).isEqualTo(6);
    }

    @Test
    void mailchimpAudienceZip() {
        JsonObject done = imports.roundTrip(bytes(MailchimpFormatsTest.audienceZip()), "mailchimp-audience");
        assertThat(done.getLong("points")).isEqualTo(15);
        assertThat(imports.day("newsletter.subscribers", "2024-03-01")).isEqualTo(3);
        assertThat(imports.day("newsletter.subscribers", "2024-03-05")).isEqualTo(4);
        assertThat(imports.day("newsletter.unsubscribes", "2024-03-03")).isEqualTo(1);
        assertThat(done.getJsonArray("preview").toString()).as("no member's address travels").doesNotContain("@");
    }

    @Test
    void mailchimpCampaigns() {
        imports.roundTrip(resource("mailchimp/campaigns.csv"), "mailchimp-campaigns");
        assertThat(imports.day("newsletter.emails_sent", "2024-03-05")).isEqualTo(1500);
        assertThat(imports.day("newsletter.open_rate", "2024-03-05")).isCloseTo(571.0 / 1500, within(1e-9));
        assertThat(imports.day("newsletter.emails_sent", "2024-04-02")).isEqualTo(1180);
    }

    @Test
    void mailchimpCampaignsResavedWithSemicolonsGiveTheSameValues() {
        imports.roundTrip(resource("mailchimp/campaigns.csv"), "mailchimp-campaigns");
        JsonObject again = imports.upload(resource("mailchimp/campaigns-semicolon.csv"), false).bodyAsJsonObject();
        assertThat(again.getJsonObject("format").getString("key")).isEqualTo("mailchimp-campaigns");
        assertThat(again.getLong("inserted")).isZero();
        assertThat(again.getLong("updated")).as("the same numbers, written otherwise").isZero();
        assertThat(again.getLong("unchanged")).isEqualTo(8);
    }
}
