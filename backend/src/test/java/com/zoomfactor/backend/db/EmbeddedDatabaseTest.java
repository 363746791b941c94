package com.zoomfactor.backend.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zoomfactor.backend.config.DatabaseUrl;
import com.zoomfactor.backend.testing.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {

    /** A bound for things that take milliseconds, so that a broken mechanism fails instead of hanging. */
    private static final Duration GONE_WITHIN = Duration.ofSeconds(60);

    @Test
    void dataWrittenBeforeAStopIsThereAfterTheNextStart() throws Exception {
        Path dataDir = TestPaths.newDirectory("embedded-restart-");

        String firstInstallation;
        try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir, OptionalInt.empty())) {
            assertThat(Migrations.migrate(first.url()).migrationsExecuted).isPositive();
            firstInstallation = installationId(first.url());
        }
        assertThat(dataDir.resolve("pgdata").resolve(Postmaster.PID_FILE)).as("a clean stop removes the pid file")
                .doesNotExist();

        try (EmbeddedDatabase second = EmbeddedDatabase.start(dataDir, OptionalInt.empty())) {
            assertThat(Migrations.migrate(second.url()).migrationsExecuted).as("nothing left to migrate").isZero();
            assertThat(installationId(second.url())).isEqualTo(firstInstallation);
            assertThat(serverMajorVersion(second.url())).isGreaterThanOrEqualTo(17);
            assertThat(setting(second.url(), "fsync")).as("writes reach the disk").isEqualTo("on");
            assertThat(setting(second.url(), "synchronous_commit")).as("an acknowledged commit is durable").isEqualTo("on");
        }
    }

    @Test
    void aFirstStartKilledDuringInitdbLeavesNothingThatPassesForADatabase() throws Exception {
        Path dataDir = TestPaths.newDirectory("embedded-initdb-");
        // what initdb leaves when killed halfway: some files, no usable cluster
        Path staging = Files.createDirectories(dataDir.resolve("pgdata.initdb"));
        Files.writeString(staging.resolve("PG_VERSION"), "18\n");
        Files.writeString(staging.resolve("postgresql.conf"), "# half written\n");

        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, OptionalInt.empty())) {
            assertThat(Migrations.migrate(database.url()).migrationsExecuted).isPositive();
            assertThat(installationId(database.url())).isNotBlank();
        }
        assertThat(staging).as("created aside, then moved into place").doesNotExist();
        assertThat(dataDir.resolve("pgdata").resolve("global").resolve("pg_control")).isRegularFile();
    }

    @Test
    void aDataDirectoryInUseIsRefusedAtOnceWithItsNameAndTheHoldersPid() throws Exception {
        Path dataDir = TestPaths.newDirectory("embedded-held-");
        try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir, OptionalInt.empty())) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir, OptionalInt.empty()))
                    .isInstanceOf(DataDirectoryLock.DataDirectoryInUseException.class)
                    .hasMessageContaining(dataDir.toString())
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            assertThat(serverMajorVersion(first.url())).as("the holder is untouched").isPositive();
            assertThat(Files.readString(dataDir.resolve(DataDirectoryLock.FILE_NAME)).trim())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
        // released with the stop: the next start takes it
        try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir, OptionalInt.empty())) {
            assertThat(serverMajorVersion(again.url())).isPositive();
        }
    }

    @Test
    void whenTheServersEndOfTheWatchdogsPipeClosesThePostmasterStops() throws Exception {
        Path dataDir = TestPaths.newDirectory("embedded-watchdog-");
        EmbeddedDatabase orphaned = EmbeddedDatabase.start(dataDir, OptionalInt.empty());
        long pid = orphaned.postmasterPid();
        assertThat(Postmaster.identify(pid, dataDir.resolve("pgdata"))).isEqualTo(Postmaster.Identity.POSTMASTER_OF_DIRECTORY);

        // what the kernel does to the pipe when the JVM dies, whatever way it dies
        orphaned.watchdog().simulateDeathOfTheServer();
        assertThat(Postmaster.awaitGone(pid, GONE_WITHIN)).as("the postmaster stops by itself").isTrue();
        assertThat(dataDir.resolve("pgdata").resolve(Postmaster.PID_FILE)).as("a fast shutdown, not a crash")
                .doesNotExist();
        orphaned.close();

        try (EmbeddedDatabase next = EmbeddedDatabase.start(dataDir, OptionalInt.empty())) {
            assertThat(serverMajorVersion(next.url())).isPositive();
        }
    }

    @Test
    void aPidFileNamingALiveProcessThatIsNotOurPostgresIsStaleAndThatProcessIsLeftAlone() throws Exception {
        Path dataDir = TestPaths.newDirectory("embedded-stale-live-");
        String pidFile = pidFileOfARun(dataDir);
        Process bystander = new ProcessBuilder("sleep", "300").start();
        try {
            writePidFile(dataDir, pidFile, bystander.pid());
            assertThat(Postmaster.identify(bystander.pid(), dataDir.resolve("pgdata")))
                    .isEqualTo(Postmaster.Identity.SOMETHING_ELSE);

            try (EmbeddedDatabase next = EmbeddedDatabase.start(dataDir, OptionalInt.empty())) {
                assertThat(serverMajorVersion(next.url())).isPositive();
                assertThat(bystander.isAlive()).as("a process that reused the pid is never signalled").isTrue();
            }
        } finally {
            bystander.destroyForcibly();
        }
    }

    @Test
    void aPidFileNamingAProcessThatIsGoneDoesNotStopTheStart() throws Exception {
        Path dataDir = TestPaths.newDirectory("embedded-stale-dead-");
        String pidFile = pidFileOfARun(dataDir);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        writePidFile(dataDir, pidFile, gone.pid());

        try (EmbeddedDatabase next = EmbeddedDatabase.start(dataDir, OptionalInt.empty())) {
            assertThat(serverMajorVersion(next.url())).isPositive();
        }
    }

    @Test
    void anEmptyPidFileFromAStartCutShortDoesNotStopTheNextStart() throws Exception {
        Path dataDir = TestPaths.newDirectory("embedded-empty-pid-");
        pidFileOfARun(dataDir);
        Files.writeString(dataDir.resolve("pgdata").resolve(Postmaster.PID_FILE), "");

        try (EmbeddedDatabase next = EmbeddedDatabase.start(dataDir, OptionalInt.empty())) {
            assertThat(serverMajorVersion(next.url())).isPositive();
        }
    }

    @Test
    void anotherPostgresOfAnotherDirectoryIsNotOurs() throws Exception {
        Path dataDir = TestPaths.newDirectory("embedded-other-");
        Path otherDir = TestPaths.newDirectory("embedded-other-b-");
        try (EmbeddedDatabase other = EmbeddedDatabase.start(otherDir, OptionalInt.empty())) {
            assertThat(Postmaster.identify(other.postmasterPid(), dataDir.resolve("pgdata")))
                    .isEqualTo(Postmaster.Identity.SOMETHING_ELSE);
            assertThat(Postmaster.identify(other.postmasterPid(), otherDir.resolve("pgdata")))
                    .isEqualTo(Postmaster.Identity.POSTMASTER_OF_DIRECTORY);
        }
    }

    /** The pid file of a run of the server on {@code dataDir}, as it was while it ran. */
    private static String pidFileOfARun(Path dataDir) throws Exception {
        try (EmbeddedDatabase run = EmbeddedDatabase.start(dataDir, OptionalInt.empty())) {
            return Files.readString(dataDir.resolve("pgdata").resolve(Postmaster.PID_FILE), StandardCharsets.UTF_8);
        }
    }

    /** That pid file left behind as a crash leaves it, but naming {@code pid}. */
    private static void writePidFile(Path dataDir, String pidFile, long pid) throws Exception {
        Files.writeString(dataDir.resolve("pgdata").resolve(Postmaster.PID_FILE),
                pid + pidFile.substring(pidFile.indexOf('\n')), StandardCharsets.UTF_8);
    }

    private static String installationId(DatabaseUrl url) throws Exception {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT id FROM installation")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static String setting(DatabaseUrl url, String name) throws Exception {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT current_setting('" + name + "')")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static int serverMajorVersion(DatabaseUrl url) throws Exception {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
            return c.getMetaData().getDatabaseMajorVersion();
        }
    }
}
