package com.zoomfactor.backend.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.stream.Stream;

/** The headers every response carries, API and web app alike. */
public final class SecurityHeaders implements Handler<RoutingContext> {

    /** The SPA loads only its own scripts and styles and talks only to its own origin (HTTP and WebSocket). */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            // blob: the logo preview on the branding page, fetched with the access token an img cannot send
            "img-src 'self' data: blob:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Override
    public void handle(RoutingContext ctx) {
        apply(ctx.request(), ctx.response().headers());
        ctx.next();
    }

    /** Sets the headers on an answer to {@code request} (also for the paths answered ahead of the router). */
    public static void apply(HttpServerRequest request, MultiMap headers) {
        for (int i = 0; i < ALWAYS.length; i += 2) {
            headers.set(ALWAYS[i], ALWAYS[i + 1]);
        }
        if (behindTls(request)) {
            headers.set(STRICT_TRANSPORT_SECURITY, HSTS_VALUE);
        }
    }

    /**
     * Names and values, pre-encoded (ASCII): every answer carries them, and Netty copies such headers' bytes as they
     * are instead of encoding their characters again each time.
     */
    private static final CharSequence[] ALWAYS = Stream.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()")
            .map(HttpHeaders::createOptimized).toArray(CharSequence[]::new);
    private static final CharSequence STRICT_TRANSPORT_SECURITY = HttpHeaders.createOptimized("Strict-Transport-Security");
    private static final CharSequence HSTS_VALUE = HttpHeaders.createOptimized(HSTS);

    /**
     * TLS here or at a proxy in front of us. Trusting the proxy's header is safe for this one purpose:
     * browsers ignore HSTS received over plain HTTP.
     */
    private static boolean behindTls(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }
}
