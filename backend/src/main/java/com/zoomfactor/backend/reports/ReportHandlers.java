package com.zoomfactor.backend.reports;

import com.zoomfactor.backend.annotations.Annotation;
import com.zoomfactor.backend.http.PublicLinks;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.goals.GoalForecasts;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.scores.ScoreService;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A client's report for a period, as a PDF (score, components, drivers, charts, annotations, goals) or as CSV (the
 * daily series and the recorded scores). The data is read in one transaction; the document is rendered off the event
 * loop, on a small pool of its own.
 */
public final class ReportHandlers {

    static final int DEFAULT_DAYS = 90;
    /** The widest period a report covers: three years, like the score history. */
    static final int MAX_DAYS = 3 * 366;

    /** Reports render on their own few threads: a burst of downloads queues there, not in the shared worker pool. */
    static final int RENDER_THREADS = 2;

    private final WorkerExecutor renderers;
    private final ReportQueue queue;
    private final Tenancy tenancy;
    private final ReportMaker maker;

    public ReportHandlers(Vertx vertx, Tenancy tenancy, ScoreService scores, GoalForecasts goals, ReportQueue queue,
                          PublicLinks links) {
        this.renderers = vertx.createSharedWorkerExecutor("reports", RENDER_THREADS);
        this.queue = queue;
        this.tenancy = tenancy;
        this.maker = new ReportMaker(vertx, scores, goals, links);
    }

    /** GET /api/clients/{id}/report.pdf[?from=&to=&annotations=public|all|none] */
    public void pdf(RoutingContext ctx) {
        send(ctx, "application/pdf", "pdf", ReportPdf::render);
    }

    /** GET /api/clients/{id}/report.csv[?from=&to=] */
    public void csv(RoutingContext ctx) {
        send(ctx, "text/csv; charset=utf-8", "csv", ReportCsv::render);
    }

    private void send(RoutingContext ctx, String contentType, String extension, Function<ReportData, byte[]> render) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        QueryParams.DateRange range = QueryParams.dateRange(ctx, DEFAULT_DAYS, MAX_DAYS);
        String annotations = annotationChoice(ctx);
        if (!queue.tryStart()) {
            throw ApiException.tooManyRequests("Too many reports are being made right now: try again in a few seconds", 5);
        }
        tenancy.inAgency(caller.agencyId(), sql -> maker.load(sql, caller.agencyId(), clientId, range.from(), range.to(),
                        annotations))
                .compose(data -> renderers.executeBlocking(() -> new Rendered(data.clientName(), render.apply(data)),
                        false))
                .onSuccess(rendered -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                        .putHeader("Content-Disposition", "attachment; filename=\""
                                + ReportMaker.filename(rendered.clientName(), range.from(), range.to(), extension) + "\"")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .end(Buffer.buffer(rendered.bytes())))
                .onFailure(ctx::fail)
                .onComplete(done -> queue.done());
    }

    private record Rendered(String clientName, byte[] bytes) {
    }

    /** Which annotations a report shows: public ones unless the request chose all (internal ones too) or none. */
    private static String annotationChoice(RoutingContext ctx) {
        String choice = ctx.queryParams().get("annotations");
        if (choice == null) {
            return Annotation.PUBLIC;
        }
        if (!Set.of(Annotation.PUBLIC, "all", "none").contains(choice)) {
            throw ApiException.badRequest("annotations must be public, all or none");
        }
        return choice;
    }
}
