package com.zoomfactor.backend.competitors;

import com.zoomfactor.backend.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Clients' competitors (SQL and row mapping). */
public final class CompetitorStore {

    static final String NOT_FOUND = "No such competitor";

    private static final String COLUMNS = "id, client_id, name, website, handles, created_at, updated_at";
    private static final String LIST = "SELECT " + COLUMNS + " FROM competitors WHERE agency_id = $1 AND client_id = $2"
            + " ORDER BY lower(name), id";
    private static final String ONE_FOR_UPDATE = "SELECT " + COLUMNS + " FROM competitors"
            + " WHERE agency_id = $1 AND client_id = $2 AND id = $3 FOR UPDATE";
    private static final String INSERT = "INSERT INTO competitors (agency_id, client_id, name, website, handles)"
            + " VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS;
    private static final String UPDATE = "UPDATE competitors SET name = $4, website = $5, handles = $6, updated_at = now()"
            + " WHERE agency_id = $1 AND client_id = $2 AND id = $3 RETURNING " + COLUMNS;
    private static final String DELETE = "DELETE FROM competitors WHERE agency_id = $1 AND client_id = $2 AND id = $3";

    private CompetitorStore() {
    }

    /** The client's competitors by name. */
    static Future<List<Competitor>> list(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId)).map(rows -> {
            List<Competitor> competitors = new ArrayList<>();
            rows.forEach(row -> competitors.add(competitor(row)));
            return competitors;
        });
    }

    public static Future<Competitor> insert(SqlConnection sql, UUID agencyId, UUID clientId, String name, String website,
                                            JsonObject handles) {
        return sql.preparedQuery(INSERT).execute(Tuple.of(agencyId, clientId, name, website, handles))
                .map(rows -> competitor(rows.iterator().next()));
    }

    /**
     * Changes the competitor, locked while read so that concurrent edits of different fields do not undo each other,
     * and answers it as changed; 404 when the client has none such. Each field absent keeps its value; {@code website}
     * is only changed when {@code websiteGiven} (empty then clears it).
     */
    static Future<Competitor> update(SqlConnection sql, UUID agencyId, UUID clientId, UUID id, Optional<String> name,
                                     boolean websiteGiven, Optional<String> website, Optional<JsonObject> handles) {
        return sql.preparedQuery(ONE_FOR_UPDATE).execute(Tuple.of(agencyId, clientId, id)).compose(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound(NOT_FOUND);
            }
            Competitor current = competitor(rows.iterator().next());
            return sql.preparedQuery(UPDATE).execute(Tuple.of(agencyId, clientId, id, name.orElse(current.name()),
                    websiteGiven ? website.orElse(null) : current.website(),
                    handles.orElse(new JsonObject(new TreeMap<>(current.handles())))));
        }).map(rows -> competitor(rows.iterator().next()));
    }

    /** Deletes the competitor (its observations go with it); false when the client has none such. */
    static Future<Boolean> delete(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(DELETE).execute(Tuple.of(agencyId, clientId, id)).map(rows -> rows.rowCount() > 0);
    }

    private static Competitor competitor(Row row) {
        JsonObject handles = (JsonObject) row.getValue("handles");
        Map<String, String> map = new TreeMap<>();
        handles.forEach(entry -> map.put(entry.getKey(), String.valueOf(entry.getValue())));
        return new Competitor(row.getUUID("id"), row.getUUID("client_id"), row.getString("name"), row.getString("website"),
                map, row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
