package com.zoomfactor.backend.tracking;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where page events go and how they are read: PostgreSQL ({@link PostgresPageEventStore}) by default; ClickHouse is
 * {@link ClickHousePageEventStore} when {@code ZF_CLICKHOUSE_URL} is set. Reads are per client, over {@code [from, to)}.
 */
public interface PageEventStore {

    /** What a breakdown groups by. */
    enum By { PAGE, ENTRY, EXIT, SOURCE, REFERRER, BROWSER, OS, DEVICE }

    /** Writes the events and bot counts of one batch, durably, all or nothing (one transaction). */
    Future<Void> append(List<PageEvent> events, List<BotHit> bots);

    /** Creates the storage for the months of {@code from} to {@code to} ahead of their events. */
    Future<Void> prepare(Instant from, Instant to);

    /** Deletes a deleted site's events where no foreign key does (after the site's row is gone). */
    Future<Void> deleteSite(UUID agencyId, UUID siteId);

    Future<WebStats> stats(UUID agencyId, UUID clientId, Instant from, Instant to);

    Future<List<BreakdownRow>> breakdown(UUID agencyId, UUID clientId, By by, Instant from, Instant to, int limit);

    /**
     * The client's visitors with an event at or after {@code since} (and not after {@code until}), and the pages of
     * their latest page views there, most visitors first, at most {@code limit}. Called every few seconds for every
     * client with visitors now: keep it cheap (the window is minutes).
     */
    Future<WebRealtime> realtime(UUID agencyId, UUID clientId, Instant since, Instant until, int limit);
}
