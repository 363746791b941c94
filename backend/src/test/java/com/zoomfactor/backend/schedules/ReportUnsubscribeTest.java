package com.zoomfactor.backend.schedules;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A scheduled report's recipients, who have no account, leave it by the signed link of their e-mail. */
class ReportUnsubscribeTest {

    static final MailBox mail = new MailBox();
    @RegisterExtension
    static final LiveServer live = new LiveServer(mail.configure());

    private static final Pattern LINK = Pattern.compile("^<" + Pattern.quote(MailBox.APP_URL)
            + "/unsubscribe\\?token=([A-Za-z0-9_-]+)>$");
    private static final String FORM = "application/x-www-form-urlencoded";

    @AfterAll
    static void stopMail() {
        mail.close();
    }

    @Test
    void aRecipientLeavesByOneClickOrTheConfirmPageOnceAndOnlyThatSchedule() throws Exception {
        Session owner = live.accounts().signUp("Unsubscribe Agency");
        UUID client = client(owner, "Leaving Client");
        String leaving = Accounts.uniqueEmail("leaving");
        String staying = Accounts.uniqueEmail("staying");
        JsonObject schedule = schedule(owner, client, leaving, staying);
        // another agency sends the same address its own report
        Session other = live.accounts().signUp("Other Unsubscribe Agency");
        UUID otherClient = client(other, "Kept Client");
        JsonObject kept = schedule(other, otherClient, leaving);

        sendNow(owner, client, schedule);
        Mail report = mail.await(leaving, 1).get(0);
        Matcher link = LINK.matcher(report.header("List-Unsubscribe"));
        assertThat(link.matches()).as(report.header("List-Unsubscribe")).isTrue();
        String token = link.group(1);
        assertThat(report.header("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        String url = MailBox.APP_URL + "/unsubscribe?token=" + token;
        assertThat(report.text()).contains(url).doesNotContain("/settings/notifications");
        assertThat(report.html()).contains("href=\"" + url + "\"");
        String stayingToken = token(mail.await(staying, 1).get(0));
        assertThat(stayingToken).as("a token per recipient").isNotEqualTo(token);

        // forged, altered or no tokens are refused, and change nothing
        char last = token.charAt(token.length() - 1);
        String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertError(confirm(altered), 404);
        assertError(confirm("not-a-token"), 400);
        assertError(live.http().call(HttpMethod.POST, "/api/unsubscribe", null, new JsonObject()), 400);
        assertError(oneClick(token, "List-Unsubscribe=Later"), 400);
        assertThat(recipients(owner, client, schedule)).containsExactlyInAnyOrder(leaving, staying);

        // the mail client's one-click POST (RFC 8058), signed out
        HttpResponse<Buffer> clicked = oneClick(token, "List-Unsubscribe=One-Click");
        assertThat(clicked.statusCode()).as(clicked.bodyAsString()).isEqualTo(200);
        assertThat(clicked.bodyAsJsonObject().getBoolean("unsubscribed")).isTrue();
        assertThat(clicked.bodyAsJsonObject().getString("client")).isEqualTo("Leaving Client");
        assertThat(recipients(owner, client, schedule)).containsExactly(staying);
        // again, from the confirm page: the same answer, nothing more changes
        HttpResponse<Buffer> again = confirm(token);
        assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
        assertThat(again.bodyAsJsonObject().getBoolean("unsubscribed")).isTrue();
        assertThat(recipients(owner, client, schedule)).containsExactly(staying);
        assertThat(recipients(other, otherClient, kept)).as("another agency's schedule").containsExactly(leaving);

        JsonArray activity = live.http().call(HttpMethod.GET, "/api/clients/" + client + "/activity", owner.accessToken(),
                null).bodyAsJsonObject().getJsonArray("entries");
        assertThat(activity.stream().map(e -> ((JsonObject) e).getString("summary")))
                .anyMatch(s -> s.equals(leaving + " unsubscribed from the weekly report"));

        sendNow(owner, client, schedule);
        mail.await(staying, 2);
        Thread.sleep(1_000);
        assertThat(mail.to(leaving)).as("no report after leaving").hasSize(1);

        // the last recipient leaving ends the schedule
        assertThat(confirm(stayingToken).statusCode()).isEqualTo(200);
        assertError(live.http().call(HttpMethod.GET, "/api/clients/" + client + "/report-schedules/"
                + schedule.getString("id"), owner.accessToken(), null), 404);
        HttpResponse<Buffer> gone = confirm(stayingToken);
        assertThat(gone.statusCode()).as("a schedule gone is no error").isEqualTo(200);
    }

    @Test
    void anAddressThatLeftIsNotAddedBackUntilAnOwnerAllowsIt() throws Exception {
        Session owner = live.accounts().signUp("Suppression Agency");
        UUID client = client(owner, "Suppressed Client");
        String leaving = Accounts.uniqueEmail("gone");
        String staying = Accounts.uniqueEmail("kept");
        JsonObject weekly = schedule(owner, client, leaving, staying);
        sendNow(owner, client, weekly);
        assertThat(confirm(token(mail.await(leaving, 1).get(0))).statusCode()).isEqualTo(200);
        String path = "/api/clients/" + client + "/report-unsubscribes";

        JsonArray listed = live.http().call(HttpMethod.GET, path, owner.accessToken(), null).bodyAsJsonArray();
        assertThat(listed).hasSize(1);
        assertThat(listed.getJsonObject(0).getString("address")).isEqualTo(leaving.toLowerCase(java.util.Locale.ROOT));
        assertThat(listed.getJsonObject(0).getString("unsubscribedAt")).isNotBlank();

        // pasted back into the schedule (in any case), or into a new schedule of the client: refused, naming it
        String shouted = leaving.toUpperCase(java.util.Locale.ROOT);
        HttpResponse<Buffer> pastedBack = live.http().call(HttpMethod.PATCH, "/api/clients/" + client
                + "/report-schedules/" + weekly.getString("id"), owner.accessToken(),
                new JsonObject().put("recipients", new JsonArray().add(staying).add(shouted)));
        assertError(pastedBack, 409);
        assertThat(pastedBack.bodyAsJsonObject().getString("message")).contains(leaving.toLowerCase(java.util.Locale.ROOT));
        HttpResponse<Buffer> monthly = live.http().call(HttpMethod.POST, "/api/clients/" + client
                + "/report-schedules", owner.accessToken(), new JsonObject().put("frequency", "monthly")
                .put("dayOfMonth", 1).put("hour", 9).put("recipients", new JsonArray().add(leaving)));
        assertError(monthly, 409);
        assertThat(recipients(owner, client, weekly)).containsExactly(staying);
        // other changes of the schedule still go through; another client of the agency may still send to it
        HttpResponse<Buffer> hourOnly = live.http().call(HttpMethod.PATCH, "/api/clients/" + client
                + "/report-schedules/" + weekly.getString("id"), owner.accessToken(), new JsonObject().put("hour", 10));
        assertThat(hourOnly.statusCode()).as(hourOnly.bodyAsString()).isEqualTo(200);
        schedule(owner, client(owner, "Unrelated Client"), leaving);

        // only owners and admins lift it; another agency sees nothing of it; bad input is named
        Session analyst = live.accounts().invite(owner, "analyst", null);
        assertThat(live.http().call(HttpMethod.GET, path, analyst.accessToken(), null).statusCode()).isEqualTo(200);
        String allow = path + "?address=" + java.net.URLEncoder.encode(leaving, java.nio.charset.StandardCharsets.UTF_8);
        assertError(live.http().call(HttpMethod.DELETE, allow, analyst.accessToken(), null), 403);
        Session stranger = live.accounts().signUp("Stranger Suppression Agency");
        assertError(live.http().call(HttpMethod.GET, path, stranger.accessToken(), null), 404);
        assertError(live.http().call(HttpMethod.DELETE, allow, stranger.accessToken(), null), 404);
        assertError(live.http().call(HttpMethod.DELETE, path + "?address=not-an-address", owner.accessToken(), null), 400);
        assertError(live.http().call(HttpMethod.DELETE, path, owner.accessToken(), null), 400);
        assertError(live.http().call(HttpMethod.DELETE, path + "?address="
                + java.net.URLEncoder.encode(staying, java.nio.charset.StandardCharsets.UTF_8), owner.accessToken(),
                null), 404);

        HttpResponse<Buffer> allowed = live.http().call(HttpMethod.DELETE, allow, owner.accessToken(), null);
        assertThat(allowed.statusCode()).as(allowed.bodyAsString()).isEqualTo(204);
        assertThat(live.http().call(HttpMethod.GET, path, owner.accessToken(), null).bodyAsJsonArray()).isEmpty();
        assertThat(recipients(owner, client, weekly)).as("allowing adds nobody").containsExactly(staying);
        HttpResponse<Buffer> back = live.http().call(HttpMethod.PATCH, "/api/clients/" + client + "/report-schedules/"
                + weekly.getString("id"), owner.accessToken(),
                new JsonObject().put("recipients", new JsonArray().add(staying).add(leaving)));
        assertThat(back.statusCode()).as(back.bodyAsString()).isEqualTo(200);
        JsonArray activity = live.http().call(HttpMethod.GET, "/api/clients/" + client + "/activity",
                owner.accessToken(), null).bodyAsJsonObject().getJsonArray("entries");
        assertThat(activity.stream().map(e -> ((JsonObject) e).getString("summary")))
                .anyMatch(s -> s.equals(leaving + " may receive this client's reports again"));
    }

    private static String token(Mail report) {
        Matcher link = LINK.matcher(report.header("List-Unsubscribe"));
        assertThat(link.matches()).isTrue();
        return link.group(1);
    }

    private static HttpResponse<Buffer> confirm(String token) {
        return live.http().call(HttpMethod.POST, "/api/unsubscribe", null, new JsonObject().put("token", token));
    }

    private static HttpResponse<Buffer> oneClick(String token, String body) {
        return live.http().sendWithHeaders(HttpMethod.POST, "/unsubscribe?token=" + token, FORM, body, Map.of());
    }

    private static UUID client(Session owner, String name) {
        HttpResponse<Buffer> created = live.http().call(HttpMethod.POST, "/api/clients", owner.accessToken(),
                new JsonObject().put("name", name).put("timeZone", "UTC"));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        return UUID.fromString(created.bodyAsJsonObject().getString("id"));
    }

    private static JsonObject schedule(Session who, UUID client, String... recipients) {
        HttpResponse<Buffer> created = live.http().call(HttpMethod.POST, "/api/clients/" + client + "/report-schedules",
                who.accessToken(), new JsonObject().put("frequency", "weekly").put("dayOfWeek", 1).put("hour", 9)
                        .put("recipients", new JsonArray(java.util.List.of((Object[]) recipients))));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        return created.bodyAsJsonObject();
    }

    private static void sendNow(Session who, UUID client, JsonObject schedule) {
        HttpResponse<Buffer> sent = live.http().call(HttpMethod.POST, "/api/clients/" + client + "/report-schedules/"
                + schedule.getString("id") + "/send", who.accessToken(), null);
        assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
    }

    private static java.util.List<Object> recipients(Session who, UUID client, JsonObject schedule) {
        return live.http().call(HttpMethod.GET, "/api/clients/" + client + "/report-schedules/"
                + schedule.getString("id"), who.accessToken(), null).bodyAsJsonObject().getJsonArray("recipients")
                .getList();
    }
}
