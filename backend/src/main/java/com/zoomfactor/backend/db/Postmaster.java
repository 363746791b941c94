package com.zoomfactor.backend.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server process of a data directory, as seen from outside: who {@code postmaster.pid} names, whether
 * that process really is a postgres serving this directory, and how to stop one that a dead Zoom Factor left behind.
 * All methods block.
 */
final class Postmaster {

    static final String PID_FILE = "postmaster.pid";

    /** A fast shutdown ends the sessions and writes a checkpoint: seconds, even with a full shared_buffers. */
    static final Duration FAST_STOP_WAIT = Duration.ofSeconds(60);
    /** An immediate shutdown (SIGQUIT) only ends processes; the next start replays the WAL. */
    static final Duration IMMEDIATE_STOP_WAIT = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);
    private static final Path PROC = Path.of("/proc");

    /** What a pid turned out to be. */
    enum Identity { POSTMASTER_OF_DIRECTORY, SOMETHING_ELSE, UNKNOWN }

    private Postmaster() {
    }

    /** The pid in {@code pgdata/postmaster.pid} (its first line), if the file exists and names one. */
    static Optional<Long> pidIn(Path pgdata) {
        try {
            List<String> lines = Files.readAllLines(pgdata.resolve(PID_FILE), StandardCharsets.UTF_8);
            return lines.isEmpty() || !lines.get(0).trim().matches("\\d{1,18}") ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pgdata.resolve(PID_FILE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes {@code pgdata} ready for a start, with the data directory lock held (so no live Zoom Factor uses it):
     * a postmaster still serving it is an orphan of a dead Zoom Factor and is stopped (fast shutdown, then harder
     * after a bounded wait); a {@code postmaster.pid} naming a process that is gone, a zombie, or something else
     * that took the pid over, is stale and removed. A live process that cannot be identified is never signalled:
     * the start is refused with a message saying what to check.
     */
    static void recoverOrphan(Path pgdata) {
        Path pidFile = pgdata.resolve(PID_FILE);
        Optional<Long> named = pidIn(pgdata);
        if (named.isEmpty()) {
            if (Files.exists(pidFile)) {
                // PostgreSQL died while writing it; left there, PostgreSQL would refuse every start ("lock file is empty")
                LOG.warn("{} names no process (a start was cut short): removing it", pidFile);
                try {
                    Files.deleteIfExists(pidFile);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot remove " + pidFile + ": " + e.getMessage(), e);
                }
            }
            return;
        }
        long pid = named.get();
        if (!running(pid)) {
            LOG.info("{} names process {}, which is gone: the last stop was not clean, PostgreSQL recovers", pidFile, pid);
            deleteStale(pidFile, pid);
            return;
        }
        switch (identify(pid, pgdata)) {
            case POSTMASTER_OF_DIRECTORY -> {
                stopOrphan(pid, pgdata);
                // a clean stop removed it; after a harder one it names a dead (or unreaped) process
                deleteStale(pidFile, pid);
            }
            case SOMETHING_ELSE -> {
                LOG.warn("{} names process {}, which is not a PostgreSQL serving {}: the file is stale (the pid was"
                        + " reused) and is removed; that process is left alone", pidFile, pid, pgdata);
                deleteStale(pidFile, pid);
            }
            case UNKNOWN -> throw new IllegalStateException(pidFile + " names process " + pid
                    + ", which is alive but could not be identified; if it is not a PostgreSQL using " + pgdata
                    + ", delete that file and start again");
        }
    }

    private static void stopOrphan(long pid, Path pgdata) {
        LOG.warn("PostgreSQL (pid {}) is still serving {}, left behind by a Zoom Factor that died: stopping it"
                + " (fast shutdown) before starting", pid, pgdata);
        long started = System.nanoTime();
        if (stop(pid, pgdata, "INT", FAST_STOP_WAIT)) {
            LOG.warn("Orphaned PostgreSQL (pid {}) stopped cleanly in {} ms", pid, (System.nanoTime() - started) / 1_000_000);
            return;
        }
        LOG.warn("Orphaned PostgreSQL (pid {}) did not stop within {} s: immediate shutdown (the start replays the WAL)",
                pid, FAST_STOP_WAIT.toSeconds());
        if (stop(pid, pgdata, "QUIT", IMMEDIATE_STOP_WAIT)) {
            return;
        }
        LOG.warn("Orphaned PostgreSQL (pid {}) did not stop within {} s: killing it", pid, IMMEDIATE_STOP_WAIT.toSeconds());
        if (!stop(pid, pgdata, "KILL", IMMEDIATE_STOP_WAIT)) {
            throw new IllegalStateException("The orphaned PostgreSQL (pid " + pid + ") serving " + pgdata
                    + " could not be stopped");
        }
    }

    /** Sends {@code signal} unless the pid changed hands meanwhile; true once the process is gone. */
    private static boolean stop(long pid, Path pgdata, String signal, Duration wait) {
        if (!running(pid) || identify(pid, pgdata) != Identity.POSTMASTER_OF_DIRECTORY) {
            return true;
        }
        signal(pid, signal);
        return awaitGone(pid, wait);
    }

    /** Waits (polling: the process is not our child) until {@code pid} has ended; false if it outlives the wait. */
    static boolean awaitGone(long pid, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (running(pid)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !running(pid);
            }
        }
        return true;
    }

    private static void signal(long pid, String signal) {
        try {
            // the JDK sends only SIGTERM and SIGKILL; the shell's kill sends any (the pid is an argument, never code)
            Process kill = new ProcessBuilder("sh", "-c", "kill -s " + signal + " \"$1\"", "kill", Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot signal process " + pid + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Alive and not a zombie (an exited process nobody reaped still answers kill -0, but serves nothing). */
    static boolean running(long pid) {
        if (Files.isDirectory(PROC.resolve("self"))) {
            try {
                String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
                // "pid (command) S ...": the command may hold spaces and parentheses, the state follows the last ')'
                int close = stat.lastIndexOf(')');
                char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
                return state != 'Z' && state != 'X';
            } catch (IOException e) {
                return false;
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Whether {@code pid} is a {@code postgres} started with {@code -D pgdata}, from its command line. */
    static Identity identify(long pid, Path pgdata) {
        Optional<String[]> commandLine = commandLine(pid);
        if (commandLine.isEmpty()) {
            return running(pid) ? Identity.UNKNOWN : Identity.SOMETHING_ELSE;
        }
        String[] words = commandLine.get();
        if (words.length == 0) {
            // no argv: a kernel thread, or a process on its way out; a postgres only if its name says so
            return command(pid).filter("postgres"::equals).isPresent() ? Identity.UNKNOWN : Identity.SOMETHING_ELSE;
        }
        String program = Path.of(words[0]).getFileName() == null ? words[0] : Path.of(words[0]).getFileName().toString();
        if (!program.equals("postgres") && !program.equals("postgres.exe")) {
            return Identity.SOMETHING_ELSE;
        }
        for (int i = 1; i + 1 < words.length; i++) {
            if (words[i].equals("-D") && sameDirectory(Path.of(words[i + 1]), pgdata)) {
                return Identity.POSTMASTER_OF_DIRECTORY;
            }
        }
        return Identity.SOMETHING_ELSE;
    }

    /** argv of {@code pid}: /proc on Linux, the JDK's view elsewhere. */
    private static Optional<String[]> commandLine(long pid) {
        Path cmdline = PROC.resolve(Long.toString(pid)).resolve("cmdline");
        if (Files.isDirectory(PROC.resolve("self"))) {
            try {
                String raw = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
                return Optional.of(raw.isEmpty() ? new String[0] : raw.split("\0"));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return ProcessHandle.of(pid).flatMap(handle -> {
            ProcessHandle.Info info = handle.info();
            return info.command().map(command -> {
                String[] arguments = info.arguments().orElse(new String[0]);
                String[] words = Arrays.copyOf(new String[] {command}, arguments.length + 1);
                System.arraycopy(arguments, 0, words, 1, arguments.length);
                return words;
            });
        });
    }

    /** The kernel's short name of {@code pid} (Linux), e.g. for processes without a command line. */
    private static Optional<String> command(long pid) {
        try {
            return Optional.of(Files.readString(PROC.resolve(Long.toString(pid)).resolve("comm"), StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static void deleteStale(Path pidFile, long pid) {
        try {
            // only if it still names that pid: a postmaster that started meanwhile keeps its file
            if (pidIn(pidFile.getParent()).filter(current -> current == pid).isPresent()) {
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the stale " + pidFile + ": " + e.getMessage(), e);
        }
    }
}
