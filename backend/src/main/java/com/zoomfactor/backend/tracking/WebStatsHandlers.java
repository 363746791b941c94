package com.zoomfactor.backend.tracking;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.scope.RequestScope;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** A client's website figures from its tracked sites' events, over days of its time zone. */
public final class WebStatsHandlers {

    private static final int MAX_DAYS = 366;
    private static final int REALTIME_PAGES = 10;

    private final RequestScope scope;
    private final Tracking tracking;

    public WebStatsHandlers(Tenancy tenancy, Tracking tracking) {
        this.scope = new RequestScope(tenancy);
        this.tracking = tracking;
    }

    /** GET /api/clients/{id}/web/stats?from&to: the period's figures and the same for the period before. */
    public void stats(RoutingContext ctx) {
        QueryParams.DateRange range = QueryParams.dateRange(ctx, 30, MAX_DAYS);
        Caller who = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, who);
        long days = ChronoUnit.DAYS.between(range.from(), range.to()) + 1;
        LocalDate previousTo = range.from().minusDays(1);
        LocalDate previousFrom = previousTo.minusDays(days - 1);
        WebFigures figures = tracking.figures();
        // the rollups are read in the request's tenant transaction; the raw events after it
        scope.inClient(ctx, (caller, client, sql) -> WebMetricsStore.settings(sql, caller.agencyId(), client)
                        .compose(settings -> figures.plan(sql, caller.agencyId(), client, settings.zone(), range.from(),
                                range.to()).compose(current -> figures.plan(sql, caller.agencyId(), client,
                                settings.zone(), previousFrom, previousTo).map(previous -> List.of(current, previous)))))
                .then(plans -> {
                    Future<WebTotals> current = figures.totals(who.agencyId(), clientId, plans.get(0));
                    Future<WebTotals> previous = figures.totals(who.agencyId(), clientId, plans.get(1));
                    return Future.all(current, previous).map(both -> {
                        Map<String, Object> answer = figures(range.from(), range.to(), current.result().stats());
                        answer.put("previous", figures(previousFrom, previousTo, previous.result().stats()));
                        return answer;
                    });
                }).ok();
    }

    /** GET /api/clients/{id}/web/breakdown?by&from&to&limit */
    public void breakdown(RoutingContext ctx) {
        String byName = QueryParams.requiredText(ctx, "by");
        PageEventStore.By by;
        try {
            by = PageEventStore.By.valueOf(byName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("by must be one of page, entry, exit, source, referrer, browser, os, device");
        }
        int limit = QueryParams.integer(ctx, "limit", 10, 1, 100);
        QueryParams.DateRange range = QueryParams.dateRange(ctx, 30, MAX_DAYS);
        Caller who = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, who);
        WebFigures figures = tracking.figures();
        scope.inClient(ctx, (caller, client, sql) -> WebMetricsStore.settings(sql, caller.agencyId(), client)
                        .compose(settings -> figures.breakdownPlan(sql, caller.agencyId(), client, settings.zone(), by,
                                range.from(), range.to(), limit)))
                .then(planned -> figures.breakdown(who.agencyId(), clientId, by, planned, limit)
                        .map(rows -> {
                            Map<String, Object> answer = new LinkedHashMap<>();
                            answer.put("by", by.name().toLowerCase(Locale.ROOT));
                            answer.put("from", range.from().toString());
                            answer.put("to", range.to().toString());
                            answer.put("rows", rows);
                            return answer;
                        })).ok();
    }

    /** GET /api/clients/{id}/web/realtime: visitors now and the pages they are on. */
    public void realtime(RoutingContext ctx) {
        // visible is not enough: the client must exist in the caller's agency (another agency's id is a 404, as for
        // every route about a client), then the store reads (ClickHouse has no row-level security of its own)
        scope.inClient(ctx, (caller, client, sql) -> Future.succeededFuture(caller.agencyId()))
                .then(agencyId -> tracking.visitorsNow(agencyId, ClientScope.visibleId(ctx, Caller.of(ctx)),
                        REALTIME_PAGES))
                .ok();
    }

    private static Map<String, Object> figures(LocalDate from, LocalDate to, WebStats stats) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("from", from.toString());
        figures.put("to", to.toString());
        figures.put("visitors", stats.visitors());
        figures.put("visits", stats.visits());
        figures.put("pageviews", stats.pageviews());
        figures.put("bounceRate", stats.bounceRate());
        figures.put("visitDuration", stats.visitDuration());
        figures.put("pagesPerVisit", stats.pagesPerVisit());
        figures.put("timeOnPage", stats.timeOnPage());
        return figures;
    }
}
