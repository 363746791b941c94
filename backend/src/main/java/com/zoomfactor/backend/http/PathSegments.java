package com.zoomfactor.backend.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a path with a dot segment ({@code .} or {@code ..}, also percent-encoded) or an empty one ({@code //}) before
 * any route runs. Vert.x Web routes on the normalised path, where {@code /clients/1/annotations/..} is
 * {@code /clients/1}: a {@code DELETE} of an "annotation" named {@code ..} would delete its client. No path of ours
 * has such segments, so they name no resource: 404, like an id that is not one.
 */
public final class PathSegments implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path != null && !plain(path)) {
            ctx.fail(new ApiException(404, noSuchPath(path)));
            return;
        }
        ctx.next();
    }

    /** What a share link that does not work answers, whatever the reason (one wording, so nothing tells them apart). */
    public static final String SHARE_LINK_GONE = "This share link does not exist or no longer works";

    /**
     * What a path that names nothing answers: under {@code /api/shared/} word for word what any other share token that
     * does not work answers (nothing tells a malformed link from a revoked one), elsewhere a plain 404 message.
     */
    static String noSuchPath(String path) {
        return path.startsWith("/api/shared/") ? SHARE_LINK_GONE : "No such resource";
    }

    /** Whether every segment after the leading slash is non-empty and neither {@code .} nor {@code ..}. */
    static boolean plain(String path) {
        if (path.equals("/")) {
            return true;
        }
        String[] segments = path.substring(path.startsWith("/") ? 1 : 0).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i].replace("%2e", ".").replace("%2E", ".");
            boolean last = i == segments.length - 1;
            // a trailing slash (an empty last segment) is a directory-style path the SPA and static files accept
            if ((segment.isEmpty() && !last) || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
