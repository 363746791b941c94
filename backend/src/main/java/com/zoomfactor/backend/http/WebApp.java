package com.zoomfactor.backend.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the single-page app from the classpath folder {@code webroot} (the frontend jar).
 * Hashed files under {@code /assets/} are cached for a year; everything else is revalidated, and any
 * other GET outside {@code /api} that is not a file answers {@code index.html}, so that deep links work.
 */
public final class WebApp {

    static final String ROOT = "webroot";
    static final long ONE_YEAR_SECONDS = 365L * 24 * 60 * 60;
    /** Every path except {@code /api} and what lies below it. */
    static final String OUTSIDE_API = "^(?!/api(?:/|$)).*";

    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);

    private final Optional<Buffer> indexHtml;

    private WebApp(Optional<Buffer> indexHtml) {
        this.indexHtml = indexHtml;
    }

    public static Future<WebApp> load(Vertx vertx) {
        return vertx.fileSystem().readFile(ROOT + "/index.html")
                .map(html -> new WebApp(Optional.of(html)))
                .recover(missing -> {
                    LOG.warn("No web app in this build ({}/index.html is missing); serving the API only", ROOT);
                    return Future.succeededFuture(new WebApp(Optional.empty()));
                });
    }

    public void mount(Router router) {
        // a route's own prefix is not part of the file's path: /assets/x.js is webroot/assets/x.js
        router.get("/assets/*")
                .handler(StaticHandler.create(ROOT + "/assets").setMaxAgeSeconds(ONE_YEAR_SECONDS).setDirectoryListing(false))
                // a missing asset must not be answered with the HTML page
                .handler(ctx -> ctx.fail(404));
        router.getWithRegex(OUTSIDE_API)
                .handler(ctx -> {
                    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
                    ctx.next();
                })
                .handler(StaticHandler.create(ROOT).setCachingEnabled(false).setDirectoryListing(false))
                .handler(this::serveIndex);
    }

    private void serveIndex(RoutingContext ctx) {
        if (indexHtml.isEmpty()) {
            ctx.fail(404);
            return;
        }
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .end(indexHtml.get());
    }
}
