package com.zoomfactor.backend.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.config.DatabaseUrl;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.TestDatabase;
import com.zoomfactor.backend.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class HealthWhenDatabaseIsDownTest {

    @Test
    void healthAnswers503WithDbDownWhileTheDatabaseRefusesAndRecoversAfter(Vertx vertx) throws Exception {
        try (TestServer server = TestServer.start(HealthWhenDatabaseIsDownTest.class)) {
            Http http = new Http(vertx, server.port());
            assertThat(http.get("/api/health").statusCode()).isEqualTo(200);

            String database = server.database().database();
            cutOff(database, true);
            try {
                HttpResponse<Buffer> down = http.get("/api/health");
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.bodyAsJsonObject().getString("db")).isEqualTo("down");
                assertThat(down.bodyAsJsonObject().getString("status")).isEqualTo("unavailable");
                assertThat(down.bodyAsJsonObject().getString("version")).isNotBlank();
                assertThat(down.getHeader("Retry-After")).isEqualTo("2");
            } finally {
                cutOff(database, false);
            }

            HttpResponse<Buffer> up = http.get("/api/health");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.bodyAsJsonObject().getString("db")).isEqualTo("up");
        }
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
