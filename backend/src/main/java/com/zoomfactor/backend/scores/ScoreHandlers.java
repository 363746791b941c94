package com.zoomfactor.backend.scores;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.clients.ClientScope;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.domain.score.ScoreEngine;
import com.zoomfactor.domain.score.ScoreInput;
import com.zoomfactor.domain.score.Weights;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * GET /api/clients/{id}/score[?asOf=YYYY-MM-DD] — the Zoom Factor as of a day, with its whole explanation, computed
 * from the stored data with the default weights (per-client weights and stored history come next).
 */
public final class ScoreHandlers {

    private final Vertx vertx;
    private final Tenancy tenancy;

    public ScoreHandlers(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.tenancy = tenancy;
    }

    public void score(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate asOf = QueryParams.date(ctx, "asOf").orElse(today);
        if (asOf.isAfter(today)) {
            throw ApiException.badRequest("asOf must not lie in the future");
        }
        tenancy.inAgency(caller.agencyId(), sql -> ClientScope.require(sql, caller.agencyId(), clientId)
                        .compose(exists -> ScoreInputs.load(sql, caller.agencyId(), clientId, asOf,
                                ScoreInput.DEFAULT_WINDOW_DAYS, Weights.defaults())))
                // the engine is CPU work (a millisecond or so): off the event loop
                .compose(input -> vertx.executeBlocking(() -> ScoreEngine.score(input), false))
                .onSuccess(score -> {
                    JsonObject body = JsonResponses.toJsonObject(score).put("clientId", clientId.toString());
                    JsonResponses.send(ctx.response(), 200, body.toBuffer());
                })
                .onFailure(ctx::fail);
    }
}
