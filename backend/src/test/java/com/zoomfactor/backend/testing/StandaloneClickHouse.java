package com.zoomfactor.backend.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.zoomfactor.backend.config.ClickHouseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A ClickHouse server of the machine's own (Debian's {@code clickhouse-server} package, or a {@code clickhouse} binary
 * on the PATH), run as a plain process in a temporary directory on free ports: the package's {@code config.xml} and
 * {@code users.xml} copied, with every path under the directory and every port a free one. One per test JVM, started
 * on first use and stopped when the JVM exits.
 *
 * <p>Without ClickHouse the tests that need it are skipped, loudly; under CI ({@code CI=true}) they fail instead.
 */
public final class StandaloneClickHouse {

    /** Overrides the server binary ({@code clickhouse-server}, or {@code clickhouse} run as {@code clickhouse server}). */
    public static final String BINARY_VARIABLE = "ZF_CLICKHOUSE_SERVER";
    private static final Path CONFIG = Path.of("/etc/clickhouse-server");
    private static StandaloneClickHouse shared;

    private final Process process;
    private final Path dir;
    private final int httpPort;

    private StandaloneClickHouse(Process process, Path dir, int httpPort) {
        this.process = process;
        this.dir = dir;
        this.httpPort = httpPort;
    }

    /** The JVM's server (started now if it is not yet), or the test skipped (failed under CI) without ClickHouse. */
    public static synchronized StandaloneClickHouse shared() {
        if (shared == null) {
            shared = start();
            StandaloneClickHouse started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "standalone-clickhouse-stop"));
        }
        return shared;
    }

    /** A URL of the server for {@code database} (made by the store's DDL on first use). */
    public ClickHouseUrl url(String database) {
        return new ClickHouseUrl(false, "127.0.0.1", httpPort, database, "default", "");
    }

    /** Runs one statement and answers its text result (tests read the stored rows with it). */
    public String query(String sql) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/")).POST(HttpRequest.BodyPublishers.ofString(sql))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse answered " + answer.statusCode() + ": " + answer.body());
            }
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static StandaloneClickHouse start() {
        List<String> command = command().orElseGet(() -> missing("no ClickHouse server (install Debian's package with"
                + " 'apt-get install -y clickhouse-server', or point " + BINARY_VARIABLE + " at a binary)"));
        if (!Files.isRegularFile(CONFIG.resolve("config.xml"))) {
            missing("no " + CONFIG.resolve("config.xml") + " to start from");
        }
        Path dir = TestPaths.newDirectory("clickhouse-");
        try {
            int httpPort = freePort();
            String config = Files.readString(CONFIG.resolve("config.xml"))
                    .replace("/var/lib/clickhouse/", dir.resolve("data") + "/")
                    .replace("/var/log/clickhouse-server/", dir.resolve("log") + "/");
            config = port(config, "http_port", httpPort);
            config = port(config, "tcp_port", freePort());
            config = port(config, "interserver_http_port", freePort());
            for (String unused : List.of("https_port", "tcp_port_secure", "mysql_port", "postgresql_port",
                    "grpc_port", "listen_host")) {
                config = config.replaceAll("<" + unused + ">[^<]*</" + unused + ">", "");
            }
            config = config.replaceFirst("(<(clickhouse|yandex)>)", "$1<listen_host>127.0.0.1</listen_host>");
            Files.writeString(dir.resolve("config.xml"), config);
            if (Files.isRegularFile(CONFIG.resolve("users.xml"))) {
                Files.copy(CONFIG.resolve("users.xml"), dir.resolve("users.xml"));
            }
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("log"));
            List<String> run = new java.util.ArrayList<>(command);
            run.add("--config-file=" + dir.resolve("config.xml"));
            Process process = new ProcessBuilder(run).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.out").toFile()).start();
            StandaloneClickHouse server = new StandaloneClickHouse(process, dir, httpPort);
            server.awaitPing();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitPing() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("ClickHouse exited at start (" + process.exitValue() + "): " + logs());
            }
            try {
                HttpResponse<String> ping = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/ping")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ping.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        fail("ClickHouse did not answer /ping within 60 s: " + logs());
    }

    private String logs() {
        StringBuilder text = new StringBuilder();
        for (Path file : List.of(dir.resolve("server.out"), dir.resolve("log/clickhouse-server.err.log"))) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                text.append('\n').append(file.getFileName()).append(":\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
            } catch (IOException | UncheckedIOException e) {
                // no such log
            }
        }
        return text.toString();
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind
        }
    }

    private static String port(String config, String tag, int port) {
        return config.replaceAll("<" + tag + ">\\d+</" + tag + ">", "<" + tag + ">" + port + "</" + tag + ">");
    }

    private static Optional<List<String>> command() {
        String override = System.getenv(BINARY_VARIABLE);
        if (override != null && !override.isBlank()) {
            return Optional.of(override.endsWith("/clickhouse") ? List.of(override, "server") : List.of(override));
        }
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "clickhouse-server"))) {
                return Optional.of(List.of(Path.of(dir, "clickhouse-server").toString()));
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "clickhouse"))) {
                return Optional.of(List.of(Path.of(dir, "clickhouse").toString(), "server"));
            }
        }
        return Optional.empty();
    }

    private static <T> T missing(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("The ClickHouse tests must run under CI, but there is " + why);
        }
        System.err.println("\n!!! SKIPPING CLICKHOUSE TESTS: " + why + " !!!\n");
        Assumptions.abort("ClickHouse tests skipped: " + why);
        throw new IllegalStateException("unreachable");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
