package com.zoomfactor.backend.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a PostgreSQL database lives, parsed from a {@code postgresql://user:password@host:port/db} URI.
 * The password is kept out of {@link #toString()} so that the record can be logged.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password) {

    public static final int DEFAULT_PORT = 5432;

    public DatabaseUrl {
        requireText(host, "host");
        requireText(database, "database name");
        requireText(user, "user");
        if (port < 1 || port > 65535) {
            throw new ConfigException("database port must be between 1 and 65535, got " + port);
        }
        password = password == null ? "" : password;
    }

    /** Parses {@code postgresql://} (or {@code postgres://}) URIs; user and password may be percent-encoded. */
    public static DatabaseUrl parse(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException("not a valid URI: " + e.getReason());
        }
        String scheme = parsed.getScheme();
        if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
            throw new ConfigException("expected a postgresql://user:password@host:port/database URI");
        }
        String userInfo = parsed.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            throw new ConfigException("the URI names no user (postgresql://user:password@host:port/database)");
        }
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        String path = parsed.getPath() == null ? "" : parsed.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (parsed.getHost() == null) {
            throw new ConfigException("the URI names no host");
        }
        return new DatabaseUrl(parsed.getHost(), parsed.getPort() == -1 ? DEFAULT_PORT : parsed.getPort(),
                database, user, password);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The same database under another name on the same server (tests use one database per test class). */
    public DatabaseUrl withDatabase(String otherDatabase) {
        return new DatabaseUrl(host, port, otherDatabase, user, password);
    }

    /** The same database reached as another user (with no password: for local trust authentication). */
    public DatabaseUrl withUser(String otherUser) {
        return new DatabaseUrl(host, port, database, otherUser, "");
    }

    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new ConfigException("the database URL has no " + what);
        }
    }
}
