package com.zoomfactor.backend.reports;

import com.zoomfactor.backend.annotations.Annotation;
import com.zoomfactor.backend.annotations.AnnotationStore;
import com.zoomfactor.backend.branding.BrandingStore;
import com.zoomfactor.backend.http.MethodologyPage;
import com.zoomfactor.backend.http.PublicLinks;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.clients.ClientStore;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.goals.GoalForecasts;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.observations.DailyTotalStore;
import com.zoomfactor.backend.scores.ScoreService;
import com.zoomfactor.backend.scores.ScoreSnapshotStore;
import com.zoomfactor.domain.series.DailyValue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private final ScoreService scores;
    private final GoalForecasts goals;
    private final String methodologyUrl;

    public ReportHandlers(Vertx vertx, Tenancy tenancy, ScoreService scores, GoalForecasts goals, ReportQueue queue,
                          PublicLinks links) {
        this.methodologyUrl = links.to(MethodologyPage.PATH);
        this.renderers = vertx.createSharedWorkerExecutor("reports", RENDER_THREADS);
        this.queue = queue;
        this.tenancy = tenancy;
        this.scores = scores;
        this.goals = goals;
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
        tenancy.inAgency(caller.agencyId(), sql -> load(sql, caller.agencyId(), clientId, range.from(), range.to(),
                        annotations))
                .compose(data -> renderers.executeBlocking(() -> new Rendered(data.clientName(), render.apply(data)),
                        false))
                .onSuccess(rendered -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                        .putHeader("Content-Disposition", "attachment; filename=\""
                                + filename(rendered.clientName(), range.from(), range.to(), extension) + "\"")
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

    /** Everything the report shows, in one transaction: the client first (404), then the rest side by side. */
    private Future<ReportData> load(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate from, LocalDate to,
                                    String annotationChoice) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate asOf = to.isAfter(today) ? today : to;
        return ClientStore.name(sql, agencyId, clientId).compose(found -> {
            String name = found.orElseThrow(() -> ApiException.notFound(ClientScope.NOT_FOUND));
            var score = scores.scoreIn(sql, agencyId, clientId, asOf);
            var history = ScoreSnapshotStore.daily(sql, agencyId, clientId, from, to);
            var series = DailyTotalStore.load(sql, agencyId, clientId, from, to);
            var annotations = AnnotationStore.between(sql, agencyId, clientId, from, to);
            var goalList = goals.all(sql, agencyId, clientId);
            var branding = BrandingStore.read(sql, agencyId);
            var logo = BrandingStore.logo(sql, agencyId);
            return Future.all(List.of(score, history, series, annotations, goalList, branding, logo)).map(all ->
                    new ReportData(name, from, to, OffsetDateTime.now(ZoneOffset.UTC), score.result().score(),
                            history.result(), byDay(series.result()),
                            annotations.result().stream().filter(a -> "all".equals(annotationChoice)
                                    || Annotation.PUBLIC.equals(annotationChoice) && a.isPublic()).toList(),
                            goalList.result(), branding.result(), logo.result().orElse(null), methodologyUrl));
        });
    }

    private static Map<String, List<DailyValue>> byDay(Map<String, List<DailyValue>> series) {
        Map<String, List<DailyValue>> sorted = new HashMap<>();
        series.forEach((metric, days) -> sorted.put(metric,
                days.stream().sorted(Comparator.comparing(DailyValue::date)).toList()));
        return sorted;
    }

    /**
     * {@code zoom-factor-<client>-<from>-to-<to>.<ext>}: the client's name folded to lower-case ASCII letters, digits
     * and dashes (accents dropped, anything else a dash), so that the header needs no quoting rules and no file
     * system trips over it; "client" when nothing is left.
     */
    static String filename(String clientName, LocalDate from, LocalDate to, String extension) {
        String slug = Normalizer.normalize(clientName, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        if (slug.isEmpty()) {
            slug = "client";
        }
        return "zoom-factor-" + slug + "-" + from + "-to-" + to + "." + extension;
    }
}
