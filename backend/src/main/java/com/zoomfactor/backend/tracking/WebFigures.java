package com.zoomfactor.backend.tracking;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * A client's web figures over days of its time zone, as the dashboard reads them: each day's rollup where there is
 * one, plus what happened since it was made (a continuing {@link EventWindow}: today's last minute or so), and the raw
 * events of the days never rolled up (which are then rolled up in the background, today included). A period's figures add up its
 * days' (a visit that crosses midnight counts on both days, like a visitor whose id lasts one UTC day). Raw windows
 * are read one after the other: a long unrolled period takes one connection for a while, not the pool.
 */
final class WebFigures {

    /** How many top values a day's rollup keeps per breakdown. */
    static final int ROLLUP_VALUES = 1000;

    private final PageEventStore store;
    private final TrackerClock clock;
    private final BiConsumer<UUID, Map.Entry<UUID, Set<LocalDate>>> rollUpLater;

    /** {@code rollUpLater} receives (agency, (client, days begun without a rollup)). */
    WebFigures(PageEventStore store, TrackerClock clock, BiConsumer<UUID, Map.Entry<UUID, Set<LocalDate>>> rollUpLater) {
        this.store = store;
        this.clock = clock;
        this.rollUpLater = rollUpLater;
    }

    /** Where a period's figures come from: rolled-up days, and windows of raw events. */
    record Plan(List<LocalDate> rolledUp, List<EventWindow> raw, WebTotals rolledUpTotals) {
    }

    /**
     * The plan for {@code [from, to]}, read in the caller's tenant transaction: the rollups of the period; the days
     * begun that have none are asked for.
     */
    Future<Plan> plan(SqlConnection sql, UUID agencyId, UUID clientId, ZoneId zone, LocalDate from, LocalDate to) {
        return WebRollupStore.days(sql, agencyId, clientId, from, to).map(days -> {
            Instant now = clock.now();
            List<LocalDate> rolledUp = new ArrayList<>();
            List<EventWindow> raw = new ArrayList<>();
            Set<LocalDate> missing = new TreeSet<>();
            WebTotals totals = WebTotals.NONE;
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                Instant start = day.atStartOfDay(zone).toInstant();
                Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
                WebRollupStore.Day rollup = days.get(day);
                if (rollup != null && rollup.zone().equals(zone.getId())) {
                    rolledUp.add(day);
                    totals = totals.plus(rollup.totals());
                    if (rollup.computedThrough().isBefore(end)) {
                        raw.add(EventWindow.continuing(rollup.computedThrough(), end));
                    }
                } else {
                    raw.add(EventWindow.of(start, end));
                    if (start.isBefore(now)) {
                        missing.add(day);
                    }
                }
            }
            if (!missing.isEmpty()) {
                rollUpLater.accept(agencyId, Map.entry(clientId, missing));
            }
            return new Plan(rolledUp, raw, totals);
        });
    }

    /** The plan's totals: the rollups' and, one window after another, the raw events'. */
    Future<WebTotals> totals(UUID agencyId, UUID clientId, Plan plan) {
        Future<WebTotals> sum = Future.succeededFuture(plan.rolledUpTotals());
        for (EventWindow window : plan.raw()) {
            sum = sum.compose(before -> store.totals(agencyId, clientId, window).map(before::plus));
        }
        return sum;
    }

    /** What a breakdown reads in the caller's tenant transaction: its plan and the rolled-up days' values. */
    record BreakdownPlan(Plan plan, List<BreakdownRow> rolledUp, int depth) {
    }

    /**
     * A breakdown's plan and rolled-up values, read in the caller's tenant transaction. Each part is read deeper than
     * {@code limit}, so that a value just below the cut in one part still adds up.
     */
    Future<BreakdownPlan> breakdownPlan(SqlConnection sql, UUID agencyId, UUID clientId, ZoneId zone,
                                        PageEventStore.By by, LocalDate from, LocalDate to, int limit) {
        int depth = Math.max(limit * 2, limit + 50);
        return plan(sql, agencyId, clientId, zone, from, to).compose(plan -> WebRollupStore.values(sql, agencyId,
                clientId, by, plan.rolledUp(), depth).map(values -> new BreakdownPlan(plan, values, depth)));
    }

    /** A breakdown's top {@code limit} values: the rolled-up days' and the raw windows' added up by value. */
    Future<List<BreakdownRow>> breakdown(UUID agencyId, UUID clientId, PageEventStore.By by, BreakdownPlan planned,
                                         int limit) {
        List<List<BreakdownRow>> parts = new ArrayList<>();
        parts.add(planned.rolledUp());
        Future<Void> read = Future.succeededFuture();
        for (EventWindow window : planned.plan().raw()) {
            read = read.compose(before -> store.breakdown(agencyId, clientId, by, window, planned.depth())
                    .map(parts::add).mapEmpty());
        }
        return read.map(done -> {
            Map<String, long[]> sums = new LinkedHashMap<>();
            for (List<BreakdownRow> part : parts) {
                for (BreakdownRow line : part) {
                    long[] sum = sums.computeIfAbsent(line.value(), value -> new long[3]);
                    sum[0] += line.visitors();
                    sum[1] += line.visits();
                    sum[2] += line.pageviews();
                }
            }
            Comparator<BreakdownRow> order = by == PageEventStore.By.PAGE
                    ? Comparator.comparingLong(BreakdownRow::pageviews).reversed()
                    : Comparator.comparingLong(BreakdownRow::visits).reversed();
            return sums.entrySet().stream()
                    .map(entry -> new BreakdownRow(entry.getKey(), entry.getValue()[0], entry.getValue()[1],
                            entry.getValue()[2]))
                    .filter(line -> line.visits() > 0 || line.pageviews() > 0)
                    .sorted(order.thenComparing(BreakdownRow::value)).limit(limit).toList();
        });
    }
}
