package com.zoomfactor.backend.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.TestPaths;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The watchdog signals only a postgres of its own directory, and never on a normal stop. */
class PostmasterWatchdogTest {

    @Test
    void whenTheServerDiesAProcessThatTookThePidOverIsLeftAlone() throws Exception {
        Process bystander = new ProcessBuilder("sleep", "300").start();
        try {
            PostmasterWatchdog watchdog = PostmasterWatchdog.watch(bystander.pid(), TestPaths.newDirectory("watchdog-").resolve("pgdata"));
            watchdog.simulateDeathOfTheServer();
            assertThat(watchdog.handle().onExit().get(30, TimeUnit.SECONDS).isAlive()).as("the watchdog has left").isFalse();
            assertThat(bystander.isAlive()).isTrue();
        } finally {
            bystander.destroyForcibly();
        }
    }

    @Test
    void whenTheServerDiesThePostmasterOfItsDirectoryGetsAFastShutdownRequest() throws Exception {
        Path pgdata = TestPaths.newDirectory("watchdog-").resolve("pgdata");
        Process standIn = standIn(pgdata);
        try {
            PostmasterWatchdog watchdog = PostmasterWatchdog.watch(standIn.pid(), pgdata);
            watchdog.simulateDeathOfTheServer();
            assertThat(standIn.waitFor(30, TimeUnit.SECONDS)).as("SIGINT reached it").isTrue();
            assertThat(standIn.exitValue()).isEqualTo(128 + 2);
        } finally {
            standIn.destroyForcibly();
        }
    }

    @Test
    void onANormalStopTheWatchdogLeavesWithoutSignallingEvenItsOwnPostmaster() throws Exception {
        Path pgdata = TestPaths.newDirectory("watchdog-").resolve("pgdata");
        Process standIn = standIn(pgdata);
        try {
            PostmasterWatchdog watchdog = PostmasterWatchdog.watch(standIn.pid(), pgdata);
            watchdog.close();
            assertThat(watchdog.handle().isAlive()).isFalse();
            assertThat(standIn.isAlive()).isTrue();
        } finally {
            standIn.destroyForcibly();
        }
    }

    /** A process that carries the directory as a whole argument, as a postmaster's -D does, and dies of SIGINT. */
    private static Process standIn(Path pgdata) throws Exception {
        return new ProcessBuilder("tail", "-f", "/dev/null", pgdata.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
