package com.zoomfactor.backend.health;

import com.zoomfactor.backend.config.BuildInfo;
import com.zoomfactor.backend.db.DatabaseUnavailable;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.domain.ServiceHealth;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/health}: 200 when the database answers a query in time, 503 when it does not. */
public final class HealthHandler implements Handler<RoutingContext> {

    static final long DATABASE_TIMEOUT_MS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(HealthHandler.class);

    private final Pool pool;

    public HealthHandler(Pool pool) {
        this.pool = pool;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HealthStore.ping(pool)
                .timeout(DATABASE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .onComplete(answer -> {
                    if (answer.failed()) {
                        LOG.warn("Health check: the database does not answer: {}", answer.cause().getMessage());
                    }
                    ServiceHealth health = ServiceHealth.of(answer.succeeded(), BuildInfo.version());
                    ctx.response().putHeader("Cache-Control", "no-store");
                    if (!health.healthy()) {
                        // like every answer during an outage: ask again in a moment
                        ctx.response().putHeader("Retry-After",
                                Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
                    }
                    JsonResponses.send(ctx, health.healthy() ? 200 : 503, health);
                });
    }
}
