package com.zoomfactor.backend.sites;

import com.zoomfactor.backend.http.ApiException;
import java.util.Locale;
import java.util.regex.Pattern;

/** A site's domain as people type it: a host name only (no scheme, port or path), lower-cased, at least two labels. */
public final class Domains {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TOP_LEVEL = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");

    private Domains() {
    }

    /** The host name, lower-cased; a 400 naming the mistake otherwise. */
    public static String parse(String given) {
        String text = given.trim().toLowerCase(Locale.ROOT);
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.contains("://") || text.contains("/") || text.contains(":") || text.contains("?") || text.contains("@")) {
            throw ApiException.badRequest("domain must be a host name such as example.com, without scheme, port or path");
        }
        String[] labels = text.split("\\.", -1);
        if (text.length() > 253 || labels.length < 2 || !TOP_LEVEL.matcher(labels[labels.length - 1]).matches()) {
            throw ApiException.badRequest("domain must be a host name such as example.com");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw ApiException.badRequest("domain must be a host name such as example.com");
            }
        }
        return text;
    }
}
