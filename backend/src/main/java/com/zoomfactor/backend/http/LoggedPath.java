package com.zoomfactor.backend.http;

import io.vertx.core.http.HttpServerRequest;
import java.util.regex.Pattern;

/**
 * A request's path as it may be written to a log: a segment that is a credential (a share link's {@code zfs_…}, or
 * any other of the product's {@code zf?_…} tokens a client put in a path by mistake) is cut to its prefix, so that
 * logs never hold a working secret.
 */
public final class LoggedPath {

    private static final Pattern SECRET_SEGMENT = Pattern.compile("(?<=/)(zf[a-z]_)[^/]*");

    private LoggedPath() {
    }

    public static String of(HttpServerRequest request) {
        return redact(request.path());
    }

    static String redact(String path) {
        return path == null ? null : SECRET_SEGMENT.matcher(path).replaceAll("$1…");
    }
}
