package com.zoomfactor.backend.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.MailBox;
import com.zoomfactor.backend.testing.MailBox.Mail;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The e-mails the product sends, as a real SMTP server receives them: invitations, mentions, alerts, digests. */
class EmailDeliveryTest {

    static final MailBox mail = new MailBox();
    @RegisterExtension
    static final LiveServer live = new LiveServer(mail.configure());

    private static final String SETTINGS = "<" + MailBox.APP_URL + "/settings/notifications>";
    private static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);

    @AfterAll
    static void stopMail() {
        mail.close();
    }

    private static Http http() {
        return live.http();
    }

    private static HttpResponse<Buffer> call(HttpMethod method, String path, Session who, JsonObject body) {
        return http().call(method, path, who.accessToken(), body);
    }

    @Test
    void anInvitationIsEmailedWithItsLinkInBothPartsAndTheLinkWorks() throws Exception {
        Session owner = live.accounts().signUp("Invite & Co");
        String invitee = Accounts.uniqueEmail("invitee");
        HttpResponse<Buffer> invited = call(HttpMethod.POST, "/api/members/invitations", owner, new JsonObject()
                .put("email", invitee).put("role", "analyst"));
        assertThat(invited.statusCode()).as(invited.bodyAsString()).isEqualTo(201);
        JsonObject answer = invited.bodyAsJsonObject();
        assertThat(answer.getBoolean("emailed")).isTrue();
        assertThat(answer.getJsonObject("mail").getBoolean("configured")).isTrue();
        String acceptUrl = answer.getString("acceptUrl");
        assertThat(acceptUrl).as("the link stays copyable").startsWith(MailBox.APP_URL + "/accept-invitation#zfi_");

        Mail email = mail.await(invitee, 1).get(0);
        assertThat(email.header("From")).contains("zf@test.example");
        assertThat(email.subject()).contains("Invite & Co").contains("Owner of Invite & Co");
        assertThat(email.header("X-ZoomFactor-Delivery")).matches("[0-9a-f-]{36}");
        assertThat(email.header("List-Unsubscribe")).as("an invitation is not a recurring message").isNull();
        assertThat(email.text()).contains(acceptUrl).contains("as an analyst");
        assertThat(email.html()).contains("href=\"" + acceptUrl + "\"").contains("Invite &amp; Co");

        Matcher link = Pattern.compile(Pattern.quote(MailBox.APP_URL) + "/accept-invitation#(zfi_[A-Za-z0-9_-]+)")
                .matcher(email.text());
        assertThat(link.find()).isTrue();
        HttpResponse<Buffer> accepted = http().call(HttpMethod.POST, "/api/auth/accept-invitation", null,
                new JsonObject().put("token", link.group(1)).put("name", "Ivy Invitee").put("password",
                        Accounts.PASSWORD));
        assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(201);

        JsonArray deliveries = call(HttpMethod.GET, "/api/deliveries?state=delivered", owner, null).bodyAsJsonArray();
        JsonObject delivery = find(deliveries, invitee);
        assertThat(delivery.getString("kind")).isEqualTo("invitation");
        assertThat(delivery.getString("id")).isEqualTo(email.header("X-ZoomFactor-Delivery"));
        assertThat(delivery.getJsonArray("log")).hasSize(1);
        assertThat(delivery.getJsonArray("log").getJsonObject(0).getInteger("status")).isEqualTo(250);
    }

    @Test
    void aMentionIsEmailedWithASettingsLinkAndTheCommentEscaped() throws Exception {
        Session owner = live.accounts().signUp("Mention Agency");
        Session analyst = live.accounts().invite(owner, "analyst", null);
        UUID client = live.accounts().createClient(owner, "Mentioned Client");
        HttpResponse<Buffer> comment = call(HttpMethod.POST, "/api/clients/" + client + "/comments", analyst,
                new JsonObject().put("text", "Look at <b>this</b> & that").put("mentions",
                        new JsonArray().add(owner.userId().toString())));
        assertThat(comment.statusCode()).as(comment.bodyAsString()).isEqualTo(201);

        Mail email = mail.await(owner.email(), 1).get(0);
        assertThat(email.subject()).isEqualTo("A analyst mentioned you on Mentioned Client");
        assertThat(email.header("List-Unsubscribe")).isEqualTo(SETTINGS);
        assertThat(email.text()).contains("Look at <b>this</b> & that")
                .contains(MailBox.APP_URL + "/clients/" + client).contains(MailBox.APP_URL + "/settings/notifications");
        assertThat(email.html()).contains("Look at &lt;b&gt;this&lt;/b&gt; &amp; that").doesNotContain("<b>this");
        assertThat(email.text() + email.html()).as("no token in a notification").doesNotContain("zfi_")
                .doesNotContain(owner.accessToken());
        assertThat(mail.to(analyst.email())).as("the author is not notified of their own comment")
                .allMatch(m -> !m.subject().contains("mentioned"));
    }

    @Test
    void anAlertEmailNamesTheMetricByItsLabelAndTheDayForPeople() throws Exception {
        Session owner = live.accounts().signUp("Alert Agency");
        UUID client = live.accounts().createClient(owner, "Alerted Client");
        fire(owner, client, 649, 500);

        Mail email = mail.await(owner.email(), 1).get(0);
        String day = YESTERDAY.format(java.time.format.DateTimeFormatter.ofPattern("EEE d MMM", java.util.Locale.ENGLISH));
        assertThat(email.subject()).startsWith("Alert on Alerted Client: Unique visitors of Alerted Client was 649 on "
                + day);
        assertThat(email.text()).contains("Unique visitors of Alerted Client was 649 on " + day
                + ", above the threshold of 500.").doesNotContain("web.unique_visitors");
        assertThat(email.html()).contains("above the threshold of 500");
        assertThat(email.header("List-Unsubscribe")).isEqualTo(SETTINGS);
    }

    @Test
    void whoChoseTheDigestGetsOneEmailADayAtTheDigestHourInsteadOfOneAtOnce() throws Exception {
        Session owner = live.accounts().signUp("Digest Agency");
        Session analyst = live.accounts().invite(owner, "analyst", null);
        UUID client = live.accounts().createClient(owner, "Digested Client");
        HttpResponse<Buffer> chosen = call(HttpMethod.PUT, "/api/me/notification-preferences", analyst,
                new JsonObject().put("topics", new JsonObject().put("alert", "digest")));
        assertThat(chosen.statusCode()).as(chosen.bodyAsString()).isEqualTo(200);
        assertThat(chosen.bodyAsJsonObject().getJsonObject("topics").getMap())
                .containsEntry("alert", "digest").containsEntry("mention", "email");
        assertThat(chosen.bodyAsJsonObject().getJsonObject("mail").getBoolean("configured")).isTrue();

        Outbox outbox = live.server().outbox();
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(ZoneOffset.UTC);
        try {
            // before the digest hour while the alert fires: the server's own looks find nothing due yet
            outbox.useClock(Clock.fixed(now.toLocalDate().atTime(7, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
            fire(owner, client, 900, 500);
            mail.await(owner.email(), 1); // the owner kept e-mail at once
            Thread.sleep(1_500); // a poll of the outbox and then some: nothing at once for the analyst
            assertThat(mail.to(analyst.email())).as("invitation only").hasSize(1);
            assertThat(live.server().digests().runOnce().await(10, TimeUnit.SECONDS)).as("before the hour").isZero();

            java.time.Instant hour = now.getHour() >= 8 ? now.toInstant().plusSeconds(1)
                    : now.toLocalDate().atTime(8, 30).toInstant(ZoneOffset.UTC);
            outbox.useClock(Clock.fixed(hour, ZoneOffset.UTC));
            assertThat(live.server().digests().runOnce().await(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(live.server().digests().runOnce().await(10, TimeUnit.SECONDS)).as("once a day").isZero();
        } finally {
            outbox.useClock(Clock.systemUTC());
        }
        List<Mail> received = mail.await(analyst.email(), 2);
        Mail digest = received.get(1);
        assertThat(digest.subject()).isEqualTo("Your Zoom Factor digest: 1 notification");
        assertThat(digest.text()).contains("Digested Client:").contains("Alert: ");
        assertThat(digest.header("List-Unsubscribe")).isEqualTo(SETTINGS);
        Thread.sleep(1_500);
        assertThat(mail.to(analyst.email())).as("one digest, not two").hasSize(2);
    }

    @Test
    void aGoalReachedIsToldOnceInTheAppAndByEmail() throws Exception {
        Session owner = live.accounts().signUp("Goal Agency");
        UUID client = live.accounts().createClient(owner, "Goal Client");
        String deadline = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
        HttpResponse<Buffer> goal = call(HttpMethod.POST, "/api/clients/" + client + "/goals", owner, new JsonObject()
                .put("metric", "web.unique_visitors").put("target", 1000).put("deadline", deadline).put("windowDays", 7));
        assertThat(goal.statusCode()).as(goal.bodyAsString()).isEqualTo(201);
        ingest(owner, client, 1_204);

        Mail email = mail.await(owner.email(), 1).get(0);
        assertThat(email.subject()).isEqualTo("Goal reached on Goal Client");
        assertThat(email.text()).contains("Unique visitors (last 7 days) reached 1,204, the target of 1,000 set for ");
        assertThat(email.header("List-Unsubscribe")).isEqualTo(SETTINGS);
        JsonArray notifications = call(HttpMethod.GET, "/api/notifications", owner, null).bodyAsJsonArray();
        assertThat(notifications.stream().map(n -> (JsonObject) n).filter(n -> "goal".equals(n.getString("kind"))))
                .singleElement().satisfies(n -> assertThat(n.getString("goalId"))
                        .isEqualTo(goal.bodyAsJsonObject().getString("id")));

        ingest(owner, client, 1_300); // still reached: nothing new to tell
        Thread.sleep(2_500);
        assertThat(mail.to(owner.email())).hasSize(1);
    }

    @Test
    void anEmailEnqueuedWithAnAttachmentArrivesWithItAndTheBytesAreDroppedOnceSent() throws Exception {
        Session owner = live.accounts().signUp("Report Agency");
        Outbox outbox = live.server().outbox();
        byte[] pdf = "%PDF-1.7 a report".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String to = Accounts.uniqueEmail("report-reader");
        // as a scheduled report will: in its own transaction, once per schedule and period
        Email email = MailLayout.compose(to, "Weekly report", "Your weekly report", List.of("Attached."),
                new MailLayout.Action("Open the dashboard", outbox.link("/clients")), outbox.link("/settings/notifications"))
                .attach(new Attachment("report.pdf", "application/pdf", pdf));
        com.zoomfactor.backend.db.Tenancy tenancy = new com.zoomfactor.backend.db.Tenancy(live.server().pool());
        for (int twice = 0; twice < 2; twice++) {
            tenancy.inAgency(owner.agencyId(), sql -> outbox.enqueue(sql, owner.agencyId(), null, "report",
                    "report:weekly:2026-11-30", email)).await(10, TimeUnit.SECONDS);
        }

        Mail received = mail.await(to, 1).get(0);
        assertThat(received.attachments()).singleElement().satisfies(part -> {
            assertThat(part.getFileName()).isEqualTo("report.pdf");
            assertThat(part.isMimeType("application/pdf")).isTrue();
            assertThat(part.getInputStream().readAllBytes()).isEqualTo(pdf);
        });
        assertThat(received.text()).contains("Attached.");
        awaitDelivered(owner, to);
        long files = tenancy.inAgency(owner.agencyId(), sql -> sql.query("SELECT count(*) AS n FROM outbox_attachments")
                .execute().map(rows -> rows.iterator().next().getLong("n"))).await(10, TimeUnit.SECONDS);
        assertThat(files).as("the bytes are dropped once sent").isZero();
        Thread.sleep(1_000);
        assertThat(mail.to(to)).as("the same cause enqueued twice is one delivery").hasSize(1);
    }

    private static void awaitDelivered(Session owner, String recipient) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            JsonArray delivered = call(HttpMethod.GET, "/api/deliveries?state=delivered", owner, null).bodyAsJsonArray();
            if (delivered.stream().anyMatch(d -> recipient.equals(((JsonObject) d).getString("recipient")))) {
                return;
            }
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void preferencesRefuseUnknownTopicsAndDeliveries() {
        Session owner = live.accounts().signUp("Choosy Agency");
        assertThat(call(HttpMethod.PUT, "/api/me/notification-preferences", owner, new JsonObject()
                .put("topics", new JsonObject().put("weather", "email"))).statusCode()).isEqualTo(400);
        assertThat(call(HttpMethod.PUT, "/api/me/notification-preferences", owner, new JsonObject()
                .put("topics", new JsonObject().put("alert", "pigeon"))).statusCode()).isEqualTo(400);
        JsonObject preferences = call(HttpMethod.GET, "/api/me/notification-preferences", owner, null)
                .bodyAsJsonObject();
        assertThat(preferences.getJsonObject("topics").getMap()).containsEntry("mention", "email")
                .containsEntry("alert", "email").containsEntry("goal", "email");
        assertThat(preferences.getInteger("digestHourUtc")).isEqualTo(8);
    }

    private static void ingest(Session who, UUID client, int visitorsYesterday) {
        HttpResponse<Buffer> ingested = call(HttpMethod.POST, "/api/clients/" + client + "/observations", who,
                new JsonObject().put("points", new JsonArray().add(new JsonObject().put("metric", "web.unique_visitors")
                        .put("date", YESTERDAY.toString()).put("value", visitorsYesterday))));
        assertThat(ingested.statusCode()).as(ingested.bodyAsString()).isEqualTo(200);
    }

    /** Visitors of yesterday at {@code value}, then a rule "above {@code threshold}": it fires at once. */
    private static void fire(Session who, UUID client, int value, int threshold) {
        ingest(who, client, value);
        HttpResponse<Buffer> rule = call(HttpMethod.POST, "/api/clients/" + client + "/alert-rules", who,
                new JsonObject().put("kind", "threshold").put("metric", "web.unique_visitors")
                        .put("direction", "above").put("threshold", threshold));
        assertThat(rule.statusCode()).as(rule.bodyAsString()).isEqualTo(201);
        assertThat(rule.bodyAsJsonObject().getJsonArray("channels").getList())
                .containsExactly("in_app", "email", "webhook");
    }

    private static JsonObject find(JsonArray deliveries, String recipient) {
        for (Object item : deliveries) {
            JsonObject delivery = (JsonObject) item;
            if (recipient.equalsIgnoreCase(delivery.getString("recipient"))) {
                return delivery;
            }
        }
        throw new AssertionError("no delivery to " + recipient + " in " + deliveries.encodePrettily());
    }
}
