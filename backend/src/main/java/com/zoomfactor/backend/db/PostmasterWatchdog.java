package com.zoomfactor.backend.db;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties the embedded PostgreSQL's life to this JVM's. {@code pg_ctl} detaches the postmaster (own session, parent
 * init), so it outlives a JVM killed with SIGKILL or by the OOM killer. This watchdog is a tiny shell child whose
 * stdin is a pipe from the JVM: whatever way the JVM dies, the kernel closes the pipe, the shell reads end of file
 * and asks the postmaster for a fast shutdown (SIGINT), but only if that pid is still a postgres serving our data
 * directory. On a normal stop the JVM first stops the database itself and then writes a line, on which the
 * watchdog leaves quietly.
 */
final class PostmasterWatchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostmasterWatchdog.class);

    /*
     * $1 = the postmaster's pid, $2 = the data directory. Signals that reach the whole process group (Ctrl-C in a
     * terminal, a closed terminal) are ignored: the JVM decides when the database stops, and it stops it itself.
     */
    private static final String SCRIPT = """
            trap '' INT TERM HUP QUIT
            if read -r _; then exit 0; fi
            if [ -r "/proc/$1/cmdline" ]; then
              tr '\\000' '\\n' < "/proc/$1/cmdline" | grep -qxF -- "$2" || exit 0
            else
              ps -p "$1" -o command= 2>/dev/null | grep -qF -- "$2" || exit 0
            fi
            kill -s INT "$1" 2>/dev/null
            exit 0
            """;

    private final Process process;

    private PostmasterWatchdog(Process process) {
        this.process = process;
    }

    /** Starts watching; the returned object must stay reachable (its pipe is the JVM's lifeline to the shell). */
    static PostmasterWatchdog watch(long postmasterPid, Path pgdata) throws IOException {
        Process process = new ProcessBuilder("sh", "-c", SCRIPT, "zoom-factor-watchdog",
                Long.toString(postmasterPid), pgdata.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new PostmasterWatchdog(process);
    }

    /** The shell's process (tests kill it to leave an orphan behind on purpose). */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Closes the pipe without the line: what the kernel does when the JVM dies. */
    void simulateDeathOfTheServer() throws IOException {
        process.getOutputStream().close();
    }

    /** Called once the database is stopped: the watchdog leaves without signalling anything. */
    @Override
    public void close() {
        try (OutputStream pipe = process.getOutputStream()) {
            pipe.write('\n');
        } catch (IOException e) {
            // it is gone already
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                LOG.warn("The embedded PostgreSQL's watchdog did not leave; killing it");
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
