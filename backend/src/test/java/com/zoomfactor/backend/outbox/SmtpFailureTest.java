package com.zoomfactor.backend.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.config.MailSettings;
import com.zoomfactor.backend.config.SmtpUrl;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An SMTP server that will not take mail — it answers "try later" and hangs up, or accepts and says nothing: the
 * request that caused the e-mail succeeds all the same, and the delivery is tried again with the failures logged.
 */
class SmtpFailureTest {

    /** A pretend SMTP server: "421" and hang up, or silence, by the mode it is in. */
    static final class BadSmtp implements AutoCloseable {
        final ServerSocket socket;
        volatile boolean silent;
        final List<Socket> held = new CopyOnWriteArrayList<>();

        BadSmtp() throws IOException {
            socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            Thread accepting = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        if (silent) {
                            held.add(client); // accepted, never a greeting: the client's idle timeout ends it
                        } else {
                            OutputStream out = client.getOutputStream();
                            out.write("421 4.3.2 Service not available, try again later\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            client.close();
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "bad-smtp");
            accepting.setDaemon(true);
            accepting.start();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    static final BadSmtp smtp = start();
    @RegisterExtension
    static final LiveServer live = new LiveServer(config -> config.withMail(new MailSettings(
            SmtpUrl.parse("smtp://127.0.0.1:" + smtp.socket.getLocalPort()), null), URI.create("https://zf.test.example")));

    private static BadSmtp start() {
        try {
            return new BadSmtp();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopSmtp() throws IOException {
        smtp.close();
    }

    @Test
    void aRefusingServerIsTriedAgainAndTheInvitationStillSucceeds() throws Exception {
        smtp.silent = false;
        live.server().outbox().tune(new DeliveryTuning(100, 10_000, 4, 200, 400, 3, 1_000));
        Session owner = live.accounts().signUp("Refused Agency");
        String invitee = Accounts.uniqueEmail("refused");
        HttpResponse<Buffer> invited = live.http().call(HttpMethod.POST, "/api/members/invitations",
                owner.accessToken(), new JsonObject().put("email", invitee).put("role", "viewer"));
        assertThat(invited.statusCode()).as(invited.bodyAsString()).isEqualTo(201);
        assertThat(invited.bodyAsJsonObject().getBoolean("emailed")).as("enqueued").isTrue();

        JsonObject failed = awaitDelivery(owner, invitee, "failed");
        assertThat(failed.getInteger("attempts")).isEqualTo(3);
        JsonArray log = failed.getJsonArray("log");
        assertThat(log).hasSize(3);
        assertThat(failed.getString("lastError")).isNotBlank();
        List<Object> statuses = log.stream().map(a -> ((JsonObject) a).getValue("status")).toList();
        assertThat(statuses).allMatch(s -> s == null || Integer.valueOf(421).equals(s));
        // waits between attempts grow: the second gap is at least the first's doubling (less the jitter)
        long first = at(log, 1) - at(log, 0);
        long second = at(log, 2) - at(log, 1);
        assertThat(first).isGreaterThanOrEqualTo(180);
        assertThat(second).isGreaterThanOrEqualTo(360);
    }

    @Test
    void aSilentServerTimesOutAndIsTriedAgain() throws Exception {
        smtp.silent = true;
        live.server().outbox().tune(new DeliveryTuning(100, 10_000, 4, 200, 400, 2, 1_000));
        Session owner = live.accounts().signUp("Silent Agency");
        String invitee = Accounts.uniqueEmail("silent");
        long started = System.currentTimeMillis();
        HttpResponse<Buffer> invited = live.http().call(HttpMethod.POST, "/api/members/invitations",
                owner.accessToken(), new JsonObject().put("email", invitee).put("role", "viewer"));
        assertThat(invited.statusCode()).isEqualTo(201);
        assertThat(System.currentTimeMillis() - started).as("the request does not wait for SMTP").isLessThan(900);
        JsonObject failed = awaitDelivery(owner, invitee, "failed");
        assertThat(failed.getJsonArray("log")).hasSize(2);
        assertThat(failed.getJsonArray("log").getJsonObject(0).getInteger("durationMs")).isGreaterThanOrEqualTo(900);
    }

    private static long at(JsonArray log, int i) {
        return java.time.OffsetDateTime.parse(log.getJsonObject(i).getString("at")).toInstant().toEpochMilli();
    }

    private static JsonObject awaitDelivery(Session owner, String recipient, String state) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            JsonArray all = live.http().call(HttpMethod.GET, "/api/deliveries", owner.accessToken(), null)
                    .bodyAsJsonArray();
            for (Object item : all) {
                JsonObject d = (JsonObject) item;
                if (recipient.equals(d.getString("recipient")) && state.equals(d.getString("state"))) {
                    return d;
                }
            }
            assertThat(System.currentTimeMillis()).as("deliveries: " + all.encode()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
