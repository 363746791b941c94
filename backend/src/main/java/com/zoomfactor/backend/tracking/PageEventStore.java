package com.zoomfactor.backend.tracking;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where page events go and how they are read: PostgreSQL ({@link PostgresPageEventStore}) by default; ClickHouse is
 * {@link ClickHousePageEventStore} when {@code ZF_CLICKHOUSE_URL} is set. Reads are per client, over an
 * {@link EventWindow}; the dashboard reads them through the daily rollups ({@link WebFigures}).
 */
public interface PageEventStore {

    /** What a breakdown groups by. */
    enum By { PAGE, ENTRY, EXIT, SOURCE, REFERRER, BROWSER, OS, DEVICE }

    /**
     * How many batches may be written at once: a store whose writes wait on something else than the CPU (a ClickHouse
     * INSERT answers after a few hundred milliseconds whatever its size) takes more.
     */
    default int batchesInFlight() {
        return 2;
    }

    /** Writes the events and bot counts of one batch, durably, all or nothing (one transaction). */
    Future<Void> append(List<PageEvent> events, List<BotHit> bots);

    /** Creates the storage for the months of {@code from} to {@code to} ahead of their events. */
    Future<Void> prepare(Instant from, Instant to);

    /** Deletes a deleted site's events where no foreign key does (after the site's row is gone). */
    Future<Void> deleteSite(UUID agencyId, UUID siteId);

    /** The client's totals over the window. */
    Future<WebTotals> totals(UUID agencyId, UUID clientId, EventWindow window);

    /** The client's top {@code limit} values of one breakdown over the window. */
    Future<List<BreakdownRow>> breakdown(UUID agencyId, UUID clientId, By by, EventWindow window, int limit);

    /** The totals and every breakdown's top {@code limit} values at once (what a day's rollup keeps). */
    default Future<WebSummary> summary(UUID agencyId, UUID clientId, EventWindow window, int limit) {
        Future<WebTotals> totals = totals(agencyId, clientId, window);
        Map<By, Future<List<BreakdownRow>>> breakdowns = new EnumMap<>(By.class);
        for (By by : By.values()) {
            breakdowns.put(by, breakdown(agencyId, clientId, by, window, limit));
        }
        List<Future<?>> all = new ArrayList<>(breakdowns.values());
        all.add(totals);
        return Future.all(all).map(done -> {
            Map<By, List<BreakdownRow>> read = new EnumMap<>(By.class);
            breakdowns.forEach((by, rows) -> read.put(by, rows.result()));
            return new WebSummary(totals.result(), read);
        });
    }

    /**
     * The client's visitors with an event at or after {@code since} (and not after {@code until}), and the pages of
     * their latest page views there, most visitors first, at most {@code limit}. Called every few seconds for every
     * client with visitors now: keep it cheap (the window is minutes).
     */
    Future<WebRealtime> realtime(UUID agencyId, UUID clientId, Instant since, Instant until, int limit);
}
