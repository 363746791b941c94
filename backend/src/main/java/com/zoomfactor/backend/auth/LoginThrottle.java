package com.zoomfactor.backend.auth;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows password guessing: after {@link #ACCOUNT_FAILURES} failed sign-ins for one account, or
 * {@link #ADDRESS_FAILURES} from one client address, within {@link #WINDOW}, further attempts answer 429 until
 * the oldest failure leaves the window. Nothing is locked for good: every block ends by itself, and a successful
 * sign-in clears the account's count. Sign-ups are counted per client address too ({@link #ADDRESS_SIGNUPS}). Kept
 * in memory, per server instance.
 */
public final class LoginThrottle {

    public static final int ACCOUNT_FAILURES = 5;
    public static final int ADDRESS_FAILURES = 20;
    /**
     * Sign-ups from one client address within {@link #WINDOW}: each costs an argon2id hash and makes an agency, so they
     * are counted whether they succeed or not (a team signing up from one office stays well below).
     */
    public static final int ADDRESS_SIGNUPS = 30;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** Beyond this many tracked keys, stale ones are dropped, at most once per {@link #PRUNE_INTERVAL_MS}. */
    static final int MAX_KEYS = 100_000;
    /** A full scan costs a few milliseconds of the event loop: bounded to once a second, whatever the traffic. */
    static final long PRUNE_INTERVAL_MS = 1_000;

    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final java.util.concurrent.atomic.AtomicLong lastPrune = new java.util.concurrent.atomic.AtomicLong();

    public LoginThrottle() {
        this(System::currentTimeMillis);
    }

    LoginThrottle(LongSupplier clockMillis) {
        this.clock = clockMillis;
    }

    /** How long to wait before the next attempt, when the account or the address is blocked now. */
    public Optional<Duration> blockedFor(String email, String address) {
        long now = clock.getAsLong();
        long wait = Math.max(waitMillis(accountKey(email), ACCOUNT_FAILURES, now),
                waitMillis(addressKey(address), ADDRESS_FAILURES, now));
        return wait > 0 ? Optional.of(Duration.ofMillis(wait)) : Optional.empty();
    }

    /**
     * Counts an attempt before its password is checked, so that parallel guesses cannot all pass the check
     * before the first failure is recorded; {@link #succeeded} takes it back.
     */
    public void attempted(String email, String address) {
        failed(email, address);
    }

    public void failed(String email, String address) {
        long now = clock.getAsLong();
        long last = lastPrune.get();
        if (failures.size() >= MAX_KEYS && now - last >= PRUNE_INTERVAL_MS && lastPrune.compareAndSet(last, now)) {
            failures.entrySet().removeIf(entry -> prune(entry.getValue(), now));
        }
        record(accountKey(email), now);
        record(addressKey(address), now);
    }

    /** How long this address must wait before its next sign-up, when it has made too many within the window. */
    public Optional<Duration> signupBlockedFor(String address) {
        long wait = waitMillis(signupKey(address), ADDRESS_SIGNUPS, clock.getAsLong());
        return wait > 0 ? Optional.of(Duration.ofMillis(wait)) : Optional.empty();
    }

    /** Counts a sign-up attempt before its password is hashed, so that parallel ones cannot all pass the check. */
    public void signupAttempted(String address) {
        long now = clock.getAsLong();
        long last = lastPrune.get();
        if (failures.size() >= MAX_KEYS && now - last >= PRUNE_INTERVAL_MS && lastPrune.compareAndSet(last, now)) {
            failures.entrySet().removeIf(entry -> prune(entry.getValue(), now));
        }
        record(signupKey(address), now);
    }

    /** The attempt was right: the account starts afresh, and the address's count forgets this attempt. */
    public void succeeded(String email, String address) {
        failures.remove(accountKey(email));
        failures.computeIfPresent(addressKey(address), (key, times) -> {
            synchronized (times) {
                times.pollLast();
                return times.isEmpty() ? null : times;
            }
        });
    }

    /**
     * The password could not be checked (the database was unavailable): the attempt counts for nothing, or people
     * retrying through an outage would find themselves locked out after it.
     */
    public void undecided(String email, String address) {
        for (String key : new String[] {accountKey(email), addressKey(address)}) {
            failures.computeIfPresent(key, (k, times) -> {
                synchronized (times) {
                    times.pollLast();
                    return times.isEmpty() ? null : times;
                }
            });
        }
    }

    private void record(String key, long now) {
        failures.compute(key, (k, times) -> {
            Deque<Long> kept = times == null ? new ArrayDeque<>() : times;
            prune(kept, now);
            kept.addLast(now);
            return kept;
        });
    }

    private long waitMillis(String key, int limit, long now) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                return 0;
            }
            // blocked until enough old failures have left the window to get below the limit
            long[] ordered = times.stream().mapToLong(Long::longValue).toArray();
            return ordered[ordered.length - limit] + WINDOW.toMillis() - now;
        }
    }

    /** Drops failures older than the window; true when nothing is left. */
    private static boolean prune(Deque<Long> times, long now) {
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= now - WINDOW.toMillis()) {
                times.pollFirst();
            }
            return times.isEmpty();
        }
    }

    private static String accountKey(String email) {
        return "account:" + (email == null ? "" : email.trim().toLowerCase(Locale.ROOT));
    }

    private static String signupKey(String address) {
        return "signup:" + address;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
