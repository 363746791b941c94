package com.zoomfactor.backend.imports.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zoomfactor.backend.imports.files.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Mailchimp's audience export (a zip of members files, zipped here from the samples) and its campaign report CSV. */
public class MailchimpFormatsTest {

    private static final ExportFormat AUDIENCE = new MailchimpAudience();
    private static final ExportFormat CAMPAIGNS = new MailchimpCampaigns();
    private static final List<ExportFormat> MINE = List.of(new LinkedInContent(), new LinkedInFollowers(),
            new LinkedInVisitors(), AUDIENCE, CAMPAIGNS);
    private static final String[] AUDIENCE_FILES = {"subscribed_members_export_4f2a9c1b7e.csv",
            "unsubscribed_members_export_4f2a9c1b7e.csv", "cleaned_members_export_4f2a9c1b7e.csv"};

    private static LocalDate march(int day) {
        return LocalDate.of(2024, 3, day);
    }

    /** The audience export as Mailchimp sends it: the three members files in one zip. */
    public static Path audienceZip() {
        try {
            Path zip = Files.createTempFile("zf-mailchimp-audience", ".zip");
            zip.toFile().deleteOnExit();
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                for (String name : AUDIENCE_FILES) {
                    out.putNextEntry(new ZipEntry(name));
                    try (InputStream in = MailchimpFormatsTest.class.getResourceAsStream(
                            "/imports/mailchimp/audience/" + name)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CollectedImport read(Path file, ExportFormat expected) {
        try (Upload upload = Upload.open(file)) {
            ExportFormat format = Formats.recognise(upload).orElseThrow(() ->
                    new AssertionError("not recognised: " + Formats.describe(upload)));
            assertThat(format.key()).isEqualTo(expected.key());
            CollectedImport collected = new CollectedImport();
            format.read(upload, collected);
            return collected;
        }
    }

    private static List<Double> values(CollectedImport read, String metric) {
        return read.of(metric, null).stream().map(CollectedImport.ReadPoint::value).toList();
    }

    private static List<LocalDate> days(CollectedImport read, String metric) {
        return read.of(metric, null).stream().map(CollectedImport.ReadPoint::start).toList();
    }

    // ---- audience -----------------------------------------------------------------------------------------------

    @Test
    void audienceZipBecomesSubscriberCountsByDay() {
        CollectedImport read = read(audienceZip(), AUDIENCE);

        assertThat(read.problems).isEmpty();
        // Mar 1: Ann and Eve join; Mar 2: Bob and Fay; Mar 3: Cy joins, Eve unsubscribes; Mar 4: Dee last changed;
        // Mar 5: Fay is cleaned. Dee (imported, no opt-in time) is a subscriber from the first day.
        assertThat(days(read, "newsletter.subscribers")).containsExactly(march(1), march(2), march(3), march(4),
                march(5));
        assertThat(values(read, "newsletter.subscribers")).containsExactly(3.0, 5.0, 5.0, 5.0, 4.0);
        assertThat(values(read, "newsletter.new_subscribers")).containsExactly(2.0, 2.0, 1.0, 0.0, 0.0);
        assertThat(values(read, "newsletter.unsubscribes")).containsExactly(0.0, 0.0, 1.0, 0.0, 0.0);
        assertThat(read.points).hasSize(15);
        assertThat(read.points).allSatisfy(p -> assertThat(p.start()).isEqualTo(p.end()));
        assertThat(read.posts).isEmpty();
    }

    @Test
    void audiencePointsCarryNoMembersRow() {
        CollectedImport read = read(audienceZip(), AUDIENCE);

        // the counts name the file, line 0: no member's row (and so no address) travels with a point
        assertThat(read.points).allSatisfy(p -> {
            assertThat(p.line()).isZero();
            assertThat(p.sheet()).endsWith(".csv");
        });
    }

    @Test
    void aLoneSubscribedMembersFileIsReadToo() {
        CollectedImport read = CollectedImport.read("mailchimp/subscribed-members.csv", AUDIENCE);

        assertThat(read.problems).isEmpty();
        assertThat(values(read, "newsletter.subscribers")).containsExactly(2.0, 3.0, 4.0, 4.0);
        assertThat(values(read, "newsletter.new_subscribers")).containsExactly(1.0, 1.0, 1.0, 0.0);
        assertThat(values(read, "newsletter.unsubscribes")).containsExactly(0.0, 0.0, 0.0, 0.0);
    }

    @Test
    void aMemberWithAnUnreadableTimeIsAProblemNamingTheColumn() {
        CollectedImport read = CollectedImport.read("mailchimp/subscribed-members-bad.csv", AUDIENCE);

        assertThat(read.problems).containsExactly(
                new CollectedImport.Problem("the file", 2, "CONFIRM_TIME: 'yesterday' is not a date"));
    }

    // ---- campaigns ----------------------------------------------------------------------------------------------

    @Test
    void campaignReportSumsBySendDayWithRatesWeightedByDeliveries() {
        CollectedImport read = CollectedImport.read("mailchimp/campaigns.csv", CAMPAIGNS);
        assertCampaigns(read);
    }

    @Test
    void campaignReportResavedWithSemicolonsDecimalCommasAndBom() {
        CollectedImport read = CollectedImport.read("mailchimp/campaigns-semicolon.csv", CAMPAIGNS);
        assertCampaigns(read);
    }

    private static void assertCampaigns(CollectedImport read) {
        LocalDate april2 = LocalDate.of(2024, 4, 2);
        assertThat(read.problems).isEmpty();
        // the draft (no send date) writes nothing
        assertThat(days(read, "newsletter.emails_sent")).containsExactly(march(5), april2);
        assertThat(values(read, "newsletter.emails_sent")).containsExactly(1500.0, 1180.0);
        // (42.10% x 1000 + 30% x 500) / 1500
        assertThat(read.of("newsletter.open_rate", null).get(0).value()).isCloseTo(571.0 / 1500, within(1e-9));
        assertThat(read.of("newsletter.open_rate", null).get(1).value()).isCloseTo(0.5, within(1e-9));
        assertThat(read.of("newsletter.click_rate", null).get(0).value()).isCloseTo(72.0 / 1500, within(1e-9));
        assertThat(read.of("newsletter.click_rate", null).get(1).value()).isCloseTo(0.05, within(1e-9));
        assertThat(values(read, "newsletter.unsubscribes")).containsExactly(4.0, 2.0);
        assertThat(read.points).hasSize(8);
        assertThat(read.posts).isEmpty();
    }

    @Test
    void aCampaignWithABadDateOrNumberIsAProblemOnItsLine() {
        CollectedImport read = CollectedImport.read("mailchimp/campaigns-bad.csv", CAMPAIGNS);

        assertThat(read.problems).containsExactly(
                new CollectedImport.Problem("the file", 2, "Send Date: 'Mar 32, 2024 09:00 am' is not a date"),
                new CollectedImport.Problem("the file", 3, "Successful Deliveries: 'many' is not a number"));
        assertThat(values(read, "newsletter.emails_sent")).containsExactly(1180.0);
    }

    @Test
    void sendDatesAsMailchimpAndExcelWriteThem() {
        assertThat(MailchimpCampaigns.date("Mar 05, 2024 09:00 am")).contains(march(5));
        assertThat(MailchimpCampaigns.date("Jun 9, 2018 9:30 PM")).contains(LocalDate.of(2018, 6, 9));
        assertThat(MailchimpCampaigns.date("September 1, 2024 10:00 am")).contains(LocalDate.of(2024, 9, 1));
        assertThat(MailchimpCampaigns.date("2024-03-05 09:00:00")).contains(march(5));
        assertThat(MailchimpCampaigns.date("3/5/2024 9:00")).contains(march(5));
        assertThat(MailchimpCampaigns.date("soon")).isEmpty();
        assertThat(MailchimpAudience.date("2024-03-05 09:00:00")).contains(march(5));
        assertThat(MailchimpAudience.date("3/5/2024 9:00")).contains(march(5));
        assertThat(MailchimpAudience.date("2024-02-30 09:00:00")).isEmpty();
    }

    // ---- recognition --------------------------------------------------------------------------------------------

    @Test
    void eachFileIsRecognisedByItsOwnFormatOnly() {
        try (Upload zip = Upload.open(audienceZip());
             Upload campaigns = CollectedImport.upload("mailchimp/campaigns.csv");
             Upload members = CollectedImport.upload("mailchimp/subscribed-members.csv")) {
            for (ExportFormat format : MINE) {
                assertThat(format.recognises(zip)).as(format.key()).isEqualTo(format == AUDIENCE);
                assertThat(format.recognises(members)).as(format.key()).isEqualTo(format == AUDIENCE);
                assertThat(format.recognises(campaigns)).as(format.key()).isEqualTo(format == CAMPAIGNS);
            }
        }
    }

    @Test
    void otherCsvsAreNotRecognised() throws IOException {
        List<String> others = List.of(
                "date,metric,value\n2024-03-05,newsletter.emails_sent,1500\n",
                "date,newsletter.emails_sent,newsletter.open_rate\n2024-03-05,1500,0.38\n",
                // Klaviyo's campaign export looks alike but names its campaigns otherwise
                "Campaign Name,Subject,List,Send Time,Send Weekday,Total Recipients,Unique Opens,Open Rate\n"
                        + "Spring,Hi,Main,2024-03-05 09:00,Tuesday,100,40,40%\n",
                "Email Address,First Name,Last Name\nann@example.com,Ann,Lee\n");
        for (String csv : others) {
            Path file = Files.createTempFile("zf-other", ".csv");
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            try (Upload upload = Upload.open(file)) {
                assertThat(MINE).as(csv).noneMatch(format -> format.recognises(upload));
            }
        }
    }
}
