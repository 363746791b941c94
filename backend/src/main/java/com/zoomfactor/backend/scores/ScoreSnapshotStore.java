package com.zoomfactor.backend.scores;

import com.zoomfactor.backend.events.EventStore;
import com.zoomfactor.domain.live.LiveKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The score history table: recording snapshots and reading them back for the history and the portfolio. */
public final class ScoreSnapshotStore {

    /** The history answers at most this many points, the newest ones, per request. */
    public static final int MAX_HISTORY_POINTS = 2_000;

    /** The portfolio's change compares with the last score recorded at least this many days before the current one. */
    public static final int CHANGE_DAYS = 30;
    /** The periods (days) the portfolio can show a change over; {@link #CHANGE_DAYS} is one of them. */
    public static final List<Integer> CHANGE_PERIODS = List.of(7, CHANGE_DAYS, 90);
    /** The portfolio's sparkline: each day's last score over this many days before the current one. */
    public static final int RECENT_DAYS = 90;

    private static final String COLUMNS = "computed_at, as_of, score, quality, coverage, authenticity_factor, cause,"
            + " previous_score, methodology_version, weights, backfilled";

    /**
     * Serialises the writers of one client's history (two instances, or a sweep and a change of data) without
     * blocking data writes, which take the weaker KEY SHARE lock; false when the client is gone.
     */
    private static final String LOCK_CLIENT = "SELECT 1 FROM clients WHERE agency_id = $1 AND id = $2 FOR NO KEY UPDATE";
    private static final String LATEST = "SELECT " + COLUMNS + " FROM score_snapshots"
            + " WHERE agency_id = $1 AND client_id = $2 ORDER BY computed_at DESC, id DESC LIMIT 1";
    /** clock_timestamp, not now(): snapshots are written in lock order, which may differ from transaction start. */
    private static final String INSERT = "INSERT INTO score_snapshots (agency_id, client_id, computed_at, as_of, score,"
            + " quality, coverage, authenticity_factor, methodology_version, weights, cause, previous_score, explanation,"
            + " input_version)"
            + " VALUES ($1, $2, clock_timestamp(), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING " + COLUMNS;
    /**
     * A recomputation that came out the same as the latest snapshot: that snapshot is current for the newer data (its
     * explanation too, whose details may have moved while the figures did not). Run under the client's score lock.
     */
    private static final String CONFIRM = """
            WITH latest AS (
                 SELECT id, explanation FROM score_snapshots
                  WHERE agency_id = $1 AND client_id = $2 ORDER BY computed_at DESC, id DESC LIMIT 1)
            UPDATE score_snapshots s SET input_version = $3, explanation = $4
              FROM latest WHERE s.id = latest.id
            RETURNING latest.explanation IS DISTINCT FROM $4::jsonb AS moved, s.computed_at, s.as_of, s.score,
                      s.quality, s.coverage, s.authenticity_factor, s.cause, s.previous_score, s.methodology_version,
                      s.weights, s.backfilled""";
    /** The version of the client's score inputs (0 before its first write); see V13_1__score_input_versions.sql. */
    private static final String INPUT_VERSION = """
            SELECT coalesce((SELECT version FROM score_input_versions WHERE agency_id = $1 AND client_id = $2), 0)
                   AS version""";
    /**
     * In one statement (one view of the database): the client's input version and weights now, and its latest
     * snapshot with what it was computed from. No row: the client is not in the agency.
     */
    private static final String CURRENT = """
            SELECT coalesce((SELECT v.version FROM score_input_versions v
                              WHERE v.agency_id = c.agency_id AND v.client_id = c.id), 0) AS version,
                   (SELECT w.weights FROM client_weights w WHERE w.agency_id = c.agency_id AND w.client_id = c.id)
                       AS weights,
                   s.id IS NOT NULL AS scored, s.input_version, s.as_of, s.methodology_version,
                   s.weights AS snapshot_weights, s.explanation
              FROM clients c
              LEFT JOIN LATERAL (
                   SELECT id, input_version, as_of, methodology_version, weights, explanation FROM score_snapshots
                    WHERE agency_id = c.agency_id AND client_id = c.id
                    ORDER BY computed_at DESC, id DESC LIMIT 1) s ON true
             WHERE c.agency_id = $1 AND c.id = $2""";
    /** Newest first, one more than asked for so that the caller knows whether the range held more. */
    private static final String HISTORY = "SELECT " + COLUMNS + " FROM score_snapshots"
            + " WHERE agency_id = $1 AND client_id = $2 AND computed_at >= $3 AND computed_at < $4"
            + " ORDER BY computed_at DESC, id DESC LIMIT $5";
    /**
     * Each client's latest score, the ones its changes over {@link #CHANGE_PERIODS} are measured against (the last
     * recorded at least that many days before, else the first), its daily scores for the sparkline and when its data
     * last changed.
     */
    private static final String SUMMARIES = """
            SELECT l.client_id, l.computed_at, l.as_of, l.score, l.quality, l.coverage, l.authenticity_factor,
                   l.methodology_version, earlier.scores AS earlier_scores, earlier.days AS earlier_days,
                   recent.scores AS recent, recent.days AS recent_days, v.data_changed_at
              FROM (SELECT DISTINCT ON (client_id) id, agency_id, client_id, computed_at, as_of, score, quality,
                           coverage, authenticity_factor, methodology_version
                      FROM score_snapshots
                     WHERE agency_id = $1 AND ($2::uuid IS NULL OR client_id = $2)
                     ORDER BY client_id, computed_at DESC, id DESC) l
              LEFT JOIN score_input_versions v ON v.agency_id = l.agency_id AND v.client_id = l.client_id
              LEFT JOIN LATERAL (
                   SELECT s.score, s.as_of FROM score_snapshots s
                    WHERE s.agency_id = l.agency_id AND s.client_id = l.client_id AND s.id <> l.id
                    ORDER BY s.computed_at, s.id LIMIT 1) first ON true
              LEFT JOIN LATERAL (
                   SELECT array_agg(coalesce(older.score, first.score) ORDER BY p.ord) AS scores,
                          array_agg(coalesce(older.as_of, first.as_of) ORDER BY p.ord) AS days
                     FROM unnest($3::int[]) WITH ORDINALITY AS p(days, ord)
                     LEFT JOIN LATERAL (
                          SELECT s.score, s.as_of FROM score_snapshots s
                           WHERE s.agency_id = l.agency_id AND s.client_id = l.client_id
                             AND s.computed_at <= l.computed_at - make_interval(days => p.days)
                           ORDER BY s.computed_at DESC, s.id DESC LIMIT 1) older ON true
                   ) earlier ON true
              LEFT JOIN LATERAL (
                   SELECT array_agg(d.score ORDER BY d.day) AS scores, array_agg(d.day ORDER BY d.day) AS days
                     FROM (SELECT DISTINCT ON ((s.computed_at AT TIME ZONE 'UTC')::date)
                                  (s.computed_at AT TIME ZONE 'UTC')::date AS day, s.score
                             FROM score_snapshots s
                            WHERE s.agency_id = l.agency_id AND s.client_id = l.client_id
                              AND s.computed_at > l.computed_at - make_interval(days => $4)
                            ORDER BY (s.computed_at AT TIME ZONE 'UTC')::date, s.computed_at DESC, s.id DESC) d
                   ) recent ON true""";
    /** Each day's last snapshot over a range of days (what the history shows for the day), for the backfill. */
    private static final String DAY_LAST = "SELECT DISTINCT ON (as_of) " + COLUMNS + ", input_version"
            + " FROM score_snapshots WHERE agency_id = $1 AND client_id = $2 AND as_of BETWEEN $3 AND $4"
            + " ORDER BY as_of, computed_at DESC, id DESC";
    /** Backfilled snapshots of these days, replaced or gone with their data. */
    private static final String DELETE_BACKFILLED = """
            DELETE FROM score_snapshots
             WHERE agency_id = $1 AND client_id = $2 AND backfilled AND as_of = ANY ($3::date[])""";
    /** Backfilled snapshots of these days that came out the same: current for the newer input version. */
    private static final String CONFIRM_BACKFILLED = """
            UPDATE score_snapshots SET input_version = $3
             WHERE agency_id = $1 AND client_id = $2 AND backfilled AND as_of = ANY ($4::date[])""";
    /** A backfilled day: cause data, computed_at the last microsecond of its day (UTC). */
    private static final String INSERT_BACKFILLED = """
            INSERT INTO score_snapshots (agency_id, client_id, computed_at, as_of, score, quality, coverage,
                                         authenticity_factor, methodology_version, weights, cause, previous_score,
                                         explanation, input_version, backfilled)
            VALUES ($1, $2, (($3::date + 1)::timestamp - interval '1 microsecond') AT TIME ZONE 'UTC', $3, $4, $5, $6,
                    $7, $8, $9, 'data', NULL, $10, $11, true)""";
    /** Clients with data but no score yet (data from before scores were recorded, or never scorable so far). */
    private static final String UNSCORED_WITH_DATA = """
            SELECT c.id FROM clients c
             WHERE c.agency_id = $1 AND ($2::uuid IS NULL OR c.id = $2)
               AND NOT EXISTS (SELECT 1 FROM score_snapshots s WHERE s.agency_id = c.agency_id AND s.client_id = c.id)
               AND EXISTS (SELECT 1 FROM observations o WHERE o.agency_id = c.agency_id AND o.client_id = c.id)""";

    private ScoreSnapshotStore() {
    }

    static Future<Boolean> lockClient(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(LOCK_CLIENT).execute(Tuple.of(agencyId, clientId)).map(rows -> rows.size() > 0);
    }

    static Future<Optional<ScoreSnapshot>> latest(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(LATEST).execute(Tuple.of(agencyId, clientId)).map(rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(snapshot(rows.iterator().next())));
    }

    /**
     * What a read of today's score needs to decide whether the latest snapshot still holds.
     *
     * @param inputVersion the client's input version now
     * @param weights      the client's stored weights now (empty: the defaults)
     * @param latest       the latest snapshot, if any
     */
    record Current(long inputVersion, Optional<JsonObject> weights, Optional<Latest> latest) {
    }

    /** The latest snapshot's explanation and what it was computed from ({@code inputVersion} null: unknown). */
    record Latest(Long inputVersion, LocalDate asOf, String methodologyVersion, Map<String, Double> weights,
                  JsonObject explanation) {
    }

    /** Empty when the client is not in the agency. */
    static Future<Optional<Current>> current(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(CURRENT).execute(Tuple.of(agencyId, clientId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            Optional<Latest> latest = !row.getBoolean("scored") ? Optional.empty() : Optional.of(new Latest(
                    row.getLong("input_version"), row.getLocalDate("as_of"), row.getString("methodology_version"),
                    ScoreService.weightsMap((JsonObject) row.getValue("snapshot_weights")),
                    (JsonObject) row.getValue("explanation")));
            return Optional.of(new Current(row.getLong("version"),
                    Optional.ofNullable((JsonObject) row.getValue("weights")), latest));
        });
    }

    /** The client's input version as of this statement. */
    static Future<Long> inputVersion(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(INPUT_VERSION).execute(Tuple.of(agencyId, clientId))
                .map(rows -> rows.iterator().next().getLong("version"));
    }

    /**
     * Marks the latest snapshot as computed from {@code inputVersion} with this explanation; when the explanation
     * moved, announces it (the same snapshot, the new explanation) to the live dashboards.
     */
    static Future<Void> confirm(SqlConnection sql, UUID agencyId, UUID clientId, ScoredClient scored,
                                long inputVersion) {
        return sql.preparedQuery(CONFIRM).execute(Tuple.of(agencyId, clientId, inputVersion, scored.explanation()))
                .compose(rows -> {
                    if (rows.size() == 0 || !rows.iterator().next().getBoolean("moved")) {
                        return Future.succeededFuture();
                    }
                    ScoreSnapshot snapshot = snapshot(rows.iterator().next());
                    return EventStore.record(sql, agencyId, clientId, LiveKind.SCORE,
                            ScoreRendering.liveEvent(snapshot, scored.explanation())).mapEmpty();
                });
    }

    /** Records a score and announces it to the live dashboards, inside the caller's transaction. */
    static Future<ScoreSnapshot> insert(SqlConnection sql, UUID agencyId, UUID clientId, ScoredClient scored,
                                        ScoreCause cause, Double previousScore, long inputVersion) {
        Tuple values = Tuple.tuple()
                .addUUID(agencyId).addUUID(clientId).addLocalDate(scored.score().asOf())
                .addDouble(scored.score().score()).addDouble(scored.score().quality())
                .addDouble(scored.score().coverage()).addDouble(scored.score().authenticity().factor())
                .addString(scored.score().methodologyVersion())
                .addValue(new JsonObject(new LinkedHashMap<>(ScoreService.keyed(scored.score().weights()))))
                .addString(cause.key()).addValue(previousScore).addValue(scored.explanation())
                .addLong(inputVersion);
        return sql.preparedQuery(INSERT).execute(values).map(rows -> snapshot(rows.iterator().next()))
                .compose(snapshot -> EventStore.record(sql, agencyId, clientId, LiveKind.SCORE,
                        ScoreRendering.liveEvent(snapshot, scored.explanation())).map(snapshot));
    }

    /** Snapshots computed on the days from..to (UTC), oldest first; at most {@code limit}, the newest ones. */
    public static Future<History> history(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate from, LocalDate to,
                                   int limit) {
        OffsetDateTime start = from.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime end = to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        return sql.preparedQuery(HISTORY).execute(Tuple.of(agencyId, clientId, start, end, limit + 1)).map(rows -> {
            List<ScoreSnapshot> newestFirst = new ArrayList<>();
            rows.forEach(row -> newestFirst.add(snapshot(row)));
            boolean truncated = newestFirst.size() > limit;
            List<ScoreSnapshot> points = new ArrayList<>(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
            java.util.Collections.reverse(points);
            return new History(points, truncated);
        });
    }

    /**
     * Each day's last snapshot on the days from..to (backfilled days included), by day: the score history of a
     * period as a reader means it, one point a day. Bounded by the period (at most a few years of days).
     */
    public static Future<List<ScoreSnapshot>> daily(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate from,
                                                    LocalDate to) {
        return sql.preparedQuery(DAY_LAST).execute(Tuple.of(agencyId, clientId, from, to)).map(rows -> {
            List<ScoreSnapshot> days = new ArrayList<>();
            rows.forEach(row -> days.add(snapshot(row)));
            return days;
        });
    }

    public record History(List<ScoreSnapshot> points, boolean truncated) {
    }

    /** The current score of every client of the agency that has one (or of one client), by client id. */
    public static Future<Map<UUID, ScoreSummary>> summaries(SqlConnection sql, UUID agencyId, UUID onlyClient) {
        return sql.preparedQuery(SUMMARIES)
                .execute(Tuple.of(agencyId, onlyClient, CHANGE_PERIODS.toArray(Integer[]::new), RECENT_DAYS))
                .map(rows -> {
            Map<UUID, ScoreSummary> byClient = new HashMap<>();
            for (Row row : rows) {
                double value = row.getDouble("score");
                List<ScoreSummary.PeriodChange> changes = changes(row, value);
                ScoreSummary.PeriodChange monthly = changes.get(CHANGE_PERIODS.indexOf(CHANGE_DAYS));
                byClient.put(row.getUUID("client_id"), new ScoreSummary(value, row.getDouble("quality"),
                        row.getDouble("coverage"), row.getDouble("authenticity_factor"), row.getLocalDate("as_of"),
                        row.getOffsetDateTime("computed_at"), row.getString("methodology_version"),
                        monthly.change(), monthly.since(), changes, recent(row), recentDays(row),
                        row.getOffsetDateTime("data_changed_at")));
            }
            return byClient;
        });
    }

    /** The change over each of {@link #CHANGE_PERIODS}, in that order; null figures for a client's only score. */
    private static List<ScoreSummary.PeriodChange> changes(Row row, double value) {
        Double[] scores = row.getArrayOfDoubles("earlier_scores");
        LocalDate[] days = row.getArrayOfLocalDates("earlier_days");
        List<ScoreSummary.PeriodChange> changes = new ArrayList<>(CHANGE_PERIODS.size());
        for (int i = 0; i < CHANGE_PERIODS.size(); i++) {
            Double earlier = scores == null ? null : scores[i];
            changes.add(new ScoreSummary.PeriodChange(CHANGE_PERIODS.get(i), earlier == null ? null : value - earlier,
                    earlier == null ? null : days[i]));
        }
        return changes;
    }

    private static List<Double> recent(Row row) {
        Double[] scores = row.getArrayOfDoubles("recent");
        return scores == null ? List.of() : List.of(scores);
    }

    private static List<LocalDate> recentDays(Row row) {
        LocalDate[] days = row.getArrayOfLocalDates("recent_days");
        return days == null ? List.of() : List.of(days);
    }

    /** Clients of the agency (or the one client) that have observations but no recorded score. */
    public static Future<List<UUID>> unscoredWithData(SqlConnection sql, UUID agencyId, UUID onlyClient) {
        return sql.preparedQuery(UNSCORED_WITH_DATA).execute(Tuple.of(agencyId, onlyClient)).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getUUID("id")));
            return ids;
        });
    }

    /** A day's last snapshot and the input version it was computed from (null: unknown). */
    record DayLast(ScoreSnapshot snapshot, Long inputVersion) {
    }

    /** Each day's last snapshot on the days from..to, by day. */
    static Future<Map<LocalDate, DayLast>> dayLast(SqlConnection sql, UUID agencyId, UUID clientId, LocalDate from,
                                                   LocalDate to) {
        return sql.preparedQuery(DAY_LAST).execute(Tuple.of(agencyId, clientId, from, to)).map(rows -> {
            Map<LocalDate, DayLast> byDay = new HashMap<>();
            rows.forEach(row -> byDay.put(row.getLocalDate("as_of"),
                    new DayLast(snapshot(row), row.getLong("input_version"))));
            return byDay;
        });
    }

    /**
     * Writes a backfill's outcome in three statements: drops the backfilled snapshots of {@code dropped} days (replaced
     * or no longer scorable), marks those of {@code confirmed} days as computed from {@code inputVersion}, and inserts
     * {@code scored} as backfilled days (one batch). No live event: a backfill is history, not today's score.
     */
    static Future<Void> writeBackfill(SqlConnection sql, UUID agencyId, UUID clientId, List<LocalDate> dropped,
                                      List<LocalDate> confirmed, List<ScoredClient> scored, long inputVersion) {
        Future<?> deleted = dropped.isEmpty() ? Future.succeededFuture()
                : sql.preparedQuery(DELETE_BACKFILLED)
                        .execute(Tuple.of(agencyId, clientId, dropped.toArray(LocalDate[]::new)));
        return deleted.compose(done -> confirmed.isEmpty() ? Future.succeededFuture()
                        : sql.preparedQuery(CONFIRM_BACKFILLED).execute(Tuple.of(agencyId, clientId, inputVersion,
                                confirmed.toArray(LocalDate[]::new))))
                .compose(done -> {
                    if (scored.isEmpty()) {
                        return Future.succeededFuture();
                    }
                    List<Tuple> batch = new ArrayList<>(scored.size());
                    for (ScoredClient day : scored) {
                        batch.add(Tuple.tuple()
                                .addUUID(agencyId).addUUID(clientId).addLocalDate(day.score().asOf())
                                .addDouble(day.score().score()).addDouble(day.score().quality())
                                .addDouble(day.score().coverage()).addDouble(day.score().authenticity().factor())
                                .addString(day.score().methodologyVersion())
                                .addValue(new JsonObject(new LinkedHashMap<>(ScoreService.keyed(day.score().weights()))))
                                .addValue(day.explanation()).addLong(inputVersion));
                    }
                    return sql.preparedQuery(INSERT_BACKFILLED).executeBatch(batch);
                })
                .mapEmpty();
    }

    private static ScoreSnapshot snapshot(Row row) {
        return new ScoreSnapshot(row.getOffsetDateTime("computed_at"), row.getLocalDate("as_of"), row.getDouble("score"),
                row.getDouble("quality"), row.getDouble("coverage"), row.getDouble("authenticity_factor"),
                ScoreCause.of(row.getString("cause")), row.getDouble("previous_score"),
                row.getString("methodology_version"), ScoreService.weightsMap((JsonObject) row.getValue("weights")),
                row.getBoolean("backfilled"));
    }
}
