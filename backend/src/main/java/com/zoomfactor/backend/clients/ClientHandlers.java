package com.zoomfactor.backend.clients;

import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.scope.RequestScope;
import com.zoomfactor.backend.scores.ScoreRecomputer;
import com.zoomfactor.backend.scores.ScoreSnapshotStore;
import com.zoomfactor.backend.scores.ScoreSummary;
import com.zoomfactor.domain.Channel;
import com.zoomfactor.domain.score.ScoreEngine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The brands an agency manages: list, create, read, change, delete. Scoped to the caller's agency. */
public final class ClientHandlers {

    private final Vertx vertx;
    private final RequestScope scope;

    public ClientHandlers(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.scope = new RequestScope(tenancy);
    }

    /** GET /api/clients — the portfolio, each client with its current score; a client viewer sees only their client. */
    public void list(RoutingContext ctx) {
        scope.inAgency(ctx, (caller, sql) -> ClientStore.list(sql, caller.agencyId(), caller.onlyClient())
                .compose(clients -> withScores(sql, caller.agencyId(), caller.onlyClient(), clients))).ok();
    }

    /**
     * The clients with their current scores. A score computed on an earlier day or under another
     * methodology, and a client with data but no score, are shown as they are and refreshed in the background
     * (the live channel and the next read show the result).
     */
    private Future<List<ClientView>> withScores(SqlConnection sql, UUID agencyId, UUID only, List<ClientView> found) {
        Future<Map<UUID, ScoreSummary>> summaries = ScoreSnapshotStore.summaries(sql, agencyId, only);
        Future<List<UUID>> unscored = ScoreSnapshotStore.unscoredWithData(sql, agencyId, only);
        return Future.all(summaries, unscored).map(loaded -> {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            List<ClientView> clients = new ArrayList<>();
            for (ClientView client : found) {
                ScoreSummary summary = summaries.result().get(client.id());
                clients.add(client.withScore(summary));
                if (summary != null && (summary.asOf().isBefore(today)
                        || !summary.methodologyVersion().equals(ScoreEngine.METHODOLOGY_VERSION))) {
                    ScoreRecomputer.requestRefresh(vertx, agencyId, client.id());
                }
            }
            unscored.result().forEach(id -> ScoreRecomputer.requestRefresh(vertx, agencyId, id));
            return clients;
        });
    }

    /** POST /api/clients */
    public void create(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        ClientStore.Fields fields = new ClientStore.Fields(body.requiredText("name", 200),
                body.optionalWebAddress("website").orElse(null), timeZone(body).orElse("UTC"),
                channels(body).orElse(List.of()));
        scope.inAgency(ctx, (caller, sql) -> ClientStore.create(sql, caller.agencyId(), fields)).created();
    }

    /** GET /api/clients/{id} */
    public void get(RoutingContext ctx) {
        scope.inClient(ctx, (caller, id, sql) -> ClientStore.one(sql, caller.agencyId(), id)
                .compose(client -> withScores(sql, caller.agencyId(), id, List.of(found(client))))
                .map(clients -> clients.get(0))).ok();
    }

    /** PATCH /api/clients/{id} — changes the fields present in the body; {@code "website": null} clears it. */
    public void update(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        Optional<String> name = body.optionalText("name", 200);
        Optional<String> website = body.optionalWebAddress("website");
        boolean websiteGiven = body.has("website");
        Optional<String> timeZone = timeZone(body);
        Optional<List<String>> channels = channels(body);
        scope.inClient(ctx, (caller, id, sql) -> ClientStore.oneForUpdate(sql, caller.agencyId(), id)
                .compose(locked -> {
                    ClientView current = found(locked);
                    return ClientStore.update(sql, caller.agencyId(), id, new ClientStore.Fields(
                            name.orElse(current.name()),
                            websiteGiven ? website.orElse(null) : current.website(),
                            timeZone.orElse(current.timeZone()),
                            channels.orElse(current.channels())));
                })
                .compose(updated -> withScores(sql, caller.agencyId(), id, List.of(updated)))
                .map(clients -> clients.get(0))).ok();
    }

    /** DELETE /api/clients/{id} */
    public void delete(RoutingContext ctx) {
        scope.inClient(ctx, (caller, id, sql) -> ClientStore.delete(sql, caller.agencyId(), id).map(deleted -> {
            if (!deleted) {
                throw ApiException.notFound(ClientScope.NOT_FOUND);
            }
            return deleted;
        })).noContent();
    }

    /** A client deleted since the scope found it is as missing as one that never was. */
    private static ClientView found(Optional<ClientView> client) {
        return client.orElseThrow(() -> ApiException.notFound(ClientScope.NOT_FOUND));
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
}
