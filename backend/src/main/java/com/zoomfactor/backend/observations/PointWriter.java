package com.zoomfactor.backend.observations;

import com.zoomfactor.backend.events.EventStore;
import com.zoomfactor.domain.live.LiveKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The write of a batch of validated points for a client, the same for a JSON batch and a CSV import: every competitor
 * must be one of the client's own, otherwise nothing is written; what changed goes out as a live event, with the
 * batch's first and last day ({@code firstDay}, {@code lastDay}: the score recomputer backfills the history from the
 * first one).
 */
public final class PointWriter {

    /** The outcome of writing validated points. */
    public record Written(int accepted, long inserted, long updated, long unchanged) {
    }

    private PointWriter() {
    }

    /**
     * Writes validated points for a client inside the caller's transaction, which has locked the client for writing
     * ({@code RequestScope.inClientForWriting}). {@code lines} maps points to CSV lines for error messages (null for
     * JSON batches, where the index is the position).
     */
    public static Future<Written> write(SqlConnection sql, UUID agencyId, UUID clientId, List<Point> points,
                                        int[] lines) {
        boolean mentionsCompetitors = points.stream().anyMatch(point -> point.competitorId() != null);
        Future<Set<UUID>> competitors = mentionsCompetitors
                ? ObservationStore.competitorIds(sql, agencyId, clientId) : Future.succeededFuture(Set.of());
        return competitors.compose(known -> {
            List<PointError> errors = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                UUID competitor = points.get(i).competitorId();
                if (competitor != null && !known.contains(competitor)) {
                    errors.add(lines == null
                            ? PointError.atIndex(i, "competitorId", "is not a competitor of this client")
                            : PointError.atCell(lines[i], null, "competitorId", "is not a competitor of this client"));
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidPoints(errors, points.size());
            }
            return ObservationStore.write(sql, agencyId, clientId, points);
        }).compose(counts -> {
            long unique = points.stream().map(Point::identity).distinct().count();
            Written written = new Written(points.size(), counts.inserted(), counts.updated(),
                    unique - counts.inserted() - counts.updated());
            if (written.inserted() + written.updated() == 0) {
                return Future.succeededFuture(written);
            }
            // dashboards hear of it when (and if) this transaction commits
            return EventStore.record(sql, agencyId, clientId, LiveKind.OBSERVATIONS, new JsonObject()
                    .put("metrics", new JsonArray(List.copyOf(metricsOf(points))))
                    .put("inserted", written.inserted()).put("updated", written.updated())
                    .put("firstDay", points.stream().map(Point::start).min(LocalDate::compareTo).orElseThrow().toString())
                    .put("lastDay", points.stream().map(Point::end).max(LocalDate::compareTo).orElseThrow().toString()))
                    .map(written);
        });
    }

    private static Set<String> metricsOf(List<Point> points) {
        Set<String> metrics = new TreeSet<>();
        points.forEach(point -> metrics.add(point.metric()));
        return metrics;
    }
}
