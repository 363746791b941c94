package com.zoomfactor.backend.db;

import com.zoomfactor.backend.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings a database's schema up to date with the SQL files under {@code db/migration}. Blocking. */
public final class Migrations {

    /** The oldest PostgreSQL the schema is written for. */
    public static final int MINIMUM_SERVER_MAJOR_VERSION = 15;

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    public static MigrateResult migrate(DatabaseUrl url) {
        requireSupportedServer(url);
        Flyway flyway = Flyway.configure()
                .dataSource(url.jdbcUrl(), url.user(), url.password())
                .locations("classpath:db/migration")
                .connectRetries(3)
                .cleanDisabled(true)
                .validateMigrationNaming(true)
                .load();
        MigrateResult result = flyway.migrate();
        LOG.info("Database schema at version {} ({} migration(s) applied now)",
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted);
        return result;
    }

    private static void requireSupportedServer(DatabaseUrl url) {
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
            int major = connection.getMetaData().getDatabaseMajorVersion();
            if (major < MINIMUM_SERVER_MAJOR_VERSION) {
                throw new IllegalStateException("PostgreSQL " + major + " at " + url + " is too old: Zoom Factor needs "
                        + MINIMUM_SERVER_MAJOR_VERSION + " or newer");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the database at " + url + ": " + e.getMessage(), e);
        }
    }
}
