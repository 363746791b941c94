package com.zoomfactor.backend.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without ZF_SMTP_URL nothing is e-mailed, and the answers say so rather than pretend. */
class MailNotConfiguredTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    @Test
    void anInvitationSaysItWasNotEmailedAndKeepsItsLink() {
        Session owner = live.accounts().signUp("Quiet Agency");
        HttpResponse<Buffer> invited = live.http().call(HttpMethod.POST, "/api/members/invitations",
                owner.accessToken(), new JsonObject().put("email", Accounts.uniqueEmail("quiet")).put("role", "viewer"));
        assertThat(invited.statusCode()).isEqualTo(201);
        JsonObject answer = invited.bodyAsJsonObject();
        assertThat(answer.getBoolean("emailed")).isFalse();
        assertThat(answer.getJsonObject("mail").getBoolean("configured")).isFalse();
        assertThat(answer.getString("acceptUrl")).startsWith("/accept-invitation#zfi_");
        assertThat(live.http().call(HttpMethod.GET, "/api/deliveries", owner.accessToken(), null).bodyAsJsonArray())
                .as("nothing enqueued that could never go").isEmpty();
    }

    @Test
    void preferencesAreKeptButSayMailIsNotConfigured() {
        Session owner = live.accounts().signUp("Quiet Choices");
        HttpResponse<Buffer> chosen = live.http().call(HttpMethod.PUT, "/api/me/notification-preferences",
                owner.accessToken(), new JsonObject().put("topics", new JsonObject().put("mention", "digest")));
        assertThat(chosen.statusCode()).isEqualTo(200);
        assertThat(chosen.bodyAsJsonObject().getJsonObject("mail").getBoolean("configured")).isFalse();
        assertThat(chosen.bodyAsJsonObject().getJsonObject("topics").getString("mention")).isEqualTo("digest");
    }

    @Test
    void aReportCannotBeSentNowAndSaysWhy() {
        Session owner = live.accounts().signUp("Quiet Reports");
        java.util.UUID client = live.accounts().createClient(owner, "Quiet Client");
        String path = "/api/clients/" + client + "/report-schedules";
        HttpResponse<Buffer> created = live.http().call(HttpMethod.POST, path, owner.accessToken(), new JsonObject()
                .put("frequency", "weekly").put("dayOfWeek", 1).put("hour", 9)
                .put("recipients", new io.vertx.core.json.JsonArray().add(Accounts.uniqueEmail("quiet"))));
        assertThat(created.statusCode()).as("a schedule may wait for mail to be configured").isEqualTo(201);
        HttpResponse<Buffer> sent = live.http().call(HttpMethod.POST, path + "/" + created.bodyAsJsonObject()
                .getString("id") + "/send", owner.accessToken(), null);
        assertThat(sent.statusCode()).isEqualTo(409);
        assertThat(sent.bodyAsJsonObject().getString("message")).contains("E-mail is not configured");
    }
}
