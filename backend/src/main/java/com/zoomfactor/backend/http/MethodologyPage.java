package com.zoomfactor.backend.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The score's methodology (docs/methodology.md, packaged in the jar) served to anyone at {@value #PATH} as plain
 * UTF-8 text: the public link a report gives its readers, who have no account and no API.
 */
public final class MethodologyPage {

    public static final String PATH = "/methodology";
    private static final Buffer TEXT = read();

    private MethodologyPage() {
    }

    public static void mount(Router router) {
        router.get(PATH).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Cache-Control", "public, max-age=3600")
                .end(TEXT));
    }

    private static Buffer read() {
        try (InputStream in = MethodologyPage.class.getResourceAsStream("/docs/methodology.md")) {
            if (in == null) {
                throw new IllegalStateException("docs/methodology.md is missing from the class path");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
