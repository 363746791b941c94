package com.zoomfactor.backend.resilience;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.config.DatabaseUrl;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.LiveClient;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While the database refuses the server (its connections ended, new ones refused), every kind of request that needs
 * it answers 503 with Retry-After and the JSON error body, never 500; once it is back the same requests work, on the
 * same pool, and a write refused meanwhile is done once when sent again with its key. Runs on the shared test
 * PostgreSQL (fault suite #2 restarts a server of its own: DatabaseRestartTest).
 */
class RequestsWhenDatabaseIsDownTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    @Test
    void everyRequestAnswers503WithRetryAfterWhileTheDatabaseIsAwayAndWorksAgainAfter() throws Exception {
        Accounts.Session owner = live.accounts().signUp("Cut-off Agency");
        UUID client = live.accounts().createClient(owner, "Cut-off client");
        String token = live.accounts().createToken(owner, "metrics:write");
        JsonObject batch = new JsonObject().put("points", new JsonArray().add(new JsonObject()
                .put("metric", "web.unique_visitors").put("date", "2026-11-20").put("value", 7)));
        String observations = "/api/clients/" + client + "/observations";

        String database = live.server().database().database();
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        LiveClient dashboard = LiveClient.connect(vertx, live.http(), live.server().port(), owner.accessToken());
        cutOff(database, true);
        try {
            // a dashboard subscribing during the outage is not refused: it is subscribed once the database is back
            dashboard.subscribe(client, null);
            dashboard.send(new JsonObject().put("type", "ping"));
            dashboard.await(LiveClient.type("pong"), 10_000);
            // a person's token, an API token, a write, a sign-in, a live ticket: each needs the database
            assertUnavailable(live.http().call(HttpMethod.GET, "/api/clients", owner.accessToken(), null));
            assertUnavailable(live.http().call(HttpMethod.GET, "/api/clients/" + client, owner.accessToken(), null));
            assertUnavailable(live.http().callWithHeaders(HttpMethod.POST, observations, token, batch,
                    "Idempotency-Key", "cut-off-batch"));
            // more sign-ins than the throttle allows: a 503 is no wrong guess, so none of them counts
            for (int i = 0; i <= com.zoomfactor.backend.auth.LoginThrottle.ACCOUNT_FAILURES; i++) {
                assertUnavailable(live.accounts().login(owner.email(), Accounts.PASSWORD));
            }
            assertUnavailable(live.http().call(HttpMethod.POST, "/api/live/ticket", owner.accessToken(), null));
        } finally {
            cutOff(database, false);
        }

        assertThat(live.http().call(HttpMethod.GET, "/api/clients", owner.accessToken(), null).statusCode())
                .isEqualTo(200);
        try {
            JsonObject subscribed = dashboard.await(LiveClient.type("subscribed"), 10_000);
            assertThat(subscribed.getString("clientId")).isEqualTo(client.toString());
            assertThat(dashboard.history()).noneMatch(LiveClient.type("error"));
        } finally {
            dashboard.close();
            vertx.close().await(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(live.accounts().login(owner.email(), Accounts.PASSWORD).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> written = live.http().callWithHeaders(HttpMethod.POST, observations, token, batch,
                "Idempotency-Key", "cut-off-batch");
        assertThat(written.statusCode()).as(written.bodyAsString()).isEqualTo(200);
        assertThat(written.bodyAsJsonObject().getInteger("inserted")).isEqualTo(1);
        HttpResponse<Buffer> again = live.http().callWithHeaders(HttpMethod.POST, observations, token, batch,
                "Idempotency-Key", "cut-off-batch");
        assertThat(again.bodyAsJsonObject()).isEqualTo(written.bodyAsJsonObject());
    }

    private static void assertUnavailable(HttpResponse<Buffer> response) {
        assertError(response, 503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("2");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.bodyAsString()).doesNotContain("Exception", "FATAL", "accepting");
    }

    /** Refuses new connections to the database and ends the open ones, as an outage would; or lifts that. */
    private static void cutOff(String database, boolean off) throws SQLException {
        DatabaseUrl admin = TestDatabase.server();
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             Statement sql = connection.createStatement()) {
            sql.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS " + !off);
            if (off) {
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            }
        }
    }
}
