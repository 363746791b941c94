package com.zoomfactor.backend.sharing;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How often share links may be asked for, in two separate counts so that nobody can silence a link they do not hold:
 * <ul>
 * <li><b>genuine reads</b>: {@link #PER_MINUTE} per link per minute, counted only once the request's secret has
 * proved right (a person looks a few times a minute at most; a leaked link in a loop would otherwise cost a score
 * computation per request);</li>
 * <li><b>failures</b> (malformed, unknown, revoked or wrong-secret tokens): {@link #FAILURES_PER_MINUTE} per client
 * address, after which that address's further failures answer 429 rather than 404. A well-formed token is still looked
 * up (one indexed read), so the holder of a working link is never refused for what others, or they, got wrong.</li>
 * </ul>
 * Kept in memory, per server instance (as the sign-in throttle; one per server, shared by its HTTP verticles).
 */
public final class SharedRequestLimit {

    static final int PER_MINUTE = 120;
    static final int FAILURES_PER_MINUTE = 60;
    static final long WINDOW_MS = 60_000;
    /** Beyond this many keys counted, the finished minutes are dropped (at most once a second). */
    static final int MAX_KEYS = 10_000;

    private final Windows reads;
    private final Windows failures;

    public SharedRequestLimit() {
        this(System::currentTimeMillis);
    }

    SharedRequestLimit(LongSupplier clockMillis) {
        this.reads = new Windows(clockMillis);
        this.failures = new Windows(clockMillis);
    }

    /** Counts a genuine read of the link: 0 when it may go, else the seconds until the link may be read again. */
    long acquire(UUID link) {
        return reads.count(link, PER_MINUTE);
    }

    /** 0 while this address is within its failures, else the seconds until its failures of this minute are forgotten. */
    long failureWait(String address) {
        return failures.waitFor(address, FAILURES_PER_MINUTE);
    }

    /** A request from this address named no link that works (or named it with a wrong secret). */
    void failed(String address) {
        failures.count(address, FAILURES_PER_MINUTE);
    }

    /** Fixed one-minute windows per key. */
    private static final class Windows {

        private record Window(long start, int count) {
        }

        private final Map<Object, Window> windows = new ConcurrentHashMap<>();
        private final LongSupplier clock;
        private final AtomicLong lastPrune = new AtomicLong();

        Windows(LongSupplier clock) {
            this.clock = clock;
        }

        long count(Object key, int limit) {
            long now = clock.getAsLong();
            long last = lastPrune.get();
            if (windows.size() >= MAX_KEYS && now - last >= 1_000 && lastPrune.compareAndSet(last, now)) {
                windows.values().removeIf(window -> now - window.start() >= WINDOW_MS);
            }
            Window window = windows.compute(key, (k, old) -> old == null || now - old.start() >= WINDOW_MS
                    ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
            return window.count() <= limit ? 0 : secondsLeft(window, now);
        }

        long waitFor(Object key, int limit) {
            long now = clock.getAsLong();
            Window window = windows.get(key);
            if (window == null || now - window.start() >= WINDOW_MS || window.count() <= limit) {
                return 0;
            }
            return secondsLeft(window, now);
        }

        private static long secondsLeft(Window window, long now) {
            return Math.max(1, (window.start() + WINDOW_MS - now + 999) / 1_000);
        }
    }
}
