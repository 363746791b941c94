package com.zoomfactor.backend.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** The router's failure handler: every failed route is answered by {@link ErrorAnswers}. */
public final class FailureHandler implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        ErrorAnswers.answer(ctx.request(), ctx.failure(), ctx.statusCode());
    }
}
