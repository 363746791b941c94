package com.zoomfactor.backend.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.config.DatabaseUrl;
import com.zoomfactor.backend.testing.TestPaths;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {

    @Test
    void dataWrittenBeforeAStopIsThereAfterTheNextStart() throws Exception {
        Path dataDir = TestPaths.newDirectory("embedded-restart-");

        String firstInstallation;
        try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir, OptionalInt.empty())) {
            assertThat(Migrations.migrate(first.url()).migrationsExecuted).isPositive();
            firstInstallation = installationId(first.url());
        }

        try (EmbeddedDatabase second = EmbeddedDatabase.start(dataDir, OptionalInt.empty())) {
            assertThat(Migrations.migrate(second.url()).migrationsExecuted).as("nothing left to migrate").isZero();
            assertThat(installationId(second.url())).isEqualTo(firstInstallation);
            assertThat(serverMajorVersion(second.url())).isGreaterThanOrEqualTo(17);
        }
    }

    private static String installationId(DatabaseUrl url) throws Exception {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT id FROM installation")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static int serverMajorVersion(DatabaseUrl url) throws Exception {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
            return c.getMetaData().getDatabaseMajorVersion();
        }
    }
}
