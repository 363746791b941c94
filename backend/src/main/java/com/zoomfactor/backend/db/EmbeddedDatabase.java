package com.zoomfactor.backend.db;

import com.zoomfactor.backend.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run as a child process, with its data kept in a directory of ours so that it
 * survives restarts. It listens on localhost only. All methods block: call them off the event loop.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The database the product uses inside the embedded server (the server's own "postgres" stays untouched). */
    public static final String DATABASE_NAME = "zoomfactor";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final DatabaseUrl url;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseUrl url) {
        this.postgres = postgres;
        this.url = url;
    }

    /** Starts the server on {@code dataDirectory} (initialising it on first use) and makes sure our database exists. */
    public static EmbeddedDatabase start(Path dataDirectory, OptionalInt port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // we stop it ourselves, after the HTTP server and the pool, in that order
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "200")
                    // sized for bulk metric imports on a small machine, not PostgreSQL's tiny defaults
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("max_wal_size", "2GB")
                    .setServerConfig("checkpoint_timeout", "15min");
            port.ifPresent(builder::setPort);
            EmbeddedPostgres postgres = builder.start();
            DatabaseUrl url = new DatabaseUrl("localhost", postgres.getPort(), DATABASE_NAME, SUPERUSER, "");
            try {
                createDatabaseIfMissing(url.withDatabase("postgres"), DATABASE_NAME);
            } catch (SQLException | RuntimeException e) {
                postgres.close();
                throw e;
            }
            LOG.info("Embedded PostgreSQL is up on port {} with its data in {}", postgres.getPort(), dataDirectory);
            return new EmbeddedDatabase(postgres, url);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + " (is another Zoom Factor using that data directory?)", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    public DatabaseUrl url() {
        return url;
    }

    /** Creates {@code name} on the server reached through {@code admin} unless it exists already. */
    public static void createDatabaseIfMissing(DatabaseUrl admin, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + quoted(name) + " ENCODING 'UTF8'");
            }
        }
    }

    /**
     * Lets {@code role} (created by the migrations) sign in, so that the server's connections are that role from
     * the start and cannot {@code RESET ROLE} back to the superuser that owns the embedded cluster.
     */
    public DatabaseUrl allowLogin(String role) {
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             Statement alter = connection.createStatement()) {
            alter.execute("ALTER ROLE " + quoted(role) + " LOGIN");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not let " + role + " sign in to the embedded PostgreSQL: " + e.getMessage(), e);
        }
        return url.withUser(role);
    }

    /** Identifiers cannot be bound as parameters; ours are quoted all the same. */
    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        try {
            postgres.close();
            LOG.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
