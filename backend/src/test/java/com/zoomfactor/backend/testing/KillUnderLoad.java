package com.zoomfactor.backend.testing;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The harness of the {@code kill -9} suites: writers that send until the server stops answering, sorting what they
 * sent into acknowledged (2xx), in doubt (no answer, or a 5xx: the sender cannot know whether it was stored) and
 * refused (any 4xx: a test bug), and the faults that cut them off. What each suite sends and checks is its own.
 *
 * @param <T> one unit of work a writer sends (an event, a batch of points)
 */
public final class KillUnderLoad<T> {

    /** What dies. */
    public enum Fault {
        /** kill -9 of the JVM: its watchdog fast-stops the database. */
        SERVER,
        /** kill -9 of the JVM and of every PostgreSQL process (a container or cgroup kill): WAL replay at the start. */
        SERVER_AND_DATABASE
    }

    /** Sends one unit; an IOException means no answer came. */
    @FunctionalInterface
    public interface Sender<T> {
        HttpResponse<String> send(T unit) throws IOException, InterruptedException;
    }

    public final Queue<T> acked = new ConcurrentLinkedQueue<>();
    public final Queue<T> inDoubt = new ConcurrentLinkedQueue<>();
    public final Queue<String> refused = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch firstAnswers;

    private KillUnderLoad(int writers) {
        firstAnswers = new CountDownLatch(writers);
    }

    /**
     * Starts {@code writers} threads; writer {@code w} sends {@code unit.apply(w).apply(n)} for n = 0, 1, … until it
     * gets no answer, and returns once each writer has had its first unit acknowledged (or fails after two minutes).
     */
    public static <T> KillUnderLoad<T> start(int writers, String name, IntFunction<IntFunction<T>> unit, Sender<T> sender)
            throws InterruptedException {
        KillUnderLoad<T> load = new KillUnderLoad<>(writers);
        for (int w = 0; w < writers; w++) {
            IntFunction<T> units = unit.apply(w);
            Thread thread = new Thread(() -> load.write(units, sender), name + "-" + w);
            thread.start();
            load.threads.add(thread);
        }
        if (!load.firstAnswers.await(120, TimeUnit.SECONDS)) {
            throw new AssertionError("the writers did not get under way");
        }
        return load;
    }

    /** Waits for every writer to have met the cut. */
    public void awaitCut() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(120_000);
        }
    }

    private void write(IntFunction<T> units, Sender<T> sender) {
        for (int number = 0; ; number++) {
            T unit = units.apply(number);
            try {
                HttpResponse<String> answer = sender.send(unit);
                if (answer.statusCode() / 100 == 2) {
                    acked.add(unit);
                    if (number == 0) {
                        firstAnswers.countDown();
                    }
                } else if (answer.statusCode() >= 500) {
                    // the server could not finish it (stopping, or its database gone): as good as no answer
                    inDoubt.add(unit);
                    return;
                } else {
                    refused.add(unit + ": " + answer.statusCode() + " " + answer.body());
                    return;
                }
            } catch (IOException e) {
                inDoubt.add(unit);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** SIGKILL to the embedded postmaster under {@code dataDir} and to all its processes, the way a container kill takes them. */
    public static void killDatabase(Path dataDir) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("pgdata").resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
