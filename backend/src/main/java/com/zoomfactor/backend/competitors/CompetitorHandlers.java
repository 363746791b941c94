package com.zoomfactor.backend.competitors;

import com.zoomfactor.backend.scope.ClientCheckStore;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.domain.Channel;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** A client's competitors: the brands its metrics are compared with. */
public final class CompetitorHandlers {

    public record Competitor(UUID id, UUID clientId, String name, String website, Map<String, String> handles,
                             OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

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

    private final Tenancy tenancy;

    public CompetitorHandlers(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /** GET /api/clients/{id}/competitors */
    public void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID client = ClientScope.visibleId(ctx, caller);
        tenancy.inAgency(caller.agencyId(), sql -> ClientCheckStore.require(sql, caller.agencyId(), client)
                        .compose(ok -> sql.preparedQuery(LIST).execute(Tuple.of(caller.agencyId(), client))))
                .map(rows -> {
                    List<Competitor> competitors = new ArrayList<>();
                    rows.forEach(row -> competitors.add(view(row)));
                    return competitors;
                })
                .onSuccess(competitors -> JsonResponses.send(ctx, 200, competitors))
                .onFailure(ctx::fail);
    }

    /** POST /api/clients/{id}/competitors {name, website?, handles?} */
    public void create(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID client = ClientScope.visibleId(ctx, caller);
        JsonBody body = JsonBody.of(ctx);
        String name = body.requiredText("name", 200);
        String website = body.optionalWebAddress("website").orElse(null);
        JsonObject handles = handles(body).orElse(new JsonObject());
        tenancy.inAgency(caller.agencyId(), sql -> ClientCheckStore.require(sql, caller.agencyId(), client)
                        .compose(ok -> sql.preparedQuery(INSERT).execute(Tuple.of(caller.agencyId(), client, name, website, handles))))
                .onSuccess(rows -> JsonResponses.send(ctx, 201, view(rows.iterator().next())))
                .onFailure(ctx::fail);
    }

    /** PATCH /api/clients/{id}/competitors/{competitorId} */
    public void update(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID client = ClientScope.visibleId(ctx, caller);
        UUID competitor = PathParams.uuid(ctx, "competitorId", "competitor");
        JsonBody body = JsonBody.of(ctx);
        Optional<String> name = body.optionalText("name", 200);
        Optional<String> website = body.optionalWebAddress("website");
        boolean websiteGiven = body.has("website");
        Optional<JsonObject> handles = handles(body);
        tenancy.inAgency(caller.agencyId(), sql -> sql.preparedQuery(ONE_FOR_UPDATE)
                        .execute(Tuple.of(caller.agencyId(), client, competitor))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                throw ApiException.notFound("No such competitor");
                            }
                            Competitor current = view(rows.iterator().next());
                            return sql.preparedQuery(UPDATE).execute(Tuple.of(caller.agencyId(), client, competitor,
                                    name.orElse(current.name()), websiteGiven ? website.orElse(null) : current.website(),
                                    handles.orElse(new JsonObject(new TreeMap<>(current.handles())))));
                        }))
                .onSuccess(rows -> JsonResponses.send(ctx, 200, view(rows.iterator().next())))
                .onFailure(ctx::fail);
    }

    /** DELETE /api/clients/{id}/competitors/{competitorId} — its observations go with it. */
    public void delete(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID client = ClientScope.visibleId(ctx, caller);
        UUID competitor = PathParams.uuid(ctx, "competitorId", "competitor");
        tenancy.inAgency(caller.agencyId(), sql -> sql.preparedQuery(DELETE).execute(Tuple.of(caller.agencyId(), client, competitor)))
                .onSuccess(rows -> {
                    if (rows.rowCount() == 0) {
                        ctx.fail(ApiException.notFound("No such competitor"));
                    } else {
                        ctx.response().setStatusCode(204).end();
                    }
                })
                .onFailure(ctx::fail);
    }

    /** {"twitter": "@rival", ...}: keys are channels, values short handles. */
    private static Optional<JsonObject> handles(JsonBody body) {
        return body.optionalObject("handles").map(given -> {
            JsonObject handles = new JsonObject();
            for (String key : given.fieldNames()) {
                Channel channel = Channel.find(key).orElseThrow(() -> ApiException.badRequest(
                        "handles: unknown channel '" + key + "'; known channels: " + Channel.knownKeys()));
                Object handle = given.getValue(key);
                if (!(handle instanceof String text) || text.isBlank() || text.length() > 200) {
                    throw ApiException.badRequest("handles." + key + " must be a text of 1 to 200 characters");
                }
                JsonBody.refuseNul("handles." + key, text);
                handles.put(channel.key(), text.trim());
            }
            return handles;
        });
    }

    private static Competitor view(Row row) {
        JsonObject handles = (JsonObject) row.getValue("handles");
        Map<String, String> map = new TreeMap<>();
        handles.forEach(entry -> map.put(entry.getKey(), String.valueOf(entry.getValue())));
        return new Competitor(row.getUUID("id"), row.getUUID("client_id"), row.getString("name"), row.getString("website"),
                map, row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
