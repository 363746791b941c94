package com.zoomfactor.backend.events;

import com.zoomfactor.domain.live.LiveKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The live events of clients: numbered and stored inside the transaction that makes the change, announced to every
 * server instance at its commit (NOTIFY), and read back for resuming dashboards.
 */
public final class EventStore {

    /** The NOTIFY channel every instance listens on. */
    public static final String CHANNEL = "zf_live";

    public static final String OBSERVATIONS = LiveKind.OBSERVATIONS.wire();
    public static final String POSTS = LiveKind.POSTS.wire();
    public static final String SCORE = LiveKind.SCORE.wire();
    public static final String PRESENCE = LiveKind.PRESENCE.wire();

    /** Resuming is guaranteed over at least this many of a client's latest events ... */
    public static final int RETAINED_EVENTS = 10_000;
    /** ... or this many minutes, whichever keeps more. */
    public static final int RETAINED_MINUTES = 10;
    /** Old events of a client are pruned on every this-many-th event of it, in the same transaction. */
    static final int PRUNE_EVERY = 500;
    /** NOTIFY payloads are limited to 8000 bytes; larger data is fetched by the listeners instead. */
    static final int MAX_INLINE_DATA = 7_000;

    /**
     * Takes the client's next number (the row lock keeps it until the commit, so numbers follow commit order),
     * stores the event and queues the NOTIFY, in one statement.
     */
    private static final String RECORD = """
            WITH next AS (
                 INSERT INTO live_sequences AS s (agency_id, client_id, seq) VALUES ($1, $2, 1)
                 ON CONFLICT (agency_id, client_id) DO UPDATE SET seq = s.seq + 1
                 RETURNING seq),
            stored AS (
                 INSERT INTO live_events (agency_id, client_id, seq, kind, data)
                 SELECT $1, $2, next.seq, $3, $4 FROM next RETURNING seq)
            SELECT seq, pg_notify('zf_live', json_build_object(
                        'agencyId', $1::uuid, 'clientId', $2::uuid, 'seq', seq, 'kind', $3::text,
                        'data', CASE WHEN octet_length($4::text) <= $5 THEN $4::jsonb END)::text)
              FROM stored""";
    private static final String PRUNE = """
            DELETE FROM live_events
             WHERE agency_id = $1 AND client_id = $2 AND seq <= $3
               AND created_at < now() - make_interval(mins => $4)""";
    private static final String SINCE = """
            SELECT seq, kind, data FROM live_events
             WHERE agency_id = $1 AND client_id = $2 AND seq > $3 ORDER BY seq LIMIT $4""";
    private static final String POSITIONS = """
            SELECT c.id, (SELECT s.seq FROM live_sequences s WHERE s.agency_id = $1 AND s.client_id = c.id) AS latest,
                   (SELECT min(e.seq) FROM live_events e WHERE e.agency_id = $1 AND e.client_id = c.id) AS oldest
              FROM clients c WHERE c.agency_id = $1 AND c.id = ANY($2::uuid[])""";

    /** One event as the dashboards receive it. */
    public record Event(UUID agencyId, UUID clientId, long seq, String kind, JsonObject data) {
    }

    /** The latest number given to a client's events (0 before the first) and the oldest one still kept. */
    public record Position(long latest, Long oldest) {

        /** Whether the events after {@code since} can all be replayed. */
        public boolean canResumeFrom(long since) {
            return since >= 0 && since <= latest && (since == latest || (oldest != null && oldest <= since + 1));
        }
    }

    private EventStore() {
    }

    /**
     * Records an event inside the caller's transaction; it reaches the dashboards and the stream's consumers when (and
     * if) that commits. Only the kinds of {@link LiveKind} are accepted: the stream is a closed set of kinds.
     */
    public static Future<Long> record(SqlConnection sql, UUID agencyId, UUID clientId, String kind, JsonObject data) {
        LiveKind known = LiveKind.fromWire(kind)
                .orElseThrow(() -> new IllegalArgumentException("Not a live event kind: " + kind));
        return record(sql, agencyId, clientId, known, data);
    }

    /** Records an event of this kind inside the caller's transaction (see above). */
    public static Future<Long> record(SqlConnection sql, UUID agencyId, UUID clientId, LiveKind kind, JsonObject data) {
        return sql.preparedQuery(RECORD).execute(Tuple.of(agencyId, clientId, kind.wire(), data, MAX_INLINE_DATA))
                .compose(rows -> {
                    long seq = rows.iterator().next().getLong("seq");
                    if (seq % PRUNE_EVERY != 0) {
                        return Future.succeededFuture(seq);
                    }
                    return sql.preparedQuery(PRUNE)
                            .execute(Tuple.of(agencyId, clientId, seq - RETAINED_EVENTS, RETAINED_MINUTES))
                            .map(seq);
                });
    }

    /**
     * The positions of those of {@code clientIds} that are the agency's clients (under its row-level security), in one
     * read: a portfolio subscribes to a thousand clients at once. A client missing from the answer does not exist.
     */
    public static Future<java.util.Map<UUID, Position>> positions(SqlConnection sql, UUID agencyId,
                                                                  List<UUID> clientIds) {
        return sql.preparedQuery(POSITIONS).execute(Tuple.of(agencyId, (Object) clientIds.toArray(UUID[]::new))).map(rows -> {
            java.util.Map<UUID, Position> found = new java.util.HashMap<>();
            for (Row row : rows) {
                Long latest = row.getLong("latest");
                found.put(row.getUUID("id"), new Position(latest == null ? 0 : latest, row.getLong("oldest")));
            }
            return found;
        });
    }

    /** The client's events after {@code since}, oldest first, at most {@code limit}. */
    public static Future<List<Event>> since(SqlConnection sql, UUID agencyId, UUID clientId, long since, int limit) {
        return sql.preparedQuery(SINCE).execute(Tuple.of(agencyId, clientId, since, limit)).map(rows -> {
            List<Event> events = new ArrayList<>();
            for (Row row : rows) {
                events.add(new Event(agencyId, clientId, row.getLong("seq"), row.getString("kind"),
                        (JsonObject) row.getValue("data")));
            }
            return events;
        });
    }
}
