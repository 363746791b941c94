package com.zoomfactor.backend.activity;

import com.zoomfactor.domain.live.LiveKind;
import io.vertx.core.json.JsonObject;


import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.events.EventStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A client's activity feed: who did what, when. Entries are written in the transaction of the change they describe
 * (so the feed never shows what did not happen) and announced live as {@code activity} events.
 */
public final class ActivityStore {


    private static final String RECORD = """
            INSERT INTO activity (agency_id, client_id, actor_id, actor_name, kind, summary)
            SELECT $1, $2, coalesce($3::uuid, $4::uuid),
                   coalesce((SELECT name FROM users WHERE id = $3::uuid),
                            (SELECT 'API token ' || name FROM api_tokens WHERE agency_id = $1 AND id = $4::uuid),
                            'someone'),
                   $5, $6
            RETURNING id, at, actor_id, actor_name, kind, summary""";
    private static final String RECORD_AUTOMATIC = """
            INSERT INTO activity (agency_id, client_id, actor_id, actor_name, kind, summary)
            VALUES ($1, $2, NULL, $3, $4, $5)
            RETURNING id, at, actor_id, actor_name, kind, summary""";
    private static final String PAGE = """
            SELECT id, at, actor_id, actor_name, kind, summary FROM activity
             WHERE agency_id = $1 AND client_id = $2 AND ($3::bigint IS NULL OR id < $3)
             ORDER BY id DESC LIMIT $4""";

    /** Who did it; {@code id} is the person's, or the API token's for a machine. */
    public record Actor(UUID id, String name) {
    }

    public record Entry(long id, OffsetDateTime at, Actor actor, String kind, String summary) {
    }

    /** Newest first; {@code next} is the {@code before} of the following page, null at the end. */
    public record Page(List<Entry> entries, Long next) {
    }


    private ActivityStore() {
    }

    /** Records an entry inside the caller's transaction and announces it when that commits. */
    public static Future<Entry> record(SqlConnection sql, Caller caller, UUID clientId, String kind, String summary) {
        UUID person = caller instanceof Caller.Person p ? p.personId() : null;
        UUID token = caller instanceof Caller.Machine m ? m.tokenId() : null;
        return record(sql, caller.agencyId(), clientId, person, token, kind, summary);
    }

    /**
     * Records an entry by a person or an API token known by id (work done later on their behalf, such as an import
     * job), as {@link #record(SqlConnection, Caller, UUID, String, String)}.
     */
    public static Future<Entry> record(SqlConnection sql, UUID agencyId, UUID clientId, UUID personId, UUID tokenId,
                                       String kind, String summary) {
        String text = summary.length() > 1000 ? summary.substring(0, 999) + "…" : summary;
        return sql.preparedQuery(RECORD).execute(Tuple.of(agencyId, clientId, personId, tokenId, kind, text))
                .map(rows -> entry(rows.iterator().next()))
                .compose(entry -> EventStore.record(sql, agencyId, clientId, LiveKind.ACTIVITY,
                        JsonResponses.toJsonObject(entry)).map(entry));
    }

    /**
     * Records a change the caller made: its live event (what dashboards apply) and the activity entry (what the feed
     * says), both inside the caller's transaction, so both or neither happen.
     */
    public static Future<Void> recordChange(SqlConnection sql, Caller caller, UUID clientId, LiveKind kind,
                                            JsonObject event, String activityKind, String summary) {
        return EventStore.record(sql, caller.agencyId(), clientId, kind, event)
                .compose(seq -> record(sql, caller, clientId, activityKind, summary)).mapEmpty();
    }

    /** The newest entries of the client's feed before {@code before} (all when null), at most {@code limit}. */
    public static Future<Page> page(SqlConnection sql, UUID agencyId, UUID clientId, Long before, int limit) {
        return sql.preparedQuery(PAGE).execute(Tuple.of(agencyId, clientId, before, limit + 1)).map(rows -> {
            List<Entry> entries = new ArrayList<>();
            rows.forEach(row -> entries.add(entry(row)));
            boolean more = entries.size() > limit;
            List<Entry> page = more ? entries.subList(0, limit) : entries;
            return new Page(List.copyOf(page), more ? page.get(page.size() - 1).id() : null);
        });
    }

    /** Records an entry of the product itself (no person or token did it: e.g. an alert fired), as {@link #record}. */
    public static Future<Entry> recordAutomatic(SqlConnection sql, UUID agencyId, UUID clientId, String actorName,
                                                String kind, String summary) {
        String text = summary.length() > 1000 ? summary.substring(0, 999) + "…" : summary;
        return sql.preparedQuery(RECORD_AUTOMATIC).execute(Tuple.of(agencyId, clientId, actorName, kind, text))
                .map(rows -> entry(rows.iterator().next()))
                .compose(entry -> EventStore.record(sql, agencyId, clientId, LiveKind.ACTIVITY,
                        JsonResponses.toJsonObject(entry)).map(entry));
    }

    private static Entry entry(Row row) {
        return new Entry(row.getLong("id"), row.getOffsetDateTime("at"),
                new Actor(row.getUUID("actor_id"), row.getString("actor_name")), row.getString("kind"),
                row.getString("summary"));
    }
}
