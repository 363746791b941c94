package com.zoomfactor.backend.tracking;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An absolute http or https URL as the tracker reads it: its host (lower case), raw path and raw query, exactly as
 * {@link URI} reads them. The common shape (ASCII, a plain host name, no user info) is read by hand, since
 * {@code java.net.URI} was a tenth of the ingest's CPU per event; anything else goes through {@code URI} itself, so
 * both accept and refuse the same texts.
 */
record WebUrl(String host, String rawPath, String rawQuery) {

    /** The URL of {@code text} (trimmed), or null when it is not an absolute http(s) URL with a host. */
    static WebUrl parse(String text) {
        String url = text.trim();
        WebUrl quick = plain(url);
        return quick != null ? quick : general(url);
    }

    /** Through {@link URI}: every shape it accepts. */
    private static WebUrl general(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
                return null;
            }
            return new WebUrl(uri.getHost().toLowerCase(Locale.ROOT), uri.getRawPath(), uri.getRawQuery());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * {@code http(s)://host[:port][/path][?query][#fragment]} with a host name of letters, digits, dots and dashes and
     * only characters every part of a URI allows (ASCII, valid escapes); null for anything else (read by {@link URI}).
     */
    static WebUrl plain(String url) {
        int start;
        if (url.regionMatches(true, 0, "https://", 0, 8)) {
            start = 8;
        } else if (url.regionMatches(true, 0, "http://", 0, 7)) {
            start = 7;
        } else {
            return null;
        }
        int length = url.length();
        int fragments = 0;
        for (int i = start; i < length; i++) {
            char c = url.charAt(i);
            if (c == '%') {
                if (i + 2 >= length || Character.digit(url.charAt(i + 1), 16) < 0
                        || Character.digit(url.charAt(i + 2), 16) < 0) {
                    return null;
                }
            } else if (c == '#') {
                fragments++;
            } else if (!allowed(c)) {
                return null;
            }
        }
        if (fragments > 1) {
            return null; // a second '#' is not allowed in a fragment
        }
        int authorityEnd = start;
        while (authorityEnd < length && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        int colon = url.indexOf(':', start);
        int hostEnd = colon >= 0 && colon < authorityEnd ? colon : authorityEnd;
        if (hostEnd < authorityEnd && !port(url, hostEnd + 1, authorityEnd)) {
            return null;
        }
        if (!hostName(url, start, hostEnd)) {
            return null;
        }
        int pathEnd = authorityEnd;
        while (pathEnd < length && url.charAt(pathEnd) != '?' && url.charAt(pathEnd) != '#') {
            pathEnd++;
        }
        String query = null;
        if (pathEnd < length && url.charAt(pathEnd) == '?') {
            int queryEnd = url.indexOf('#', pathEnd);
            query = url.substring(pathEnd + 1, queryEnd < 0 ? length : queryEnd);
        }
        return new WebUrl(url.substring(start, hostEnd).toLowerCase(Locale.ROOT), url.substring(authorityEnd, pathEnd),
                query);
    }

    /** Unreserved, reserved but for '[' and ']' (IPv6 literals: left to URI), and the delimiters '/', '?'. */
    private static boolean allowed(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~:/?@!$&'()*+,;=".indexOf(c) >= 0;
    }

    /** 1 to 5 digits (a longer one may not fit URI's int: left to it). */
    private static boolean port(String url, int from, int to) {
        if (from == to || to - from > 5) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (url.charAt(i) < '0' || url.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 2396's host name, as URI reads it: dot-separated labels of letters, digits and inner dashes, the last one
     * starting with a letter (else it may be an IPv4 address), an optional trailing dot.
     */
    private static boolean hostName(String url, int from, int to) {
        if (to > from && url.charAt(to - 1) == '.') {
            to--;
        }
        if (from >= to) {
            return false;
        }
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || url.charAt(i) == '.') {
                if (i == labelStart || url.charAt(labelStart) == '-' || url.charAt(i - 1) == '-') {
                    return false;
                }
                if (i == to && !Character.isLetter(url.charAt(labelStart))) {
                    return false;
                }
                labelStart = i + 1;
            } else {
                char c = url.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }
}
