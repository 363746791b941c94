package com.zoomfactor.backend.sharing;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How often one share link may be read: {@link #PER_MINUTE} requests per link per minute on this server, then 429
 * until the minute is over. A person looking at a dashboard reads it a few times a minute at most; a leaked link in a
 * loop would otherwise cost a score computation per request. Kept in memory, per server instance (as the sign-in
 * throttle; one per server, shared by its HTTP verticles); counted before the link is looked up, so a flood costs no database work either.
 */
public final class SharedRequestLimit {

    static final int PER_MINUTE = 120;
    static final long WINDOW_MS = 60_000;
    /** Beyond this many links counted, the finished minutes are dropped (at most once a second). */
    static final int MAX_KEYS = 10_000;

    private record Window(long start, int count) {
    }

    private final Map<UUID, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final AtomicLong lastPrune = new AtomicLong();

    public SharedRequestLimit() {
        this(System::currentTimeMillis);
    }

    SharedRequestLimit(LongSupplier clockMillis) {
        this.clock = clockMillis;
    }

    /** Counts a request for the link: 0 when it may go, else the seconds until the link may be read again. */
    long acquire(UUID link) {
        long now = clock.getAsLong();
        long last = lastPrune.get();
        if (windows.size() >= MAX_KEYS && now - last >= 1_000 && lastPrune.compareAndSet(last, now)) {
            windows.values().removeIf(window -> now - window.start() >= WINDOW_MS);
        }
        Window window = windows.compute(link, (key, old) -> old == null || now - old.start() >= WINDOW_MS
                ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        if (window.count() <= PER_MINUTE) {
            return 0;
        }
        return Math.max(1, (window.start() + WINDOW_MS - now + 999) / 1_000);
    }
}
