package com.zoomfactor.backend.tracking;

import com.zoomfactor.backend.config.ClickHouseUrl;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.events.EventStore;
import com.zoomfactor.backend.sites.SiteStore;
import com.zoomfactor.backend.sites.TrackedSite;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import com.zoomfactor.domain.live.LiveKind;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's per-server state, shared by the HTTP verticles: the clock, the event store, the group-commit queue,
 * a short cache of site keys, the day's salt, and the clients whose daily web metrics are due (recomputed every
 * {@link #RECOMPUTE_EVERY} for the clients that received events since, today's and yesterday's day in their time
 * zone; the first pass after a start covers nothing, later events bring their clients back), and "visitors now":
 * every {@link #VISITORS_NOW_EVERY}, for each client that received events since (or had visitors at the last look),
 * its figure is read and, when it changed, recorded as a {@code web} live event.
 */
public final class Tracking {

    private static final Logger LOG = LoggerFactory.getLogger(Tracking.class);
    static final Duration RECOMPUTE_EVERY = Duration.ofMinutes(1);
    /** Days of the backlog rolled up per pass (a day of a busy site is a second's work for the database). */
    static final int BACKLOG_DAYS_PER_PASS = 62;
    private static final int MAX_BACKLOG_CLIENTS = 10_000;
    private static final Duration SITE_CACHE = Duration.ofSeconds(30);
    static final Duration VISITORS_NOW_EVERY = Duration.ofSeconds(5);
    /** The pages a {@code web} live event lists. */
    public static final int VISITORS_NOW_PAGES = 5;

    private final Vertx vertx;
    private final Tenancy tenancy;
    private final boolean trustProxy;
    private final TrackerClock clock = new TrackerClock();
    private final PageEventStore store;
    private final WebMetrics metrics;
    private final WebFigures figures;
    private final EventQueue queue;
    private final Map<String, CachedSite> sites = new ConcurrentHashMap<>();
    private final Map<LocalDate, Future<byte[]>> salts = new ConcurrentHashMap<>();
    private final Map<UUID, UUID> due = new ConcurrentHashMap<>();
    /** Closed days read without a rollup, per client: rolled up by the next passes, a few at a time. */
    private final Map<UUID, Backlog> backlog = new ConcurrentHashMap<>();
    private final Map<UUID, UUID> active = new ConcurrentHashMap<>();
    private final Map<UUID, Pushed> pushed = new ConcurrentHashMap<>();
    private volatile long timer = -1;
    private volatile long nowTimer = -1;
    private Future<Void> pushing = Future.succeededFuture();

    /** What the last {@code web} event of a client said (and its agency, to look again while it has visitors). */
    private record Pushed(UUID agencyId, WebRealtime figure) {
    }

    private record Backlog(UUID agencyId, Set<LocalDate> days) {
    }

    /** A key's lookup (under way, or done) and until when its answer holds. */
    private record CachedSite(Future<Optional<TrackedSite>> site, Instant until) {
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
        this.figures = new WebFigures(store, clock, (agency, missing) -> rollUpLater(agency,
                missing.getKey(), missing.getValue()));
        Context context = vertx.getOrCreateContext();
        this.queue = new EventQueue(context, store.batchesInFlight(), store::append, written -> written.forEach(event -> {
            due.put(event.clientId(), event.agencyId());
            active.put(event.clientId(), event.agencyId());
        }));
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
        nowTimer = vertx.setPeriodic(VISITORS_NOW_EVERY.toMillis(), tick -> {
            if (pushDone()) {
                pushVisitorsNow();
            }
        });
        Instant now = clock.now();
        return store.prepare(now, now.plus(Duration.ofDays(62)));
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (nowTimer >= 0) {
            vertx.cancelTimer(nowTimer);
        }
    }

    public TrackerClock clock() {
        return clock;
    }

    public PageEventStore store() {
        return store;
    }

    WebFigures figures() {
        return figures;
    }

    /** A site is gone: its events outside PostgreSQL too, and the rollups that counted them (read again raw). */
    public Future<Void> siteRemoved(UUID agencyId, UUID clientId, UUID siteId) {
        return store.deleteSite(agencyId, siteId)
                .compose(deleted -> tenancy.inAgency(agencyId, sql -> WebRollupStore.forget(sql, agencyId, clientId)));
    }

    /**
     * Asks for the client's days (of its time zone) to be rolled up by the next passes: what a read does for the days
     * it found without a rollup, and what an operator (or a benchmark) does for events loaded outside the ingest.
     */
    public void rollUpLater(UUID agencyId, UUID clientId, Set<LocalDate> days) {
        if (backlog.size() >= MAX_BACKLOG_CLIENTS && !backlog.containsKey(clientId)) {
            return; // read raw meanwhile; asked again at the next read
        }
        backlog.computeIfAbsent(clientId, client -> new Backlog(agencyId, ConcurrentHashMap.newKeySet()))
                .days().addAll(days);
    }

    boolean trustProxy() {
        return trustProxy;
    }

    EventQueue queue() {
        return queue;
    }

    /**
     * The site of a key (cached for 30 s, so a deleted site may still receive events that long; an unknown key for
     * 5 s). One lookup per key at a time: the requests that find a busy site's entry expired wait for the same lookup
     * rather than each sending its own (hundreds at once took the pool's connections from the batches' writes).
     */
    Future<Optional<TrackedSite>> site(String key) {
        Instant now = Instant.now();
        CachedSite cached = sites.get(key);
        if (cached != null && cached.until().isAfter(now) && !cached.site().failed()) {
            return cached.site();
        }
        if (sites.size() > 100_000) {
            sites.clear();
        }
        CachedSite current = sites.compute(key, (k, entry) -> entry != null && entry != cached
                ? entry // another request began a lookup since
                : new CachedSite(tenancy.outsideAnyAgency(sql -> SiteStore.byKey(sql, key)), now.plus(SITE_CACHE)));
        if (current != cached) {
            current.site().onSuccess(found -> {
                if (found.isEmpty()) {
                    sites.replace(key, current, new CachedSite(current.site(), now.plus(Duration.ofSeconds(5))));
                }
            });
        }
        return current.site();
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

    /** A client's visitors now (the last {@link WebRealtime#WINDOW_MINUTES} minutes of the tracker's clock). */
    public Future<WebRealtime> visitorsNow(UUID agencyId, UUID clientId, int pages) {
        Instant now = clock.now();
        return store.realtime(agencyId, clientId, now.minus(Duration.ofMinutes(WebRealtime.WINDOW_MINUTES)), now, pages);
    }

    /**
     * Looks at the clients that received events since the last pass, and at those whose last figure had visitors (they
     * leave without an event); records a {@code web} live event for each whose figure changed. One client at a time.
     */
    public synchronized Future<Void> pushVisitorsNow() {
        pushing = pushing.transform(previous -> pushOnce());
        return pushing;
    }

    private synchronized boolean pushDone() {
        return pushing.isComplete();
    }

    private Future<Void> pushOnce() {
        Map<UUID, UUID> clients = new java.util.HashMap<>(active);
        clients.keySet().forEach(active::remove);
        pushed.forEach((client, last) -> {
            if (last.figure().visitors() > 0) {
                clients.putIfAbsent(client, last.agencyId());
            }
        });
        Future<Void> done = Future.succeededFuture();
        for (Map.Entry<UUID, UUID> client : clients.entrySet()) {
            UUID clientId = client.getKey();
            UUID agencyId = client.getValue();
            done = done.compose(previous -> visitorsNow(agencyId, clientId, VISITORS_NOW_PAGES).compose(figure -> {
                Pushed last = pushed.get(clientId);
                if (last != null && last.figure().equals(figure)) {
                    return Future.<Void>succeededFuture();
                }
                return tenancy.inAgency(agencyId, sql -> EventStore.record(sql, agencyId, clientId, LiveKind.WEB,
                        realtimeJson(figure))).onSuccess(seq -> {
                            if (figure.visitors() == 0) {
                                pushed.remove(clientId);
                            } else {
                                pushed.put(clientId, new Pushed(agencyId, figure));
                            }
                        }).<Void>mapEmpty();
            }).recover(failure -> {
                LOG.warn("Visitors now of a client not pushed now: {}", failure.getMessage());
                pushed.remove(clientId);
                return Future.succeededFuture();
            }));
        }
        return done;
    }

    /** The figure as GET …/web/realtime answers it and a {@code web} live event carries it. */
    public static JsonObject realtimeJson(WebRealtime figure) {
        JsonArray pages = new JsonArray();
        figure.pages().forEach(page -> pages.add(new JsonObject().put("path", page.path()).put("visitors", page.visitors())));
        return new JsonObject().put("visitors", figure.visitors()).put("pages", pages);
    }

    /**
     * Recomputes the daily web metrics and rollups of the clients that received events since the last pass, then
     * rolls up at most {@link #BACKLOG_DAYS_PER_PASS} days of the backlog.
     */
    public Future<Void> recomputeDue() {
        return recomputeRecent().compose(done -> rollUpBacklog());
    }

    private Future<Void> rollUpBacklog() {
        Instant now = clock.now();
        Future<Void> done = Future.succeededFuture();
        int budget = BACKLOG_DAYS_PER_PASS;
        for (Map.Entry<UUID, Backlog> entry : backlog.entrySet()) {
            if (budget <= 0) {
                break;
            }
            UUID clientId = entry.getKey();
            Backlog waiting = entry.getValue();
            List<LocalDate> days = waiting.days().stream().sorted().limit(budget).toList();
            budget -= days.size();
            days.forEach(waiting.days()::remove);
            if (waiting.days().isEmpty()) {
                backlog.remove(clientId);
            }
            done = done.compose(previous -> metrics.days(waiting.agencyId(), clientId, now, zone -> days)
                    .<Void>map(allDone -> {
                        if (!allDone) {
                            rollUpLater(waiting.agencyId(), clientId, new java.util.HashSet<>(days));
                        }
                        return null;
                    })
                    .recover(failure -> {
                        LOG.warn("Web rollups of a client not made now: {}", failure.getMessage());
                        return Future.succeededFuture();
                    }));
        }
        return done;
    }

    private Future<Void> recomputeRecent() {
        Map<UUID, UUID> clients = Map.copyOf(due);
        clients.keySet().forEach(due::remove);
        Instant now = clock.now();
        Future<Void> done = Future.succeededFuture();
        for (Map.Entry<UUID, UUID> client : clients.entrySet()) {
            done = done.compose(previous -> metrics.update(client.getValue(), client.getKey(), now)
                    .<Void>map(allDone -> {
                        if (!allDone) { // another server was at it: again at the next pass
                            due.putIfAbsent(client.getKey(), client.getValue());
                        }
                        return null;
                    })
                    .recover(failure -> {
                        due.putIfAbsent(client.getKey(), client.getValue());
                        LOG.warn("Web metrics of a client not recomputed now: {}", failure.getMessage());
                        return Future.succeededFuture();
                    }));
        }
        return done;
    }
}
