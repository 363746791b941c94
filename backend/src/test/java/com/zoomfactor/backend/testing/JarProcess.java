package com.zoomfactor.backend.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code java -jar zoom-factor.jar} as a person runs it: a child process whose output we read. */
public final class JarProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("is ready at (http://\\S+)/");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final Thread reader;

    private JarProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::readOutput, "jar-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static JarProcess start(Path jar, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", jar.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("ZF_"));
        builder.environment().putAll(environment);
        return new JarProcess(builder.start());
    }

    /** The base URL the server printed once it was ready. */
    public String awaitReady(long seconds) throws Exception {
        try {
            return ready.get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not say it was ready within " + seconds + " s; it printed:\n"
                    + String.join("\n", output), e);
        }
    }

    /** Sends SIGTERM and waits; returns the exit code, or fails if the process outlives the timeout. */
    public int terminate(long seconds) throws InterruptedException {
        // Process.destroy() would also close our end of its output; the handle only sends the signal
        process.toHandle().destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running " + seconds + " s after SIGTERM; it printed:\n" + String.join("\n", output));
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /**
     * SIGKILL, as the OOM killer or {@code kill -9} sends it: no shutdown hook, no stop of the database; returns once
     * the process is gone.
     */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("still running 30 s after SIGKILL");
        }
        reader.join(5_000);
    }

    public long pid() {
        return process.pid();
    }

    /** The JVM's own child processes (e.g. the embedded database's watchdog). */
    public List<ProcessHandle> children() {
        return process.toHandle().children().toList();
    }

    /** Waits for the process to end by itself; returns its exit code. */
    public int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("still running after " + seconds + " s; it printed:\n" + String.join("\n", output));
        }
        reader.join(5_000);
        return process.exitValue();
    }

    public List<String> output() {
        return output;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                Matcher matcher = READY.matcher(line);
                if (matcher.find()) {
                    ready.complete(matcher.group(1));
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
        ready.completeExceptionally(new IllegalStateException("the process ended before it was ready"));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
