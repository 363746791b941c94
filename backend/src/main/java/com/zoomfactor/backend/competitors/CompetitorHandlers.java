package com.zoomfactor.backend.competitors;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.scope.RequestScope;
import com.zoomfactor.domain.Channel;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;

/** A client's competitors: the brands its metrics are compared with. */
public final class CompetitorHandlers {

    private final RequestScope scope;

    public CompetitorHandlers(Tenancy tenancy) {
        this.scope = new RequestScope(tenancy);
    }

    /** GET /api/clients/{id}/competitors */
    public void list(RoutingContext ctx) {
        scope.inClient(ctx, (caller, client, sql) -> CompetitorStore.list(sql, caller.agencyId(), client)).ok();
    }

    /** POST /api/clients/{id}/competitors {name, website?, handles?} */
    public void create(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        String name = body.requiredText("name", 200);
        String website = body.optionalWebAddress("website").orElse(null);
        JsonObject handles = handles(body).orElse(new JsonObject());
        scope.inClient(ctx, (caller, client, sql) -> CompetitorStore.insert(sql, caller.agencyId(), client, name,
                website, handles)).created();
    }

    /**
     * PATCH /api/clients/{id}/competitors/{competitorId} — a client that does not exist has no such competitor
     * either (404 "No such competitor"), so the client is not looked up first.
     */
    public void update(RoutingContext ctx) {
        UUID client = ClientScope.visibleId(ctx, Caller.of(ctx));
        UUID competitor = PathParams.uuid(ctx, "competitorId", "competitor");
        JsonBody body = JsonBody.of(ctx);
        Optional<String> name = body.optionalText("name", 200);
        Optional<String> website = body.optionalWebAddress("website");
        boolean websiteGiven = body.has("website");
        Optional<JsonObject> handles = handles(body);
        scope.inAgency(ctx, (caller, sql) -> CompetitorStore.update(sql, caller.agencyId(), client, competitor, name,
                websiteGiven, website, handles)).ok();
    }

    /** DELETE /api/clients/{id}/competitors/{competitorId} — its observations go with it. */
    public void delete(RoutingContext ctx) {
        UUID client = ClientScope.visibleId(ctx, Caller.of(ctx));
        UUID competitor = PathParams.uuid(ctx, "competitorId", "competitor");
        scope.inAgency(ctx, (caller, sql) -> CompetitorStore.delete(sql, caller.agencyId(), client, competitor)
                .map(found -> {
                    if (!found) {
                        throw ApiException.notFound(CompetitorStore.NOT_FOUND);
                    }
                    return found;
                })).noContent();
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
}
