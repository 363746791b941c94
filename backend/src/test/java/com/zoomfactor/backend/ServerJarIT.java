package com.zoomfactor.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.JarProcess;
import com.zoomfactor.backend.testing.OpenApiContract;
import com.zoomfactor.backend.testing.TestPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as a person uses it: it starts on a fresh embedded database, serves the API and the SPA,
 * stops on SIGTERM with exit code 0 within 15 s, and comes back on the same data.
 */
class ServerJarIT {

    private static final Path JAR = Path.of(System.getProperty("zf.jar", "target/zoom-factor.jar"));
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theJarStartsOnAFreshEmbeddedDatabaseStopsOnSigtermAndRestartsOnTheSameData() throws Exception {
        assertThat(JAR).as("the runnable jar is built").isRegularFile();
        Path dataDir = TestPaths.newDirectory("jar-data-");
        int dbPort = JarProcess.freePort();
        Map<String, String> env = Map.of(
                "ZF_PORT", String.valueOf(JarProcess.freePort()),
                "ZF_DATA_DIR", dataDir.toString(),
                "ZF_EMBEDDED_DB_PORT", String.valueOf(dbPort));

        String installation;
        try (JarProcess first = JarProcess.start(JAR, env)) {
            String base = first.awaitReady(120);
            assertThat(get(base + "/api/health")).contains("\"status\":\"ok\"").contains("\"db\":\"up\"");
            assertThat(get(base + "/clients/x/y")).contains("<div id=\"root\">");
            installation = installationId(dbPort);
            assertThat(serverConnectionUsers(dbPort)).as("the server works as the application role, not the superuser")
                    .containsExactly("zoomfactor_app");
            assertThat(first.terminate(15)).as("exit code after SIGTERM").isZero();
            assertThat(first.output()).anyMatch(line -> line.contains("Zoom Factor stopped"));
        }
        assertThat(dataDir.resolve("pgdata").resolve("PG_VERSION")).as("the data lives in ZF_DATA_DIR").isRegularFile();

        try (JarProcess second = JarProcess.start(JAR, env)) {
            String base = second.awaitReady(120);
            assertThat(get(base + "/api/health")).contains("\"db\":\"up\"");
            assertThat(installationId(dbPort)).as("the same data after a restart").isEqualTo(installation);
            assertThat(second.terminate(15)).isZero();
        }
    }

    @Test
    void aMalformedSettingStopsTheJarWithAMessageNamingIt() throws Exception {
        try (JarProcess jar = JarProcess.start(JAR, Map.of("ZF_PORT", "eighty"))) {
            assertThat(jar.awaitExit(30)).isEqualTo(2);
            assertThat(String.join("\n", jar.output())).contains("ZF_PORT");
        }
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        URI target = URI.create(url);
        OpenApiContract.get().check("GET", target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()),
                response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static List<String> serverConnectionUsers(int dbPort) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/zoomfactor", "postgres", "");
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = 'zoomfactor'"
                     + " AND backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
            List<String> users = new ArrayList<>();
            while (rows.next()) {
                users.add(rows.getString(1));
            }
            return users;
        }
    }

    private static String installationId(int dbPort) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/zoomfactor", "postgres", "");
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT id FROM installation")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
