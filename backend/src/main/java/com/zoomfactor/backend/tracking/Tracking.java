package com.zoomfactor.backend.tracking;

import com.zoomfactor.backend.config.ClickHouseUrl;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.sites.SiteStore;
import com.zoomfactor.backend.sites.TrackedSite;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's per-server state, shared by the HTTP verticles: the clock, the event store, the group-commit queue,
 * a short cache of site keys, the day's salt, and the clients whose daily web metrics are due (recomputed every
 * {@link #RECOMPUTE_EVERY} for the clients that received events since, today's and yesterday's day in their time
 * zone; the first pass after a start covers nothing, later events bring their clients back).
 */
public final class Tracking {

    private static final Logger LOG = LoggerFactory.getLogger(Tracking.class);
    static final Duration RECOMPUTE_EVERY = Duration.ofMinutes(1);
    private static final Duration SITE_CACHE = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final Tenancy tenancy;
    private final boolean trustProxy;
    private final TrackerClock clock = new TrackerClock();
    private final PageEventStore store;
    private final WebMetrics metrics;
    private final EventQueue queue;
    private final Map<String, CachedSite> sites = new ConcurrentHashMap<>();
    private final Map<LocalDate, Future<byte[]>> salts = new ConcurrentHashMap<>();
    private final Map<UUID, UUID> due = new ConcurrentHashMap<>();
    private volatile long timer = -1;

    private record CachedSite(Optional<TrackedSite> site, Instant until) {
    }

    /** Page events in ClickHouse when {@code clickhouse} is given, else in PostgreSQL. */
    public Tracking(Vertx vertx, Pool pool, Tenancy tenancy, boolean trustProxy, Optional<ClickHouseUrl> clickhouse) {
        this.vertx = vertx;
        this.tenancy = tenancy;
        this.trustProxy = trustProxy;
        PostgresPageEventStore postgres = new PostgresPageEventStore(pool, tenancy);
        this.store = clickhouse.<PageEventStore>map(url -> new ClickHousePageEventStore(vertx, url, postgres))
                .orElse(postgres);
        this.metrics = new WebMetrics(tenancy, store);
        Context context = vertx.getOrCreateContext();
        this.queue = new EventQueue(context, store::append, written -> written.forEach(event ->
                due.put(event.clientId(), event.agencyId())));
    }

    /**
     * Prepares this month's and the next two months' storage (again every minute: a no-op once made), and starts the
     * periodic recomputation.
     */
    public Future<Void> start() {
        timer = vertx.setPeriodic(RECOMPUTE_EVERY.toMillis(), tick -> {
            Instant now = clock.now();
            store.prepare(now, now.plus(Duration.ofDays(62)))
                    .onFailure(failure -> LOG.warn("Page event partitions not prepared now: {}", failure.getMessage()));
            recomputeDue().onFailure(failure -> LOG.warn("Web metrics not recomputed now: {}", failure.getMessage()));
        });
        Instant now = clock.now();
        return store.prepare(now, now.plus(Duration.ofDays(62)));
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public TrackerClock clock() {
        return clock;
    }

    public PageEventStore store() {
        return store;
    }

    boolean trustProxy() {
        return trustProxy;
    }

    EventQueue queue() {
        return queue;
    }

    /** The site of a key (cached for 30 s, so a deleted site may still receive events that long). */
    Future<Optional<TrackedSite>> site(String key) {
        CachedSite cached = sites.get(key);
        Instant now = Instant.now();
        if (cached != null && cached.until().isAfter(now)) {
            return Future.succeededFuture(cached.site());
        }
        return tenancy.outsideAnyAgency(sql -> SiteStore.byKey(sql, key)).onSuccess(found -> {
            if (sites.size() > 100_000) {
                sites.clear();
            }
            sites.put(key, new CachedSite(found, now.plus(found.isPresent() ? SITE_CACHE : Duration.ofSeconds(5))));
        });
    }

    /** The salt of the UTC day of {@code now}; a new day's is made (or read) once, and salts over 48 h are deleted. */
    Future<byte[]> salt(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Future<byte[]> known = salts.get(day);
        if (known != null && !known.failed()) {
            return known;
        }
        Future<byte[]> loaded = tenancy.outsideAnyAgency(sql -> SaltStore.prune(sql, now)
                .compose(pruned -> SaltStore.salt(sql, day, now)));
        salts.put(day, loaded);
        salts.keySet().removeIf(other -> other.isBefore(day.minusDays(1)) || other.isAfter(day.plusDays(1)));
        return loaded;
    }

    /** Recomputes the daily web metrics of the clients that received events since the last pass. */
    public Future<Void> recomputeDue() {
        Map<UUID, UUID> clients = Map.copyOf(due);
        clients.keySet().forEach(due::remove);
        Instant now = clock.now();
        Future<Void> done = Future.succeededFuture();
        for (Map.Entry<UUID, UUID> client : clients.entrySet()) {
            done = done.compose(previous -> metrics.update(client.getValue(), client.getKey(), now)
                    .recover(failure -> {
                        due.putIfAbsent(client.getKey(), client.getValue());
                        LOG.warn("Web metrics of a client not recomputed now: {}", failure.getMessage());
                        return Future.succeededFuture();
                    }));
        }
        return done;
    }
}
