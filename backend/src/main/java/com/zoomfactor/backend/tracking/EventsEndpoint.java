package com.zoomfactor.backend.tracking;

import com.zoomfactor.backend.http.AccessLog;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.ErrorAnswers;
import com.zoomfactor.backend.http.InFlight;
import com.zoomfactor.backend.http.SecurityHeaders;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * {@code POST /api/events} and its preflight, answered ahead of the router: the tracker's events are nearly all the
 * requests a busy server gets, and the router's chain (route matching, the body handler, a routing context and its
 * handlers) cost more CPU than the event itself. What that chain did for these two requests is done here, the same
 * way: the access log line, the security headers, the in-flight count (503 while the server drains), CORS, the body
 * read up to {@link TrackingHandlers#MAX_BODY_BYTES} (413 beyond, as soon as it is known) and every error as
 * {@code {status, message}} by {@link ErrorAnswers}. Any other request, other methods on the path included (405),
 * goes on to the router.
 */
public final class EventsEndpoint implements Handler<HttpServerRequest> {

    public static final String PATH = "/api/events";
    private static final CharSequence ANY_ORIGIN = HttpHeaders.createOptimized("*");
    private static final ApiException TOO_LARGE = new ApiException(413, "The request body is too large");

    private final TrackingHandlers tracking;
    private final InFlight inFlight;
    private final Handler<HttpServerRequest> router;

    public EventsEndpoint(TrackingHandlers tracking, InFlight inFlight, Handler<HttpServerRequest> router) {
        this.tracking = tracking;
        this.inFlight = inFlight;
        this.router = router;
    }

    @Override
    public void handle(HttpServerRequest request) {
        HttpMethod method = request.method();
        boolean post = HttpMethod.POST.equals(method);
        if (!(post || HttpMethod.OPTIONS.equals(method)) || !PATH.equals(request.path())) {
            router.handle(request);
            return;
        }
        Exchange exchange = new Exchange(request);
        HttpServerResponse response = request.response();
        SecurityHeaders.apply(request, response.headers());
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ANY_ORIGIN);
        if (!inFlight.enter()) {
            response.putHeader("Connection", "close").putHeader("Retry-After", "5");
            ErrorAnswers.answer(request, new ApiException(503, InFlight.SHUTTING_DOWN), -1);
            exchange.log();
            return;
        }
        if (!post) {
            TrackingHandlers.preflight(response);
            exchange.finish();
            return;
        }
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && tooLarge(declared)) {
            exchange.fail(TOO_LARGE);
            return;
        }
        request.handler(exchange).exceptionHandler(exchange::fail).endHandler(ended -> exchange.complete());
    }

    private static boolean tooLarge(String declared) {
        try {
            return Long.parseLong(declared.trim()) > TrackingHandlers.MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false; // Netty refuses a malformed length before this; the bytes read are counted anyway
        }
    }

    /** One event request: its body as it arrives, then its answer, given once. */
    private final class Exchange implements Handler<Buffer> {

        private final HttpServerRequest request;
        private final long started = System.nanoTime();
        private Buffer body;
        private boolean answered;

        Exchange(HttpServerRequest request) {
            this.request = request;
        }

        @Override
        public void handle(Buffer chunk) {
            if (answered) {
                return; // refused already (too large): the rest is read and dropped
            }
            int total = (body == null ? 0 : body.length()) + chunk.length();
            if (total > TrackingHandlers.MAX_BODY_BYTES) {
                fail(TOO_LARGE);
                return;
            }
            // one chunk is the usual case: kept as it came, no copy
            body = body == null ? chunk : Buffer.buffer(total).appendBuffer(body).appendBuffer(chunk);
        }

        void complete() {
            if (answered) {
                return;
            }
            tracking.accept(request, body == null ? Buffer.buffer() : body).onComplete(stored -> {
                if (stored.succeeded()) {
                    request.response().setStatusCode(202).end();
                    finish();
                } else {
                    fail(stored.cause());
                }
            });
        }

        void fail(Throwable failure) {
            if (answered) {
                return;
            }
            ErrorAnswers.answer(request, failure, -1);
            finish();
        }

        /** Answered (or given up on): counted out, logged. */
        void finish() {
            answered = true;
            inFlight.leave();
            log();
        }

        void log() {
            if (AccessLog.enabled()) {
                AccessLog.log(request, started);
            }
        }
    }
}
