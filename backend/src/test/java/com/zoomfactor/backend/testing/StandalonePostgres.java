package com.zoomfactor.backend.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.zoomfactor.backend.config.DatabaseUrl;
import com.zoomfactor.backend.db.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server of the machine's own (Debian's {@code postgresql} package), run by a test in a temporary
 * directory on a free port, which the test can stop, start and restart while a Zoom Factor server uses it: the fault
 * tests' external database. PostgreSQL refuses to run as root, so under root every command runs as the {@code postgres}
 * OS user the package creates, in a directory that user owns.
 *
 * <p>Without the package the tests that need it are skipped, loudly; under CI ({@code CI=true}) they fail instead.
 */
public final class StandalonePostgres implements AutoCloseable {

    /** Overrides where the binaries ({@code initdb}, {@code pg_ctl}, {@code postgres}) are looked for. */
    public static final String BIN_VARIABLE = "ZF_POSTGRES_BIN";
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
    private static final String OS_USER = "postgres";
    private static final long COMMAND_SECONDS = 120;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;
    private final Thread stopAtExit;

    private StandalonePostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.stopAtExit = new Thread(this::stopQuietly, "standalone-postgres-stop");
    }

    /** Initialises a cluster in a new temporary directory and starts it (or skips the test, see the class). */
    public static StandalonePostgres start() {
        Path bin = binaries().orElseGet(() -> missing("no PostgreSQL server binaries under " + DEBIAN_VERSIONS
                + "/*/bin (install them with 'apt-get install -y postgresql', or point " + BIN_VARIABLE
                + " at a bin directory)"));
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "zf-standalone-pg-");
            if (root) {
                handOver(dir);
            }
            StandalonePostgres postgres = new StandalonePostgres(bin, dir, freePort(), root);
            postgres.run("initdb", "-D", postgres.data().toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--locale=C", "--no-sync");
            Runtime.getRuntime().addShutdownHook(postgres.stopAtExit);
            postgres.startServer();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new database on this server, as its superuser (trust authentication on localhost). */
    public DatabaseUrl createDatabase(String name) {
        DatabaseUrl admin = new DatabaseUrl("localhost", port, "postgres", "postgres", "");
        try {
            EmbeddedDatabase.createDatabaseIfMissing(admin, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return admin.withDatabase(name);
    }

    public int port() {
        return port;
    }

    /** Starts the stopped server and waits until it accepts connections. */
    public void startServer() {
        run("pg_ctl", "-D", data().toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=localhost -c unix_socket_directories=" + dir
                        + " -c max_connections=100",
                "start");
    }

    /** Stops the server the way an operator does for maintenance: open connections are ended (fast shutdown). */
    public void stopServer() {
        run("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    /** {@code pg_ctl restart -m fast}: ends every connection, and starts again as soon as it is down. */
    public void restartServer() {
        run("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "-l",
                dir.resolve("server.log").toString(), "restart");
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the hook is running already
        }
        stopQuietly();
        deleteTree(dir);
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void stopQuietly() {
        try {
            run("pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "-t", "30", "stop");
        } catch (RuntimeException alreadyStopped) {
            // nothing to stop
        }
    }

    private void run(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path output = dir.resolve("command.log");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not finish within " + COMMAND_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + ":\n" + tail(output) + "\n" + tail(dir.resolve("server.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The bin directory of the newest PostgreSQL installed, if any. */
    static Optional<Path> binaries() {
        String configured = System.getenv(BIN_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path bin = Path.of(configured);
            return Files.isExecutable(bin.resolve("postgres")) ? Optional.of(bin) : Optional.empty();
        }
        if (!Files.isDirectory(DEBIAN_VERSIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("postgres")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(StandalonePostgres::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Under root: the directory belongs to the postgres OS user, who runs the server. */
    private static void handOver(Path dir) throws IOException {
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user;
        GroupPrincipal group;
        try {
            user = lookup.lookupPrincipalByName(OS_USER);
            group = lookup.lookupPrincipalByGroupName(OS_USER);
        } catch (UserPrincipalNotFoundException e) {
            deleteTree(dir);
            missing("no '" + OS_USER + "' OS user to run PostgreSQL as (PostgreSQL refuses to run as root; "
                    + "Debian's postgresql package creates the user)");
            return;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
    }

    private static <T> T missing(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("The database fault tests must run under CI, but there is " + why);
        }
        System.err.println("\n!!! SKIPPING DATABASE FAULT TESTS: " + why + " !!!\n");
        Assumptions.abort("database fault tests skipped: " + why);
        throw new IllegalStateException("unreachable");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no " + file.getFileName() + ")";
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover in /tmp is harmless
        }
    }
}
