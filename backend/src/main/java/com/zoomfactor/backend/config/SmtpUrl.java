package com.zoomfactor.backend.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where the SMTP server lives, parsed from {@code smtp://user:password@host:port} (STARTTLS when the server offers
 * it, and required with a login so that the password never goes in clear; port 587 by default) or {@code smtps://…} (TLS from the first byte; port 465 by default). User and password are
 * optional (a relay that needs no login) and may be percent-encoded. The password stays out of {@link #toString()}, so
 * that the record can be logged.
 */
public record SmtpUrl(boolean tls, String host, int port, String user, String password) {

    public SmtpUrl {
        if (host == null || host.isBlank()) {
            throw new ConfigException("the SMTP URL names no host");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException("SMTP port must be between 1 and 65535, got " + port);
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /** Parses {@code smtp://} and {@code smtps://} URIs. */
    public static SmtpUrl parse(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException("not a valid URI: " + e.getReason());
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps") || parsed.isOpaque()) {
            throw new ConfigException("expected an smtp://user:password@host:port or smtps://… URI");
        }
        if (parsed.getHost() == null) {
            throw new ConfigException("the SMTP URL names no host");
        }
        String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
        if (!path.isEmpty() && !path.equals("/") || parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
            throw new ConfigException("the SMTP URL must not carry a path, a query or a fragment");
        }
        String user = "";
        String password = "";
        String userInfo = parsed.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        }
        boolean tls = scheme.equals("smtps");
        return new SmtpUrl(tls, parsed.getHost(), parsed.getPort() == -1 ? (tls ? 465 : 587) : parsed.getPort(), user,
                password);
    }

    /** Whether the server is logged in to (a user was given). */
    public boolean login() {
        return !user.isEmpty();
    }

    @Override
    public String toString() {
        return (tls ? "smtps://" : "smtp://") + (user.isEmpty() ? "" : user + "@") + host + ":" + port;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
