package com.zoomfactor.backend.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.outbox.Outbox;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.MailBox;
import com.zoomfactor.backend.testing.MailBox.Mail;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scheduled reports as a real SMTP server receives them: at the client's local hour, once; now; after review. */
class ReportSchedulesTest {

    static final MailBox mail = new MailBox();
    @RegisterExtension
    static final LiveServer live = new LiveServer(mail.configure());

    @AfterAll
    static void stopMail() {
        mail.close();
    }

    @AfterEach
    void realTime() {
        live.server().outbox().useClock(Clock.systemUTC());
    }

    private static HttpResponse<Buffer> call(HttpMethod method, String path, Session who, JsonObject body) {
        return live.http().call(method, path, who.accessToken(), body);
    }

    private static UUID client(Session owner, String name, String zone) {
        HttpResponse<Buffer> created = call(HttpMethod.POST, "/api/clients", owner, new JsonObject().put("name", name)
                .put("timeZone", zone));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        return UUID.fromString(created.bodyAsJsonObject().getString("id"));
    }

    private static JsonObject schedule(Session who, UUID client, JsonObject body) {
        HttpResponse<Buffer> created = call(HttpMethod.POST, "/api/clients/" + client + "/report-schedules", who, body);
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        return created.bodyAsJsonObject();
    }

    private static void at(String instant) {
        live.server().outbox().useClock(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private static int runDue() throws Exception {
        return live.server().reportSchedules().runOnce().await(30, TimeUnit.SECONDS);
    }

    @Test
    void aWeeklyReportGoesAtTheClientsLocalHourAcrossTheSpringChangeOnce() throws Exception {
        Session analyst = live.accounts().invite(live.accounts().signUp("Weekly Agency"), "analyst", null);
        UUID client = client(analyst, "Eastern Client", "America/New_York");
        String to = Accounts.uniqueEmail("weekly");
        at("2026-03-03T00:00:00Z");
        JsonObject created = schedule(analyst, client, new JsonObject().put("frequency", "weekly").put("dayOfWeek", 1)
                .put("hour", 9).put("recipients", new JsonArray().add(to)).put("review", false));
        assertThat(created.getString("nextRunAt")).as("Monday 09:00 EDT, after the change of 8 March")
                .startsWith("2026-03-09T13:00");

        at("2026-03-09T12:59:00Z");
        runDue();
        Thread.sleep(1_000);
        assertThat(mail.to(to)).as("a minute before the hour is early").isEmpty();
        at("2026-03-09T13:00:00Z");
        runDue();
        Mail report = mail.await(to, 1).get(0);
        assertThat(report.subject()).isEqualTo("Weekly report for Eastern Client: 2026-03-02 to 2026-03-08");
        assertThat(report.text()).contains("From Mon 2 Mar 2026 to Sun 8 Mar 2026").contains("attached as a PDF")
                .contains(MailBox.APP_URL + "/clients/" + client);
        assertThat(report.html()).contains("Eastern Client: your weekly report");
        assertThat(report.header("List-Unsubscribe")).isNotNull();
        assertThat(report.attachments()).singleElement().satisfies(part -> {
            assertThat(part.getFileName()).isEqualTo("zoom-factor-eastern-client-2026-03-02-to-2026-03-08.pdf");
            assertThat(new String(part.getInputStream().readNBytes(5))).isEqualTo("%PDF-");
        });

        runDue();
        Thread.sleep(1_500);
        assertThat(mail.to(to)).as("once only").hasSize(1);
        JsonObject after = call(HttpMethod.GET, "/api/clients/" + client + "/report-schedules/"
                + created.getString("id"), analyst, null).bodyAsJsonObject();
        assertThat(after.getString("nextRunAt")).startsWith("2026-03-16T13:00");
    }

    @Test
    void sendNowMailsTheLastFullPeriodToEveryRecipient() throws Exception {
        Session owner = live.accounts().signUp("Send Now Agency");
        UUID client = client(owner, "Monthly Client", "Europe/Paris");
        String first = Accounts.uniqueEmail("first");
        String second = Accounts.uniqueEmail("second");
        at("2026-05-14T10:00:00Z");
        JsonObject created = schedule(owner, client, new JsonObject().put("frequency", "monthly").put("dayOfMonth", 2)
                .put("hour", 8).put("recipients", new JsonArray().add(first).add(second).add(first.toUpperCase())));
        assertThat(created.getJsonArray("recipients")).as("repeats once").hasSize(2);
        assertThat(created.getBoolean("review")).isFalse();

        HttpResponse<Buffer> sent = call(HttpMethod.POST, "/api/clients/" + client + "/report-schedules/"
                + created.getString("id") + "/send", owner, null);
        assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
        assertThat(sent.bodyAsJsonObject().getJsonArray("deliveries")).hasSize(2);
        assertThat(sent.bodyAsJsonObject().getString("from")).isEqualTo("2026-04-01");
        Mail one = mail.await(second, 1).get(0);
        assertThat(one.subject()).isEqualTo("Monthly report for Monthly Client: 2026-04-01 to 2026-04-30");
        assertThat(one.attachments()).hasSize(1);
        assertThat(mail.await(first, 1)).hasSize(1);
    }

    @Test
    void aReviewedReportWaitsThenGoesWithTheEditedSummaryOrIsSkipped() throws Exception {
        Session owner = live.accounts().signUp("Review Agency");
        UUID client = client(owner, "Reviewed Client", "UTC");
        String to = Accounts.uniqueEmail("reviewed");
        at("2026-06-01T00:00:00Z");
        JsonObject body = new JsonObject().put("frequency", "weekly").put("dayOfWeek", 3).put("hour", 7)
                .put("recipients", new JsonArray().add(to)).put("review", true);
        JsonObject approved = schedule(owner, client, body);
        JsonObject skipped = schedule(owner, client, body.copy().put("dayOfWeek", 4));
        at("2026-06-04T07:00:00Z");
        assertThat(runDue()).as("at least these two (other tests' schedules may be due too)").isGreaterThanOrEqualTo(2);
        Thread.sleep(1_000);
        assertThat(mail.to(to)).as("nothing before review").isEmpty();

        JsonArray queue = call(HttpMethod.GET, "/api/clients/" + client + "/report-reviews?state=pending", owner, null)
                .bodyAsJsonArray();
        assertThat(queue).hasSize(2);
        String toApprove = review(queue, approved.getString("id")).getString("id");
        String toSkip = review(queue, skipped.getString("id")).getString("id");
        assertThat(review(queue, approved.getString("id")).getString("summary")).contains("From Mon 25 May 2026");
        // the agency's queue (the review screen) holds its clients' reviews, and no other agency's
        JsonArray all = call(HttpMethod.GET, "/api/report-reviews?state=pending", owner, null).bodyAsJsonArray();
        assertThat(all.stream().map(r -> ((JsonObject) r).getString("id"))).containsExactlyInAnyOrder(toApprove, toSkip);
        Session stranger = live.accounts().signUp("Another Review Agency");
        assertThat(call(HttpMethod.GET, "/api/report-reviews", stranger, null).bodyAsJsonArray()).isEmpty();
        assertThat(call(HttpMethod.GET, "/api/report-reviews?state=later", owner, null).statusCode()).isEqualTo(400);

        HttpResponse<Buffer> ok = call(HttpMethod.POST, "/api/clients/" + client + "/report-reviews/" + toApprove
                + "/approve", owner, new JsonObject().put("summary", "A calm week.\n\nMore next week."));
        assertThat(ok.statusCode()).as(ok.bodyAsString()).isEqualTo(200);
        assertThat(ok.bodyAsJsonObject().getJsonObject("review").getString("state")).isEqualTo("approved");
        assertThat(ok.bodyAsJsonObject().getJsonArray("deliveries")).hasSize(1);
        Mail report = mail.await(to, 1).get(0);
        assertThat(report.text()).contains("A calm week.").contains("More next week.").doesNotContain("Zoom Factor was");
        assertThat(report.subject()).as("the period it was made for").endsWith("2026-05-25 to 2026-05-31");
        assertThat(report.attachments()).singleElement().satisfies(part ->
                assertThat(new String(part.getInputStream().readNBytes(5))).as("the PDF kept for review").isEqualTo("%PDF-"));

        HttpResponse<Buffer> again = call(HttpMethod.POST, "/api/clients/" + client + "/report-reviews/" + toApprove
                + "/approve", owner, null);
        assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(409);
        HttpResponse<Buffer> skip = call(HttpMethod.POST, "/api/clients/" + client + "/report-reviews/" + toSkip
                + "/skip", owner, null);
        assertThat(skip.statusCode()).as(skip.bodyAsString()).isEqualTo(200);
        assertThat(skip.bodyAsJsonObject().getString("state")).isEqualTo("skipped");
        Thread.sleep(1_500);
        assertThat(mail.to(to)).as("the skipped report is not sent").hasSize(1);
        assertThat(call(HttpMethod.GET, "/api/clients/" + client + "/report-reviews?state=pending", owner, null)
                .bodyAsJsonArray()).isEmpty();
    }

    private static JsonObject review(JsonArray queue, String scheduleId) {
        return queue.stream().map(JsonObject.class::cast).filter(r -> r.getString("scheduleId").equals(scheduleId))
                .findFirst().orElseThrow();
    }

    @Test
    void badInputIsA400AndAnotherAgencysScheduleA404() {
        Session owner = live.accounts().signUp("Strict Agency");
        UUID client = client(owner, "Strict Client", "UTC");
        String path = "/api/clients/" + client + "/report-schedules";
        JsonArray one = new JsonArray().add("a@example.com");
        JsonArray many = new JsonArray();
        for (int i = 0; i < Outbox.MAX_RECIPIENTS + 1; i++) {
            many.add("r" + i + "@example.com");
        }
        JsonObject[] bad = {
            new JsonObject().put("dayOfWeek", 1).put("hour", 9).put("recipients", one),
            new JsonObject().put("frequency", "daily").put("hour", 9).put("recipients", one),
            new JsonObject().put("frequency", "weekly").put("hour", 9).put("recipients", one),
            new JsonObject().put("frequency", "weekly").put("dayOfWeek", 0).put("hour", 9).put("recipients", one),
            new JsonObject().put("frequency", "monthly").put("dayOfMonth", 31).put("hour", 9).put("recipients", one),
            new JsonObject().put("frequency", "weekly").put("dayOfWeek", 1).put("hour", 24).put("recipients", one),
            new JsonObject().put("frequency", "weekly").put("dayOfWeek", 1).put("hour", "9").put("recipients", one),
            new JsonObject().put("frequency", "weekly").put("dayOfWeek", 1).put("hour", 9),
            new JsonObject().put("frequency", "weekly").put("dayOfWeek", 1).put("hour", 9)
                    .put("recipients", new JsonArray()),
            new JsonObject().put("frequency", "weekly").put("dayOfWeek", 1).put("hour", 9)
                    .put("recipients", new JsonArray().add("not an address")),
            new JsonObject().put("frequency", "weekly").put("dayOfWeek", 1).put("hour", 9).put("recipients", many),
            new JsonObject().put("frequency", "weekly").put("dayOfWeek", 1).put("hour", 9).put("recipients", one)
                    .put("review", "yes"),
            new JsonObject().put("frequency", "weekly").put("dayOfWeek", 1).put("hour", 9).put("recipients", one)
                    .put("colour", "red"),
        };
        for (JsonObject body : bad) {
            HttpResponse<Buffer> refused = call(HttpMethod.POST, path, owner, body);
            assertThat(refused.statusCode()).as(body.encode() + " → " + refused.bodyAsString()).isEqualTo(400);
            assertThat(refused.bodyAsJsonObject().getString("message")).isNotBlank();
        }
        assertThat(call(HttpMethod.POST, path, owner, new JsonObject().put("frequency", "weekly")
                .put("dayOfWeek", 1).put("hour", 9).put("recipients", many)).bodyAsJsonObject().getString("message"))
                .contains("at most 100 recipients");

        JsonObject created = schedule(owner, client, new JsonObject().put("frequency", "weekly").put("dayOfWeek", 1)
                .put("hour", 9).put("recipients", one));
        String ofSchedule = path + "/" + created.getString("id");
        HttpResponse<Buffer> toMonthly = call(HttpMethod.PATCH, ofSchedule, owner,
                new JsonObject().put("frequency", "monthly"));
        assertThat(toMonthly.statusCode()).as("monthly needs its day").isEqualTo(400);
        HttpResponse<Buffer> changed = call(HttpMethod.PATCH, ofSchedule, owner,
                new JsonObject().put("frequency", "monthly").put("dayOfMonth", 15).put("hour", 6));
        assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
        assertThat(changed.bodyAsJsonObject().getInteger("dayOfMonth")).isEqualTo(15);
        assertThat(changed.bodyAsJsonObject().getValue("dayOfWeek")).isNull();

        Session stranger = live.accounts().signUp("Other Agency");
        assertThat(call(HttpMethod.GET, ofSchedule, stranger, null).statusCode()).isEqualTo(404);
        assertThat(call(HttpMethod.PATCH, ofSchedule, stranger, new JsonObject().put("hour", 3)).statusCode())
                .isEqualTo(404);
        assertThat(call(HttpMethod.POST, ofSchedule + "/send", stranger, null).statusCode()).isEqualTo(404);
        assertThat(call(HttpMethod.DELETE, ofSchedule, stranger, null).statusCode()).isEqualTo(404);
        UUID theirs = client(stranger, "Their Client", "UTC");
        assertThat(call(HttpMethod.GET, "/api/clients/" + theirs + "/report-schedules/" + created.getString("id"),
                stranger, null).statusCode()).isEqualTo(404);
        assertThat(call(HttpMethod.POST, "/api/clients/" + client + "/report-reviews/" + UUID.randomUUID() + "/skip",
                owner, null).statusCode()).isEqualTo(404);

        assertThat(call(HttpMethod.DELETE, ofSchedule, owner, null).statusCode()).isEqualTo(204);
        assertThat(call(HttpMethod.GET, ofSchedule, owner, null).statusCode()).isEqualTo(404);
    }
}
