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

/**
 * A client's tracked days as daily observations of the {@code web.*} metrics, source {@code tracker}: visitors,
 * sessions, pageviews (and pageviews by page, the top {@link #TOP_PAGES}), bounce rate, time on page, pages per
 * visit, and returning visitors when one of its sites recognises them. Written through {@link PointWriter} in the
 * client's tenant transaction, so the score, alerts and live dashboards follow. A day is the client's (its time
 * zone); writing the same day again replaces its values.
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

    /** Recomputes the client's today and yesterday (in its time zone) as of {@code now}. */
    Future<Void> update(UUID agencyId, UUID clientId, Instant now) {
        return tenancy.inAgency(agencyId, sql -> WebMetricsStore.settings(sql, agencyId, clientId)).compose(settings -> {
            if (settings == null) {
                return Future.succeededFuture();
            }
            LocalDate today = LocalDate.ofInstant(now, settings.zone());
            return day(agencyId, clientId, settings.zone(), settings.returningVisitors(), today.minusDays(1))
                    .compose(done -> day(agencyId, clientId, settings.zone(), settings.returningVisitors(), today));
        });
    }

    private Future<Void> day(UUID agencyId, UUID clientId, ZoneId zone, boolean returning, LocalDate day) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        Future<WebStats> stats = store.stats(agencyId, clientId, from, to);
        Future<List<BreakdownRow>> pages = store.breakdown(agencyId, clientId, PageEventStore.By.PAGE, from, to,
                TOP_PAGES);
        return Future.all(stats, pages).compose(read -> {
            WebStats figures = stats.result();
            if (figures.visits() == 0) {
                return Future.succeededFuture();
            }
            List<Point> points = new ArrayList<>();
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
            for (BreakdownRow page : pages.result()) {
                String path = page.value().length() <= MAX_DIMENSION ? page.value() : page.value().substring(0, MAX_DIMENSION);
                points.add(point("web.pageviews", day, path, page.pageviews()));
            }
            return tenancy.inAgency(agencyId, sql -> ClientCheckStore.lockForWriting(sql, agencyId, clientId)
                    .compose(locked -> PointWriter.write(sql, agencyId, clientId, points, null))).mapEmpty();
        });
    }

    private static Point point(String metric, LocalDate day, String dimension, double value) {
        return new Point(metric, day, day, dimension, null, value, SOURCE);
    }
}
