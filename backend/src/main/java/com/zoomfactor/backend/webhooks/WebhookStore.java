package com.zoomfactor.backend.webhooks;

import com.zoomfactor.backend.scope.Found;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The webhooks table (SQL and row mapping): an agency's webhooks, and which of them want an event of a client. */
final class WebhookStore {

    static final String NOT_FOUND = "No such webhook";

    private static final String COLUMNS = "id, client_id, url, events, format, created_at";
    private static final String INSERT = """
            INSERT INTO webhooks (agency_id, client_id, url, events, format, secret, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING\s""" + COLUMNS;
    private static final String COUNT = "SELECT count(*) AS n FROM webhooks WHERE agency_id = $1";
    private static final String LIST = "SELECT " + COLUMNS + " FROM webhooks WHERE agency_id = $1 ORDER BY created_at, id";
    private static final String ONE = "SELECT " + COLUMNS + " FROM webhooks WHERE agency_id = $1 AND id = $2";
    private static final String DELETE = "DELETE FROM webhooks WHERE agency_id = $1 AND id = $2";
    private static final String SUBSCRIBED = "SELECT " + COLUMNS + " FROM webhooks\n" + """
             WHERE agency_id = $1 AND (client_id IS NULL OR client_id = $2) AND $3 = ANY(events)
             ORDER BY created_at, id""";

    /**
     * A webhook; its URL as stored (whole: it is what gets called). Lists show it redacted
     * ({@link com.zoomfactor.backend.outbox.WebhookUrls#redact}).
     */
    record Webhook(UUID id, UUID clientId, String url, List<String> events, String format, OffsetDateTime createdAt) {
    }

    private WebhookStore() {
    }

    static Future<Webhook> create(SqlConnection sql, UUID agencyId, UUID clientId, String url, List<String> events,
                                  String format, String secret, UUID createdBy) {
        return sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {agencyId, clientId, url,
                events.toArray(String[]::new), format, secret, createdBy})).map(rows -> webhook(rows.iterator().next()));
    }

    static Future<Long> count(SqlConnection sql, UUID agencyId) {
        return sql.preparedQuery(COUNT).execute(Tuple.of(agencyId)).map(rows -> rows.iterator().next().getLong("n"));
    }

    static Future<List<Webhook>> list(SqlConnection sql, UUID agencyId) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId)).map(WebhookStore::webhooks);
    }

    /** The agency's webhook; 404 when it has none by this id (another agency's among them). */
    static Future<Webhook> one(SqlConnection sql, UUID agencyId, UUID id) {
        return sql.preparedQuery(ONE).execute(Tuple.of(agencyId, id)).map(rows -> Found.one(rows, NOT_FOUND,
                WebhookStore::webhook));
    }

    static Future<Boolean> delete(SqlConnection sql, UUID agencyId, UUID id) {
        return sql.preparedQuery(DELETE).execute(Tuple.of(agencyId, id)).map(rows -> rows.rowCount() > 0);
    }

    /** The agency's webhooks that want {@code event} of this client (theirs, or every client's). */
    static Future<List<Webhook>> subscribed(SqlConnection sql, UUID agencyId, UUID clientId, String event) {
        return sql.preparedQuery(SUBSCRIBED).execute(Tuple.of(agencyId, clientId, event)).map(WebhookStore::webhooks);
    }

    private static List<Webhook> webhooks(Iterable<Row> rows) {
        List<Webhook> list = new ArrayList<>();
        rows.forEach(row -> list.add(webhook(row)));
        return list;
    }

    private static Webhook webhook(Row row) {
        return new Webhook(row.getUUID("id"), row.getUUID("client_id"), row.getString("url"),
                List.of(row.getArrayOfStrings("events")), row.getString("format"),
                row.getOffsetDateTime("created_at"));
    }
}
