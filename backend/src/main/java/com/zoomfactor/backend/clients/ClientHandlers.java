package com.zoomfactor.backend.clients;

import com.zoomfactor.backend.scope.ClientScope;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.domain.Channel;
import com.zoomfactor.backend.scores.ScoreRecomputer;
import com.zoomfactor.backend.scores.ScoreSnapshotStore;
import com.zoomfactor.backend.scores.ScoreSummary;
import com.zoomfactor.domain.score.ScoreEngine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The brands an agency manages: list, create, read, change, delete. Scoped to the caller's agency. */
public final class ClientHandlers {

    /** A client; {@code score} is its current Zoom Factor at a glance, null until it has one. */
    public record ClientView(UUID id, String name, String website, String timeZone, List<String> channels,
                             OffsetDateTime createdAt, OffsetDateTime updatedAt, ScoreSummary score) {

        ClientView withScore(ScoreSummary summary) {
            return new ClientView(id, name, website, timeZone, channels, createdAt, updatedAt, summary);
        }
    }

    private static final String COLUMNS = "id, name, website, time_zone, channels, created_at, updated_at";
    private static final String LIST = "SELECT " + COLUMNS + " FROM clients WHERE agency_id = $1"
            + " AND ($2::uuid IS NULL OR id = $2) ORDER BY lower(name), id";
    private static final String ONE = "SELECT " + COLUMNS + " FROM clients WHERE agency_id = $1 AND id = $2";
    private static final String ONE_FOR_UPDATE = ONE + " FOR UPDATE";
    private static final String INSERT = "INSERT INTO clients (agency_id, name, website, time_zone, channels)"
            + " VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS;
    private static final String UPDATE = "UPDATE clients SET name = $3, website = $4, time_zone = $5, channels = $6,"
            + " updated_at = now() WHERE agency_id = $1 AND id = $2 RETURNING " + COLUMNS;
    private static final String DELETE = "DELETE FROM clients WHERE agency_id = $1 AND id = $2";

    private final Vertx vertx;
    private final Tenancy tenancy;

    public ClientHandlers(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.tenancy = tenancy;
    }

    /** GET /api/clients — the portfolio, each client with its current score; a client viewer sees only their client. */
    public void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID only = caller.onlyClient();
        tenancy.inAgency(caller.agencyId(), sql -> sql.preparedQuery(LIST).execute(Tuple.of(caller.agencyId(), only))
                        .compose(rows -> withScores(sql, caller.agencyId(), only, rows)))
                .onSuccess(clients -> JsonResponses.send(ctx, 200, clients))
                .onFailure(ctx::fail);
    }

    /**
     * The clients of the rows with their current scores. A score computed on an earlier day or under another
     * methodology, and a client with data but no score, are shown as they are and refreshed in the background
     * (the live channel and the next read show the result).
     */
    private Future<List<ClientView>> withScores(SqlConnection sql, UUID agencyId, UUID only, RowSet<Row> rows) {
        Future<Map<UUID, ScoreSummary>> summaries = ScoreSnapshotStore.summaries(sql, agencyId, only);
        Future<List<UUID>> unscored = ScoreSnapshotStore.unscoredWithData(sql, agencyId, only);
        return Future.all(summaries, unscored).map(loaded -> {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            List<ClientView> clients = new ArrayList<>();
            for (Row row : rows) {
                ScoreSummary summary = summaries.result().get(row.getUUID("id"));
                clients.add(view(row).withScore(summary));
                if (summary != null && (summary.asOf().isBefore(today)
                        || !summary.methodologyVersion().equals(ScoreEngine.METHODOLOGY_VERSION))) {
                    ScoreRecomputer.requestRefresh(vertx, agencyId, row.getUUID("id"));
                }
            }
            unscored.result().forEach(id -> ScoreRecomputer.requestRefresh(vertx, agencyId, id));
            return clients;
        });
    }

    /** POST /api/clients */
    public void create(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        JsonBody body = JsonBody.of(ctx);
        String name = body.requiredText("name", 200);
        String website = body.optionalWebAddress("website").orElse(null);
        String timeZone = timeZone(body).orElse("UTC");
        List<String> channels = channels(body).orElse(List.of());
        tenancy.inAgency(caller.agencyId(), sql -> sql.preparedQuery(INSERT)
                        .execute(Tuple.of(caller.agencyId(), name, website, timeZone, channels.toArray(String[]::new))))
                .onSuccess(rows -> JsonResponses.send(ctx, 201, view(rows.iterator().next())))
                .onFailure(ctx::fail);
    }

    /** GET /api/clients/{id} */
    public void get(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID id = ClientScope.visibleId(ctx, caller);
        tenancy.inAgency(caller.agencyId(), sql -> sql.preparedQuery(ONE).execute(Tuple.of(caller.agencyId(), id))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                throw ApiException.notFound(ClientScope.NOT_FOUND);
                            }
                            return withScores(sql, caller.agencyId(), id, rows);
                        }))
                .onSuccess(clients -> JsonResponses.send(ctx, 200, clients.get(0)))
                .onFailure(ctx::fail);
    }

    /** PATCH /api/clients/{id} — changes the fields present in the body; {@code "website": null} clears it. */
    public void update(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID id = ClientScope.visibleId(ctx, caller);
        JsonBody body = JsonBody.of(ctx);
        Optional<String> name = body.optionalText("name", 200);
        Optional<String> website = body.optionalWebAddress("website");
        boolean websiteGiven = body.has("website");
        Optional<String> timeZone = timeZone(body);
        Optional<List<String>> channels = channels(body);
        tenancy.inAgency(caller.agencyId(), sql -> sql.preparedQuery(ONE_FOR_UPDATE)
                        .execute(Tuple.of(caller.agencyId(), id))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                throw ApiException.notFound(ClientScope.NOT_FOUND);
                            }
                            ClientView current = view(rows.iterator().next());
                            return sql.preparedQuery(UPDATE).execute(Tuple.of(caller.agencyId(), id,
                                    name.orElse(current.name()),
                                    websiteGiven ? website.orElse(null) : current.website(),
                                    timeZone.orElse(current.timeZone()),
                                    channels.orElse(current.channels()).toArray(String[]::new)))
                                    .compose(updated -> withScores(sql, caller.agencyId(), id, updated));
                        }))
                .onSuccess(clients -> JsonResponses.send(ctx, 200, clients.get(0)))
                .onFailure(ctx::fail);
    }

    /** DELETE /api/clients/{id} */
    public void delete(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID id = ClientScope.visibleId(ctx, caller);
        tenancy.inAgency(caller.agencyId(), sql -> sql.preparedQuery(DELETE).execute(Tuple.of(caller.agencyId(), id)))
                .onSuccess(rows -> {
                    if (rows.rowCount() == 0) {
                        ctx.fail(ApiException.notFound(ClientScope.NOT_FOUND));
                    } else {
                        ctx.response().setStatusCode(204).end();
                    }
                })
                .onFailure(ctx::fail);
    }

    private static Optional<String> timeZone(JsonBody body) {
        return body.optionalText("timeZone", 64).map(text -> {
            try {
                return ZoneId.of(text).getId();
            } catch (DateTimeException e) {
                throw ApiException.badRequest("timeZone must be a time zone such as Europe/Paris or UTC");
            }
        });
    }

    private static Optional<List<String>> channels(JsonBody body) {
        return body.optionalStrings("channels", Channel.values().length).map(keys -> {
            LinkedHashSet<String> channels = new LinkedHashSet<>();
            for (String key : keys) {
                channels.add(Channel.find(key).orElseThrow(() -> ApiException.badRequest(
                        "channels: unknown channel '" + key + "'; known channels: " + Channel.knownKeys())).key());
            }
            return List.copyOf(channels);
        });
    }

    private static ClientView view(Row row) {
        return new ClientView(row.getUUID("id"), row.getString("name"), row.getString("website"),
                row.getString("time_zone"), List.of(row.getArrayOfStrings("channels")),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"), null);
    }
}
