package com.zoomfactor.backend.http;

import com.zoomfactor.backend.db.DatabaseUnavailable;
import com.zoomfactor.backend.db.SqlErrors;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.handler.HttpException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single place that turns a failed request into {@code {"status": <code>, "message": "..."}}: for the router's
 * failures ({@link FailureHandler}) and the paths answered ahead of it. Client mistakes keep their 4xx; a database
 * outage is a 503 with {@code Retry-After} (see DatabaseUnavailable); anything unexpected is a 500 that is logged with
 * its cause and answered without details.
 */
public final class ErrorAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswers.class);

    private ErrorAnswers() {
    }

    /**
     * Answers a request that failed with {@code failure} (null when only a status is known) or {@code statusCode}
     * (-1 when none): the router's failures, and those of the paths answered ahead of it.
     */
    public static void answer(HttpServerRequest request, Throwable failure, int statusCode) {
        HttpServerResponse response = request.response();
        ApiError error = describe(request, failure, statusCode);
        if (response.headWritten()) {
            // too late for an error body: the client sees a cut-off response instead of a wrong one
            LOG.warn("{} {} failed after the response had started: {}", request.method(),
                    LoggedPath.of(request), String.valueOf(failure));
            request.connection().close();
            return;
        }
        // headers set for the body that will never be sent must not describe the error body
        response.headers().remove("Content-Disposition").remove("Cache-Control");
        response.putHeader("Cache-Control", "no-store");
        if (error.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        if (failure instanceof MalformedRequest) {
            // the rest of the connection cannot be read as HTTP any more
            response.putHeader("Connection", "close");
        }
        Object body = error;
        if (failure instanceof ApiException e) {
            e.headers().forEach(response::putHeader);
            if (!e.details().isEmpty()) {
                Map<String, Object> withDetails = new LinkedHashMap<>();
                withDetails.put("status", error.status());
                withDetails.put("message", error.message());
                withDetails.putAll(e.details());
                body = withDetails;
            }
        }
        Buffer json;
        try {
            json = JsonResponses.encode(body);
        } catch (RuntimeException e) {
            LOG.error("{} {}: the error answer could not be encoded", request.method(), LoggedPath.of(request), e);
            json = JsonResponses.encode(new ApiError(500, "Internal server error"));
            JsonResponses.send(response, 500, json);
            return;
        }
        JsonResponses.send(response, error.status(), json);
    }

    private static ApiError describe(HttpServerRequest request, Throwable failure, int statusCode) {
        if (failure instanceof ApiException e) {
            return new ApiError(e.status(), e.getMessage());
        }
        if (failure instanceof HttpException e && e.getStatusCode() < 500) {
            return new ApiError(e.getStatusCode(), messageFor(request, e.getStatusCode(), e.getPayload()));
        }
        if (failure instanceof DecodeException) {
            return new ApiError(400, "The request body is not valid JSON");
        }
        if (failure instanceof MalformedRequest) {
            return new ApiError(400, "The request body is not valid HTTP/1.1 (malformed chunked encoding)");
        }
        if (failure instanceof io.vertx.core.http.HttpClosedException || request.response().closed()) {
            // the client went away mid-request (its reset may surface as a socket error, which is not the database's):
            // nobody reads this answer, and it is no fault of ours
            return new ApiError(400, "The connection was closed before the request was complete");
        }
        java.util.Optional<String> race = SqlErrors.lostRace(failure);
        if (race.isPresent()) {
            // a race with another request that the handler did not foresee: the caller may try again, and it is not
            // a crash; the constraint is named for whoever reads the log
            LOG.warn("{} {} answered 409, it lost a race: {}", request.method(), LoggedPath.of(request),
                    DatabaseUnavailable.reason(failure));
            return new ApiError(409, race.get());
        }
        if (failure != null && DatabaseUnavailable.is(failure)) {
            // an outage, not a bug: the client retries after a pause, and the log says so in one line
            LOG.warn("{} {} answered 503, the database is unavailable: {}", request.method(),
                    LoggedPath.of(request), DatabaseUnavailable.reason(failure));
            if (!request.response().headWritten()) {
                request.response().putHeader("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
            }
            return new ApiError(503, DatabaseUnavailable.MESSAGE);
        }
        int status = failure instanceof HttpException e ? e.getStatusCode() : statusCode;
        if (failure != null && status < 400) {
            status = 500;
        }
        if (status >= 500 || status < 400) {
            LOG.error("{} {} failed", request.method(), LoggedPath.of(request), failure);
            return new ApiError(500, "Internal server error");
        }
        return new ApiError(status, messageFor(request, status, null));
    }

    private static String messageFor(HttpServerRequest request, int status, String payload) {
        if (payload != null && !payload.isBlank()) {
            return payload;
        }
        return switch (status) {
            case 404 -> "No such resource: " + request.method() + " " + request.path();
            case 405 -> "Method " + request.method() + " is not allowed on " + request.path();
            case 413 -> "The request body is too large";
            default -> HttpResponseStatus.valueOf(status).reasonPhrase();
        };
    }
}
