package com.zoomfactor.backend.testing;

import com.zoomfactor.backend.config.DatabaseUrl;
import com.zoomfactor.backend.db.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server the tests run against: the one named by {@code ZF_TEST_DATABASE_URL}, or an embedded
 * one started once per test run and shared. Each test class gets a database of its own on it, so that
 * classes never see each other's rows.
 */
public final class TestDatabase {

    public static final String URL_VARIABLE = "ZF_TEST_DATABASE_URL";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static DatabaseUrl server;

    private TestDatabase() {
    }

    /** A new, empty database on the shared test server; its name says which test asked for it. */
    public static DatabaseUrl freshDatabase(Class<?> owner) {
        DatabaseUrl admin = server();
        String name = ("zf_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet() + "_"
                + owner.getSimpleName()).toLowerCase(Locale.ROOT);
        name = name.length() > 63 ? name.substring(0, 63) : name;
        try {
            EmbeddedDatabase.createDatabaseIfMissing(admin, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return admin.withDatabase(name);
    }

    /** The test server's administrative database (to create databases, or to cut one off). */
    public static synchronized DatabaseUrl server() {
        if (server == null) {
            String configured = System.getenv(URL_VARIABLE);
            server = configured != null && !configured.isBlank() ? DatabaseUrl.parse(configured) : startEmbedded();
        }
        return server;
    }

    private static DatabaseUrl startEmbedded() {
        try {
            Path dataDir = Files.createTempDirectory(TestPaths.workDir(), "test-pgdata-");
            EmbeddedDatabase embedded = EmbeddedDatabase.startScratch(dataDir, OptionalInt.empty());
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "test-postgres-stop"));
            return embedded.url().withDatabase("postgres");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
