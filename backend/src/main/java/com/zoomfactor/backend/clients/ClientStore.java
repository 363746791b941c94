package com.zoomfactor.backend.clients;

import com.zoomfactor.backend.db.SqlErrors;
import com.zoomfactor.backend.http.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The clients table: an agency's brands, listed, created, read, changed and deleted (without their scores). */
public final class ClientStore {

    /** A client's fields as a create or a change sets them. */
    record Fields(String name, String website, String timeZone, List<String> channels) {
    }

    private static final String COLUMNS = "id, name, website, time_zone, channels, demo, created_at, updated_at";
    private static final String LIST = "SELECT " + COLUMNS + " FROM clients WHERE agency_id = $1"
            + " AND ($2::uuid IS NULL OR id = $2) ORDER BY lower(name), id";
    private static final String ONE = "SELECT " + COLUMNS + " FROM clients WHERE agency_id = $1 AND id = $2";
    private static final String NAME = "SELECT name FROM clients WHERE agency_id = $1 AND id = $2";
    private static final String ONE_FOR_UPDATE = ONE + " FOR UPDATE";
    private static final String INSERT = "INSERT INTO clients (agency_id, name, website, time_zone, channels, demo)"
            + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS;
    private static final String UPDATE = "UPDATE clients SET name = $3, website = $4, time_zone = $5, channels = $6,"
            + " updated_at = now() WHERE agency_id = $1 AND id = $2 RETURNING " + COLUMNS;
    private static final String DELETE = "DELETE FROM clients WHERE agency_id = $1 AND id = $2";

    private ClientStore() {
    }

    /** The agency's clients (or only this one, when not null), by name. */
    static Future<List<ClientView>> list(SqlConnection sql, UUID agencyId, UUID only) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, only)).map(ClientStore::views);
    }

    static Future<ClientView> create(SqlConnection sql, UUID agencyId, Fields fields) {
        return insert(sql, agencyId, fields, false);
    }

    /** The agency's demo client (without data yet); 409 when the agency already has one. */
    public static Future<ClientView> createDemo(SqlConnection sql, UUID agencyId, String name, String website,
                                                String timeZone, List<String> channels) {
        return insert(sql, agencyId, new Fields(name, website, timeZone, channels), true)
                .recover(SqlErrors.onUniqueViolation(() -> ApiException.conflict(
                        "This agency already has a demo client: delete it to add a fresh one")));
    }

    private static Future<ClientView> insert(SqlConnection sql, UUID agencyId, Fields fields, boolean demo) {
        return sql.preparedQuery(INSERT).execute(Tuple.of(agencyId, fields.name(), fields.website(),
                fields.timeZone(), fields.channels().toArray(String[]::new), demo))
                .map(rows -> view(rows.iterator().next()));
    }

    static Future<Optional<ClientView>> one(SqlConnection sql, UUID agencyId, UUID id) {
        return sql.preparedQuery(ONE).execute(Tuple.of(agencyId, id)).map(ClientStore::first);
    }

    /** The client's name, for what other packages title with it (a report); empty when there is no such client. */
    public static Future<Optional<String>> name(SqlConnection sql, UUID agencyId, UUID id) {
        return sql.preparedQuery(NAME).execute(Tuple.of(agencyId, id)).map(rows -> rows.size() == 0 ? Optional.empty()
                : Optional.of(rows.iterator().next().getString("name")));
    }

    /** The client, locked until the transaction ends: a change reads it and writes it back. */
    static Future<Optional<ClientView>> oneForUpdate(SqlConnection sql, UUID agencyId, UUID id) {
        return sql.preparedQuery(ONE_FOR_UPDATE).execute(Tuple.of(agencyId, id)).map(ClientStore::first);
    }

    static Future<ClientView> update(SqlConnection sql, UUID agencyId, UUID id, Fields fields) {
        return sql.preparedQuery(UPDATE).execute(Tuple.of(agencyId, id, fields.name(), fields.website(),
                fields.timeZone(), fields.channels().toArray(String[]::new))).map(rows -> view(rows.iterator().next()));
    }

    /** False when there was no such client. */
    static Future<Boolean> delete(SqlConnection sql, UUID agencyId, UUID id) {
        return sql.preparedQuery(DELETE).execute(Tuple.of(agencyId, id)).map(rows -> rows.rowCount() > 0);
    }

    private static Optional<ClientView> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next()));
    }

    private static List<ClientView> views(RowSet<Row> rows) {
        List<ClientView> views = new ArrayList<>();
        rows.forEach(row -> views.add(view(row)));
        return views;
    }

    private static ClientView view(Row row) {
        return new ClientView(row.getUUID("id"), row.getString("name"), row.getString("website"),
                row.getString("time_zone"), List.of(row.getArrayOfStrings("channels")), row.getBoolean("demo"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"), null);
    }
}
