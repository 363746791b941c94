package com.zoomfactor.backend.db;

import com.zoomfactor.backend.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run as a child process, with its data kept in a directory of ours so that it
 * survives restarts. It listens on localhost only. All methods block: call them off the event loop.
 *
 * <p>Crash safety: the data directory is claimed with {@link DataDirectoryLock} first (a second server on it is
 * refused at once); a PostgreSQL that a dead Zoom Factor left running on it is stopped before the start
 * ({@link Postmaster#recoverOrphan}); and a {@link PostmasterWatchdog} stops ours if this JVM dies without
 * stopping it, so that such an orphan should not arise in the first place.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The database the product uses inside the embedded server (the server's own "postgres" stays untouched). */
    public static final String DATABASE_NAME = "zoomfactor";
    /** Where the cluster lives inside the data directory. */
    public static final String CLUSTER_DIRECTORY = "pgdata";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String SUPERUSER = "postgres";
    /** How long a stop waits for the postmaster to be gone before it gives the data directory up anyway. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final DatabaseUrl url;
    private final DataDirectoryLock lock;
    private final long postmasterPid;
    private final PostmasterWatchdog watchdog;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseUrl url, DataDirectoryLock lock, long postmasterPid,
                             PostmasterWatchdog watchdog) {
        this.postgres = postgres;
        this.url = url;
        this.lock = lock;
        this.postmasterPid = postmasterPid;
        this.watchdog = watchdog;
    }

    /**
     * Claims {@code dataDirectory} (ZF_DATA_DIR), recovers from a crash of the server that used it before, then
     * starts the cluster in its {@value #CLUSTER_DIRECTORY} (initialising it on first use) and makes sure our
     * database exists.
     */
    public static EmbeddedDatabase start(Path dataDirectory, OptionalInt port) {
        return start(dataDirectory, port, true);
    }

    /**
     * A throwaway cluster (the tests' shared server): like {@link #start} but without fsync and with asynchronous
     * commits, so an acknowledged commit may be lost in a crash. Never for data anyone keeps.
     */
    public static EmbeddedDatabase startScratch(Path dataDirectory, OptionalInt port) {
        return start(dataDirectory, port, false);
    }

    private static EmbeddedDatabase start(Path dataDirectory, OptionalInt port, boolean durable) {
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDirectory.toAbsolutePath().normalize());
        try {
            return start(lock, port, durable);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static EmbeddedDatabase start(DataDirectoryLock lock, OptionalInt port, boolean durable) {
        Path pgdata = lock.directory().resolve(CLUSTER_DIRECTORY);
        try {
            if (isEmptyOrMissing(pgdata)) {
                initialize(pgdata);
            }
            Postmaster.recoverOrphan(pgdata);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgdata)
                    .setCleanDataDirectory(false)
                    // we stop it ourselves, after the HTTP server and the pool, in that order
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "localhost")
                    // TCP only: no socket in /tmp, whose lock file names the pid of a killed server (a zombie where
                    // nobody reaps, which still "exists") and would refuse the next start on the same port
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("max_connections", "200")
                    // sized for bulk metric imports on a small machine, not PostgreSQL's tiny defaults
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("max_wal_size", "2GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    // an acknowledged write must survive a crash of PostgreSQL or of the machine: the library starts
                    // the server with -F (no fsync) and synchronous_commit off, a test fixture's settings
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off");
            port.ifPresent(builder::setPort);
            EmbeddedPostgres postgres = builder.start();
            long pid;
            PostmasterWatchdog watchdog;
            try {
                // something answered on the port, but without a pid file ours is not running (the port is taken)
                pid = Postmaster.pidIn(pgdata).orElseThrow(() -> new IllegalStateException("The embedded PostgreSQL in "
                        + pgdata + " is not running after its start: is port " + postgres.getPort()
                        + " used by another server? (ZF_EMBEDDED_DB_PORT)"));
                watchdog = PostmasterWatchdog.watch(pid, pgdata);
            } catch (IOException | RuntimeException e) {
                postgres.close();
                throw e;
            }
            DatabaseUrl url = new DatabaseUrl("localhost", postgres.getPort(), DATABASE_NAME, SUPERUSER, "");
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, url, lock, pid, watchdog);
            try {
                database.checkServes(pgdata);
                createDatabaseIfMissing(url.withDatabase("postgres"), DATABASE_NAME);
            } catch (SQLException | RuntimeException e) {
                database.stopServer();
                throw e;
            }
            LOG.info("Embedded PostgreSQL (pid {}) is up on port {} with its data in {}", pid, postgres.getPort(), pgdata);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgdata + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the cluster in a staging directory beside {@code pgdata} and renames it into place once complete, so
     * that a first start killed halfway through initdb leaves no half-made cluster that later starts would take
     * for a real one; the next start discards the staging directory and begins again.
     */
    private static void initialize(Path pgdata) throws IOException {
        Path staging = pgdata.resolveSibling(pgdata.getFileName() + ".initdb");
        if (Files.exists(staging)) {
            LOG.warn("Discarding {}: an earlier first start did not finish creating the database", staging);
            Postmaster.recoverOrphan(staging);
            deleteRecursively(staging);
        }
        LOG.info("Creating the embedded PostgreSQL cluster in {}", pgdata);
        // the library runs initdb (which syncs its files) only as part of a start: start and stop once
        EmbeddedPostgres.builder()
                .setDataDirectory(staging)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "")
                .start()
                .close();
        Files.deleteIfExists(pgdata);
        Files.move(staging, pgdata, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean isEmptyOrMissing(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * The server on our port must be the one we started: with a fixed port, another PostgreSQL already listening
     * there would otherwise pass for ours.
     */
    private void checkServes(Path pgdata) throws SQLException {
        DatabaseUrl admin = url.withDatabase("postgres");
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             Statement show = connection.createStatement();
             ResultSet rows = show.executeQuery("SHOW data_directory")) {
            rows.next();
            Path served = Path.of(rows.getString(1));
            if (!Files.isSameFile(served, pgdata)) {
                throw new IllegalStateException("Port " + url.port() + " is served by another PostgreSQL (its data in "
                        + served + "), not the embedded one in " + pgdata + ": choose another ZF_EMBEDDED_DB_PORT");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The postmaster's process id. */
    long postmasterPid() {
        return postmasterPid;
    }

    /** Its watchdog (tests stand in for a dying JVM through it). */
    PostmasterWatchdog watchdog() {
        return watchdog;
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

    /** Stops the server and waits for its postmaster to be gone, then gives the data directory up. */
    @Override
    public void close() {
        try {
            stopServer();
        } finally {
            lock.close();
        }
    }

    private void stopServer() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
        // pg_ctl gives up after 5 s; the directory is only released once nothing of ours serves it any more
        if (Postmaster.awaitGone(postmasterPid, STOP_WAIT)) {
            LOG.info("Embedded PostgreSQL stopped");
        } else {
            LOG.warn("Embedded PostgreSQL (pid {}) is still running {} s after the stop request", postmasterPid,
                    STOP_WAIT.toSeconds());
        }
        watchdog.close();
    }
}
