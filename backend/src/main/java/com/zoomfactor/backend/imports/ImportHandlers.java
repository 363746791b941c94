package com.zoomfactor.backend.imports;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.db.Retry;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.observations.Point;
import com.zoomfactor.backend.observations.PointReader;
import com.zoomfactor.backend.observations.PointWriter;
import com.zoomfactor.backend.scope.RequestScope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * POST /api/clients/{id}/imports — a CSV file of observations, written atomically like a JSON batch, or only
 * checked with {@code ?dryRun=true}: the dry run does the whole write and rolls it back, so that its counts are
 * exactly what the real import will do.
 */
public final class ImportHandlers {

    public static final long MAX_BODY_BYTES = 10L * 1024 * 1024;
    static final int PREVIEW = 20;

    /** What an import did, or would do. */
    public record ImportResult(boolean dryRun, CsvPoints.Form form, int rows, int points, Set<String> metrics,
                               LocalDate from, LocalDate to, List<Point> preview, long inserted, long updated,
                               long unchanged) {
    }

    /** Carries a dry run's result out of the transaction it rolls back. */
    private static final class DryRun extends RuntimeException {
        private final PointWriter.Written written;

        DryRun(PointWriter.Written written) {
            super(null, null, false, false);
            this.written = written;
        }
    }

    private final Vertx vertx;
    private final RequestScope scope;

    public ImportHandlers(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.scope = new RequestScope(tenancy);
    }

    public void handle(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !(type.startsWith("text/csv") || type.startsWith("application/csv") || type.startsWith("text/plain"))) {
            throw new ApiException(415, "Send the file as text/csv (long form: date,metric,value[,dimension]; "
                    + "wide form: date,<metric>,<metric>,...)");
        }
        boolean dryRun = QueryParams.flag(ctx, "dryRun");
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw ApiException.badRequest("The file is empty");
        }
        vertx.executeBlocking(() -> CsvPoints.parse(body.toString(StandardCharsets.UTF_8),
                        new PointReader(LocalDate.now(ZoneOffset.UTC))), false)
                .compose(parsed -> Retry.onUniqueViolation(() -> scope.inClientForWriting(ctx, (caller, clientId, sql) ->
                                PointWriter.write(sql, caller.agencyId(), clientId, parsed.points(), parsed.lines())
                                        .compose(written -> {
                                            if (dryRun) {
                                                throw new DryRun(written);
                                            }
                                            return ActivityStore.record(sql, caller, clientId, "data.imported", String.format(
                                                    java.util.Locale.ROOT, "imported a CSV file: %d points (%d new, %d changed)",
                                                    written.accepted(), written.inserted(), written.updated()))
                                                    .map(written);
                                        })).result())
                        .recover(failure -> failure instanceof DryRun dry
                                ? Future.succeededFuture(dry.written) : Future.failedFuture(failure))
                        .map(written -> result(dryRun, parsed, written)))
                .onSuccess(result -> JsonResponses.send(ctx, dryRun ? 200 : 201, result))
                .onFailure(ctx::fail);
    }

    private static ImportResult result(boolean dryRun, CsvPoints.Parsed parsed, PointWriter.Written written) {
        List<Point> points = parsed.points();
        Set<String> metrics = new TreeSet<>();
        points.forEach(point -> metrics.add(point.metric()));
        LocalDate from = points.stream().map(Point::start).min(Comparator.naturalOrder()).orElse(null);
        LocalDate to = points.stream().map(Point::end).max(Comparator.naturalOrder()).orElse(null);
        return new ImportResult(dryRun, parsed.form(), parsed.rows(), points.size(), metrics, from, to,
                points.subList(0, Math.min(PREVIEW, points.size())), written.inserted(), written.updated(),
                written.unchanged());
    }
}
