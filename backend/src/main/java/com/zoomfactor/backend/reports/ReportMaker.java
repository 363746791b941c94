package com.zoomfactor.backend.reports;

import com.zoomfactor.backend.annotations.Annotation;
import com.zoomfactor.backend.annotations.AnnotationStore;
import com.zoomfactor.backend.branding.BrandingStore;
import com.zoomfactor.backend.clients.ClientStore;
import com.zoomfactor.backend.goals.GoalForecasts;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.MethodologyPage;
import com.zoomfactor.backend.http.PublicLinks;
import com.zoomfactor.backend.observations.DailyTotalStore;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.scores.ScoreService;
import com.zoomfactor.backend.scores.ScoreSnapshotStore;
import com.zoomfactor.domain.score.Driver;
import com.zoomfactor.domain.series.DailyValue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
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
import java.util.UUID;

/**
 * Reads what a client's report shows (in the caller's transaction) and renders its PDF off the event loop: for the
 * download handlers and for scheduled reports alike.
 */
public final class ReportMaker {

    /** Scheduled reports render on threads of their own, never starving downloads (or the other way round). */
    static final int SCHEDULED_RENDER_THREADS = 1;

    private final ScoreService scores;
    private final GoalForecasts goals;
    private final String methodologyUrl;
    private final WorkerExecutor renderers;

    public ReportMaker(Vertx vertx, ScoreService scores, GoalForecasts goals, PublicLinks links) {
        this.scores = scores;
        this.goals = goals;
        this.methodologyUrl = links.to(MethodologyPage.PATH);
        this.renderers = vertx.createSharedWorkerExecutor("scheduled-reports", SCHEDULED_RENDER_THREADS);
    }

    /** A client's report of a period as a PDF, with public annotations only (it goes to the client). */
    public Future<byte[]> pdf(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate from, LocalDate to) {
        return load(sql, agencyId, clientId, from, to, Annotation.PUBLIC)
                .compose(data -> renderers.executeBlocking(() -> ReportPdf.render(data), false));
    }

    /** A driver of the score in words ("Unique visitors rose from 120 to 140 (Reach growth, +1.2 points)"). */
    public static String driverText(Driver driver) {
        return ReportPdf.driverText(driver);
    }

    /** Everything the report shows, in one transaction: the client first (404), then the rest side by side. */
    Future<ReportData> load(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate from, LocalDate to,
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
    public static String filename(String clientName, LocalDate from, LocalDate to, String extension) {
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
