package com.zoomfactor.backend.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Where a ClickHouse server's HTTP interface lives, parsed from {@code http://user:password@host:8123/database}
 * ({@code https://} too; the port defaults to 8123, 8443 with TLS; the user to {@code default}). The database name is
 * a plain identifier (it appears in the DDL). The password is kept out of {@link #toString()} so that the record can
 * be logged.
 */
public record ClickHouseUrl(boolean tls, String host, int port, String database, String user, String password) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public ClickHouseUrl {
        if (host == null || host.isBlank()) {
            throw new ConfigException("the ClickHouse URL has no host");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException("ClickHouse port must be between 1 and 65535, got " + port);
        }
        if (database == null || !IDENTIFIER.matcher(database).matches()) {
            throw new ConfigException("the ClickHouse URL must name a database (letters, digits, _), got '"
                    + database + "'");
        }
        if (user == null || user.isBlank()) {
            throw new ConfigException("the ClickHouse URL has an empty user");
        }
        password = password == null ? "" : password;
    }

    /** Parses {@code http://} or {@code https://} URIs; user and password may be percent-encoded. */
    public static ClickHouseUrl parse(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException("not a valid URI: " + e.getReason());
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || parsed.isOpaque()) {
            throw new ConfigException("expected an http://user:password@host:8123/database URI");
        }
        if (parsed.getHost() == null) {
            throw new ConfigException("the ClickHouse URL names no host");
        }
        if (parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
            throw new ConfigException("the ClickHouse URL must not carry a query or a fragment");
        }
        String userInfo = parsed.getRawUserInfo();
        String user = "default";
        String password = "";
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        }
        String path = parsed.getPath() == null ? "" : parsed.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        boolean tls = scheme.equals("https");
        return new ClickHouseUrl(tls, parsed.getHost(), parsed.getPort() == -1 ? (tls ? 8443 : 8123) : parsed.getPort(),
                database, user, password);
    }

    /** The value of a Basic {@code Authorization} header for the user and password. */
    public String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The same server with another database (tests use one database per test class). */
    public ClickHouseUrl withDatabase(String otherDatabase) {
        return new ClickHouseUrl(tls, host, port, otherDatabase, user, password);
    }

    @Override
    public String toString() {
        return (tls ? "https://" : "http://") + user + "@" + host + ":" + port + "/" + database;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
