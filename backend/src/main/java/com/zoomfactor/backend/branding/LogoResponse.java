package com.zoomfactor.backend.branding;

import com.zoomfactor.backend.http.ApiException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Answers a stored logo as an image: its own type, never sniffed, and under a policy that lets an SVG draw but
 * never run or fetch anything, even opened on its own (the file was sanitised too; this is the second wall).
 */
public final class LogoResponse {

    static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    private LogoResponse() {
    }

    /** 200 with the logo, or 404 when there is none. */
    public static void send(RoutingContext ctx, Optional<LogoFile> logo) {
        if (logo.isEmpty()) {
            ctx.fail(ApiException.notFound("No logo is set"));
            return;
        }
        ctx.response()
                .putHeader("Content-Type", logo.get().type())
                .putHeader("Content-Security-Policy", POLICY)
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Cross-Origin-Resource-Policy", "same-origin")
                .end(Buffer.buffer(logo.get().bytes()));
    }
}
