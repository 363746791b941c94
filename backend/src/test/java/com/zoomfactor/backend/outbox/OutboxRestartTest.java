package com.zoomfactor.backend.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.MailBox;
import com.zoomfactor.backend.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The outbox across a restart: a server stopped while it delivers leaves the rest pending, another server on the same
 * database delivers them, and every e-mail arrives exactly once.
 */
class OutboxRestartTest {

    private static final int INVITATIONS = 24;

    @Test
    void aServerStoppedMidDeliveryLeavesTheRestToTheNextAndNothingArrivesTwice() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (MailBox mail = new MailBox()) {
            TestServer first = TestServer.start(OutboxRestartTest.class, mail.configure());
            // small batches, often: the stop comes while deliveries are under way
            first.outbox().tune(new DeliveryTuning(20, 10_000, 2, 200, 1_000, 5, 2_000));
            Http http = new Http(vertx, first.port());
            Session owner = new Accounts(http).signUp("Restarted Agency");
            List<String> invitees = new ArrayList<>();
            for (int i = 0; i < INVITATIONS; i++) {
                String invitee = Accounts.uniqueEmail("restart-" + i);
                HttpResponse<Buffer> invited = http.call(HttpMethod.POST, "/api/members/invitations",
                        owner.accessToken(), new JsonObject().put("email", invitee).put("role", "viewer"));
                assertThat(invited.statusCode()).isEqualTo(201);
                invitees.add(invitee);
            }
            first.close();
            int beforeRestart = mail.total();
            assertThat(beforeRestart).as("the first server was stopped before it had sent them all")
                    .isLessThan(INVITATIONS);

            try (TestServer second = first.another()) {
                for (String invitee : invitees) {
                    mail.await(invitee, 1);
                }
                Thread.sleep(1_500); // a few more polls: anything sent twice would arrive now
                assertThat(mail.total()).isEqualTo(INVITATIONS);
                Set<String> keys = new HashSet<>();
                for (String invitee : invitees) {
                    List<MailBox.Mail> received = mail.to(invitee);
                    assertThat(received).as(invitee).hasSize(1);
                    keys.add(received.get(0).header("X-ZoomFactor-Delivery"));
                }
                assertThat(keys).hasSize(INVITATIONS);
                JsonArray deliveries = new Http(vertx, second.port()).call(HttpMethod.GET, "/api/deliveries",
                        owner.accessToken(), null).bodyAsJsonArray();
                assertThat(deliveries).hasSize(INVITATIONS);
                assertThat(deliveries.stream().map(d -> ((JsonObject) d).getString("state")))
                        .containsOnly("delivered");
                // past their keeping time, settled deliveries leave (with nothing kept: 0 days)
                long pruned = new com.zoomfactor.backend.db.Tenancy(second.pool())
                        .outsideAnyAgency(sql -> OutboxStore.prune(sql, 0)).await(10, TimeUnit.SECONDS);
                assertThat(pruned).isEqualTo(INVITATIONS);
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
