package com.zoomfactor.backend.tracking;

import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.observations.Point;
import com.zoomfactor.backend.observations.PointWriter;
import com.zoomfactor.backend.scope.ClientCheckStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A client's tracked days as daily observations of the {@code web.*} metrics, source {@code tracker}: visitors,
 * sessions, pageviews (and pageviews by page, the top {@link #TOP_PAGES}), bounce rate, time on page, pages per
 * visit, and returning visitors when one of its sites recognises them. Written through {@link PointWriter} in the
 * client's tenant transaction, so the score, alerts and live dashboards follow, together with the day's rollup
 * ({@link WebRollupStore}, what the dashboard reads). A day is the client's (its time zone); writing the same day
 * again replaces its values.
 */
final class WebMetrics {

    static final String SOURCE = "tracker";
    static final int TOP_PAGES = 100;
    private static final int MAX_DIMENSION = 500;

    private final Tenancy tenancy;
    private final PageEventStore store;

    WebMetrics(Tenancy tenancy, PageEventStore store) {
        this.tenancy = tenancy;
        this.store = store;
    }

    /**
     * Recomputes the client's today and yesterday (in its time zone) as of {@code now}; false when another server was
     * rolling up one of them at that moment (the caller tries again later: that server may have read before this
     * one's last events were committed).
     */
    Future<Boolean> update(UUID agencyId, UUID clientId, Instant now) {
        return days(agencyId, clientId, now, zone -> {
            LocalDate today = LocalDate.ofInstant(now, zone);
            return List.of(today.minusDays(1), today);
        });
    }

    /** Rolls up the given days of the client (days of its time zone) as of {@code now}; false as for {@link #update}. */
    Future<Boolean> days(UUID agencyId, UUID clientId, Instant now, Function<ZoneId, List<LocalDate>> which) {
        return tenancy.inAgency(agencyId, sql -> WebMetricsStore.settings(sql, agencyId, clientId)).compose(settings -> {
            if (settings == null) {
                return Future.succeededFuture(true);
            }
            Future<Boolean> done = Future.succeededFuture(true);
            for (LocalDate day : which.apply(settings.zone())) {
                done = done.compose(allDone -> day(agencyId, clientId, settings.zone(), settings.returningVisitors(),
                        day, now).map(thisDone -> allDone && thisDone));
            }
            return done;
        });
    }

    /**
     * One day: its rollup (its events up to {@code now}, or all of them once it is over) and its observations, in one
     * transaction, which first takes the day's advisory lock: one server at a time rolls up a client's day (a server
     * that finds it taken skips the day and answers false). A batch committed just after the read is not lost: its
     * events make the client due again, and the next pass reads the whole day again.
     */
    private Future<Boolean> day(UUID agencyId, UUID clientId, ZoneId zone, boolean returning, LocalDate day, Instant now) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        Instant upToNow = now.plusMillis(1);
        Instant through = upToNow.isBefore(from) ? from : upToNow.isAfter(end) ? end : upToNow;
        return tenancy.inAgency(agencyId, sql -> WebRollupStore.tryLock(sql, clientId, day).compose(mine -> {
            if (!mine) {
                return Future.succeededFuture(false);
            }
            return store.summary(agencyId, clientId, EventWindow.of(from, through), WebFigures.ROLLUP_VALUES)
                    .compose(summary -> {
                        List<Point> points = observations(day, returning, summary);
                        return ClientCheckStore.lockForWriting(sql, agencyId, clientId)
                                .compose(locked -> WebRollupStore.write(sql, agencyId, clientId, day, zone, through,
                                        summary))
                                .compose(written -> points.isEmpty() ? Future.succeededFuture()
                                        : PointWriter.write(sql, agencyId, clientId, points, null).mapEmpty());
                    }).map(true);
        }));
    }

    /** The day's observations; none for a day without visits. */
    private static List<Point> observations(LocalDate day, boolean returning, WebSummary summary) {
        WebStats figures = summary.totals().stats();
        List<Point> points = new ArrayList<>();
        if (figures.visits() == 0) {
            return points;
        }
        points.add(point("web.unique_visitors", day, null, figures.visitors()));
        points.add(point("web.sessions", day, null, figures.visits()));
        points.add(point("web.pageviews", day, null, figures.pageviews()));
        points.add(point("web.bounce_rate", day, null, figures.bounceRate()));
        points.add(point("web.time_on_page", day, null, figures.timeOnPage()));
        points.add(point("web.pages_per_visit", day, null, figures.pagesPerVisit()));
        if (returning) {
            points.add(point("web.returning_visitors", day, null, figures.returningVisitors()));
            points.add(point("web.returning_visitor_share", day, null,
                    (double) figures.returningVisitors() / figures.visitors()));
        }
        summary.breakdowns().getOrDefault(PageEventStore.By.PAGE, List.of()).stream().limit(TOP_PAGES).forEach(page -> {
            String path = page.value().length() <= MAX_DIMENSION ? page.value() : page.value().substring(0, MAX_DIMENSION);
            points.add(point("web.pageviews", day, path, page.pageviews()));
        });
        return points;
    }

    private static Point point(String metric, LocalDate day, String dimension, double value) {
        return new Point(metric, day, day, dimension, null, value, SOURCE);
    }
}
