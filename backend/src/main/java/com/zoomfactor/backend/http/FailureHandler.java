package com.zoomfactor.backend.http;

import com.zoomfactor.backend.db.DatabaseUnavailable;
import com.zoomfactor.backend.db.SqlErrors;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single place that turns a failed request into {@code {"status": <code>, "message": "..."}}.
 * Client mistakes keep their 4xx; a database outage is a 503 with {@code Retry-After} (see DatabaseUnavailable);
 * anything unexpected is a 500 that is logged with its cause and answered without details.
 */
public final class FailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        ApiError error = describe(ctx);
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            // too late for an error body: the client sees a cut-off response instead of a wrong one
            LOG.warn("{} {} failed after the response had started: {}", ctx.request().method(),
                    LoggedPath.of(ctx.request()), String.valueOf(ctx.failure()));
            ctx.request().connection().close();
            return;
        }
        // headers set for the body that will never be sent must not describe the error body
        response.headers().remove("Content-Disposition").remove("Cache-Control");
        response.putHeader("Cache-Control", "no-store");
        if (error.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        if (ctx.failure() instanceof MalformedRequest) {
            // the rest of the connection cannot be read as HTTP any more
            response.putHeader("Connection", "close");
        }
        Object body = error;
        if (ctx.failure() instanceof ApiException e) {
            e.headers().forEach(response::putHeader);
            if (!e.details().isEmpty()) {
                Map<String, Object> withDetails = new LinkedHashMap<>();
                withDetails.put("status", error.status());
                withDetails.put("message", error.message());
                withDetails.putAll(e.details());
                body = withDetails;
            }
        }
        JsonResponses.send(ctx, error.status(), body);
    }

    private static ApiError describe(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiException e) {
            return new ApiError(e.status(), e.getMessage());
        }
        if (failure instanceof HttpException e && e.getStatusCode() < 500) {
            return new ApiError(e.getStatusCode(), messageFor(ctx, e.getStatusCode(), e.getPayload()));
        }
        if (failure instanceof DecodeException) {
            return new ApiError(400, "The request body is not valid JSON");
        }
        if (failure instanceof MalformedRequest) {
            return new ApiError(400, "The request body is not valid HTTP/1.1 (malformed chunked encoding)");
        }
        if (failure instanceof io.vertx.core.http.HttpClosedException || ctx.response().closed()) {
            // the client went away mid-request (its reset may surface as a socket error, which is not the database's):
            // nobody reads this answer, and it is no fault of ours
            return new ApiError(400, "The connection was closed before the request was complete");
        }
        java.util.Optional<String> race = SqlErrors.lostRace(failure);
        if (race.isPresent()) {
            // a race with another request that the handler did not foresee: the caller may try again, and it is not
            // a crash; the constraint is named for whoever reads the log
            LOG.warn("{} {} answered 409, it lost a race: {}", ctx.request().method(), LoggedPath.of(ctx.request()),
                    DatabaseUnavailable.reason(failure));
            return new ApiError(409, race.get());
        }
        if (failure != null && DatabaseUnavailable.is(failure)) {
            // an outage, not a bug: the client retries after a pause, and the log says so in one line
            LOG.warn("{} {} answered 503, the database is unavailable: {}", ctx.request().method(),
                    LoggedPath.of(ctx.request()), DatabaseUnavailable.reason(failure));
            if (!ctx.response().headWritten()) {
                ctx.response().putHeader("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
            }
            return new ApiError(503, DatabaseUnavailable.MESSAGE);
        }
        int status = failure instanceof HttpException e ? e.getStatusCode() : ctx.statusCode();
        if (failure != null && status < 400) {
            status = 500;
        }
        if (status >= 500 || status < 400) {
            LOG.error("{} {} failed", ctx.request().method(), LoggedPath.of(ctx.request()), failure);
            return new ApiError(500, "Internal server error");
        }
        return new ApiError(status, messageFor(ctx, status, null));
    }

    private static String messageFor(RoutingContext ctx, int status, String payload) {
        if (payload != null && !payload.isBlank()) {
            return payload;
        }
        return switch (status) {
            case 404 -> "No such resource: " + ctx.request().method() + " " + ctx.request().path();
            case 405 -> "Method " + ctx.request().method() + " is not allowed on " + ctx.request().path();
            case 413 -> "The request body is too large";
            default -> HttpResponseStatus.valueOf(status).reasonPhrase();
        };
    }
}
