package com.zoomfactor.backend.tracking;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.config.ClickHouseUrl;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.CapturedLogs;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.StandaloneClickHouse;
import com.zoomfactor.backend.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A ClickHouse that refuses a batch (a wrong password) or does not answer (nothing on its port): the server still
 * starts, events are answered 503 with Retry-After (never 202), and the password reaches no log.
 */
class ClickHouseFailureTest {

    private static final String PASSWORD = "wrong-secret-" + UUID.randomUUID();
    private static Vertx vertx;

    @BeforeAll
    static void client() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aRefusedInsertIsA503AndThePasswordIsNeverLogged() throws Exception {
        ClickHouseUrl real = StandaloneClickHouse.shared().url("zf_refused");
        ClickHouseUrl wrong = new ClickHouseUrl(false, real.host(), real.port(), real.database(), "default", PASSWORD);
        try (CapturedLogs logs = new CapturedLogs()) {
            refused(wrong);
            assertThat(logs.lines()).anyMatch(line -> line.contains("not written to ClickHouse"))
                    .noneMatch(line -> line.contains(PASSWORD));
        }
    }

    @Test
    void anUnreachableClickHouseIsA503() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        refused(new ClickHouseUrl(false, "127.0.0.1", port, "zf_nowhere", "zf", PASSWORD));
    }

    private void refused(ClickHouseUrl url) throws Exception {
        try (TestServer server = TestServer.start(ClickHouseFailureTest.class, config -> config.withClickHouse(url))) {
            Http http = new Http(vertx, server.port());
            Accounts accounts = new Accounts(http);
            Accounts.Session owner = accounts.signUp("Refused Agency");
            UUID client = accounts.createClient(owner, "Refused Client");
            String domain = "refused-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
            HttpResponse<Buffer> site = http.call(HttpMethod.POST, "/api/clients/" + client + "/sites",
                    owner.accessToken(), new JsonObject().put("domain", domain));
            assertThat(site.statusCode()).isEqualTo(201);
            HttpResponse<Buffer> answer = http.sendWithHeaders(HttpMethod.POST, "/api/events", "text/plain",
                    new JsonObject().put("site", site.bodyAsJsonObject().getString("siteKey")).put("name", "pageview")
                            .put("url", "https://" + domain + "/").encode(),
                    Map.of("User-Agent", TrackingContract.FIREFOX));
            assertError(answer, 503);
            assertThat(answer.getHeader("Retry-After")).isEqualTo("1");
        }
    }
}
