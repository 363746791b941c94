package com.zoomfactor.backend.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything the server reads from its environment, read once at startup.
 *
 * @param port            HTTP port ({@code ZF_PORT}, default 8080; 0 picks a free port)
 * @param dataDir         where the server keeps its files, the embedded database among them ({@code ZF_DATA_DIR})
 * @param databaseUrl     an external PostgreSQL 15+ ({@code ZF_DATABASE_URL}); empty means the embedded one
 * @param embeddedDbPort  a fixed port for the embedded database ({@code ZF_EMBEDDED_DB_PORT}); empty picks a free one
 * @param jwtKey          the key that signs tokens ({@code ZF_JWT_KEY}); empty means one kept in {@code dataDir}
 * @param publicUrl       where people reach the app ({@code ZF_PUBLIC_URL}), the base of the links the server hands
 *                        out (invitations, share links); empty: the server's own origin, never built from headers
 * @param trustProxy      whether X-Forwarded-For names the visitor's address ({@code ZF_TRUST_PROXY})
 * @param clickhouseUrl   a ClickHouse server for the tracker's page events ({@code ZF_CLICKHOUSE_URL},
 *                        {@code http://user:password@host:8123/database}); empty keeps them in PostgreSQL
 * @param mail            the SMTP server and sender ({@code ZF_SMTP_URL}, {@code ZF_MAIL_FROM}); empty: no e-mail is
 *                        sent, and the API says so. Needs {@code ZF_PUBLIC_URL}: the links in a message are absolute
 * @param webhookAllowedHosts non-public hosts and networks webhooks may reach ({@code ZF_WEBHOOK_ALLOWED_HOSTS})
 */
public record AppConfig(int port, Path dataDir, Optional<DatabaseUrl> databaseUrl, OptionalInt embeddedDbPort,
                        Optional<String> jwtKey, Optional<URI> publicUrl, boolean trustProxy,
                        Optional<ClickHouseUrl> clickhouseUrl, Optional<MailSettings> mail,
                        HostAllowList webhookAllowedHosts) {

    public static final String PORT = "ZF_PORT";
    public static final String DATA_DIR = "ZF_DATA_DIR";
    public static final String DATABASE_URL = "ZF_DATABASE_URL";
    public static final String EMBEDDED_DB_PORT = "ZF_EMBEDDED_DB_PORT";
    public static final String JWT_KEY = "ZF_JWT_KEY";
    public static final String PUBLIC_URL = "ZF_PUBLIC_URL";
    public static final String TRUST_PROXY = "ZF_TRUST_PROXY";
    public static final String CLICKHOUSE_URL = "ZF_CLICKHOUSE_URL";
    public static final String SMTP_URL = "ZF_SMTP_URL";
    public static final String MAIL_FROM = "ZF_MAIL_FROM";
    public static final String WEBHOOK_ALLOWED_HOSTS = "ZF_WEBHOOK_ALLOWED_HOSTS";

    /** 256 bits of key for HMAC-SHA256, assuming at least one bit of entropy per character. */
    public static final int MIN_JWT_KEY_LENGTH = 32;

    public static final int DEFAULT_PORT = 8080;

    public AppConfig {
        checkPort(port, PORT, true);
        embeddedDbPort.ifPresent(p -> checkPort(p, EMBEDDED_DB_PORT, false));
        dataDir = dataDir.toAbsolutePath().normalize();
        jwtKey.ifPresent(key -> {
            if (key.length() < MIN_JWT_KEY_LENGTH) {
                throw new ConfigException(JWT_KEY + " must have at least " + MIN_JWT_KEY_LENGTH
                        + " characters (e.g. the output of 'openssl rand -base64 48')");
            }
        });
        if (mail.isPresent() && publicUrl.isEmpty()) {
            throw new ConfigException(SMTP_URL + " needs " + PUBLIC_URL + ": the links in e-mails (invitations, "
                    + "settings) must say where people reach the app");
        }
    }

    /** Without a public URL: the links the server hands out are under its own listening origin. */
    public AppConfig(int port, Path dataDir, Optional<DatabaseUrl> databaseUrl, OptionalInt embeddedDbPort,
                     Optional<String> jwtKey) {
        this(port, dataDir, databaseUrl, embeddedDbPort, jwtKey, Optional.empty());
    }

    /** Not behind a trusted proxy: a request's address is its connection's (X-Forwarded-For is ignored). */
    public AppConfig(int port, Path dataDir, Optional<DatabaseUrl> databaseUrl, OptionalInt embeddedDbPort,
                     Optional<String> jwtKey, Optional<URI> publicUrl) {
        this(port, dataDir, databaseUrl, embeddedDbPort, jwtKey, publicUrl, false);
    }

    /** Page events in PostgreSQL. */
    public AppConfig(int port, Path dataDir, Optional<DatabaseUrl> databaseUrl, OptionalInt embeddedDbPort,
                     Optional<String> jwtKey, Optional<URI> publicUrl, boolean trustProxy) {
        this(port, dataDir, databaseUrl, embeddedDbPort, jwtKey, publicUrl, trustProxy, Optional.empty());
    }

    /** No e-mail, and webhooks to public addresses only. */
    public AppConfig(int port, Path dataDir, Optional<DatabaseUrl> databaseUrl, OptionalInt embeddedDbPort,
                     Optional<String> jwtKey, Optional<URI> publicUrl, boolean trustProxy,
                     Optional<ClickHouseUrl> clickhouseUrl) {
        this(port, dataDir, databaseUrl, embeddedDbPort, jwtKey, publicUrl, trustProxy, clickhouseUrl,
                Optional.empty(), HostAllowList.none());
    }

    /** The same configuration with page events in {@code clickhouse}. */
    public AppConfig withClickHouse(ClickHouseUrl clickhouse) {
        return new AppConfig(port, dataDir, databaseUrl, embeddedDbPort, jwtKey, publicUrl, trustProxy,
                Optional.of(clickhouse), mail, webhookAllowedHosts);
    }

    /** The same configuration behind a proxy trusted (or not) to name the visitor's address. */
    public AppConfig withTrustProxy(boolean trusted) {
        return new AppConfig(port, dataDir, databaseUrl, embeddedDbPort, jwtKey, publicUrl, trusted, clickhouseUrl,
                mail, webhookAllowedHosts);
    }

    /** The same configuration sending e-mail through {@code settings}, with links under {@code publicUrl}. */
    public AppConfig withMail(MailSettings settings, URI appUrl) {
        return new AppConfig(port, dataDir, databaseUrl, embeddedDbPort, jwtKey, Optional.of(appUrl), trustProxy,
                clickhouseUrl, Optional.of(settings), webhookAllowedHosts);
    }

    /** The same configuration letting webhooks reach these non-public hosts. */
    public AppConfig withWebhookAllowedHosts(HostAllowList allowed) {
        return new AppConfig(port, dataDir, databaseUrl, embeddedDbPort, jwtKey, publicUrl, trustProxy, clickhouseUrl,
                mail, allowed);
    }

    /**
     * A public URL as configured: {@code http} or {@code https}, a host, maybe a port and a path (an app served below
     * a prefix); no user info, query or fragment. Returned without a trailing slash, so that paths append to it.
     */
    public static URI publicUrl(String value) {
        URI url;
        try {
            url = new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigException(PUBLIC_URL + " is not a URL: '" + value + "'");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null || url.isOpaque()) {
            throw new ConfigException(PUBLIC_URL + " must be an http:// or https:// URL with a host, e.g. "
                    + "https://zoomfactor.example.com, got '" + value + "'");
        }
        if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new ConfigException(PUBLIC_URL + " must not carry user info, a query or a fragment, got '" + value + "'");
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        try {
            return new URI(scheme + "://" + url.getRawAuthority() + path);
        } catch (URISyntaxException e) {
            throw new ConfigException(PUBLIC_URL + " is not a URL: '" + value + "'");
        }
    }

    /** Reads the configuration from environment variables; blank values count as absent. */
    public static AppConfig fromEnvironment(Map<String, String> env) {
        int port = intSetting(env, PORT).orElse(DEFAULT_PORT);
        Path dataDir = setting(env, DATA_DIR).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".zoomfactor"));
        Optional<DatabaseUrl> databaseUrl = setting(env, DATABASE_URL).map(value -> {
            try {
                return DatabaseUrl.parse(value);
            } catch (ConfigException e) {
                throw new ConfigException(DATABASE_URL + ": " + e.getMessage());
            }
        });
        Optional<ClickHouseUrl> clickhouseUrl = setting(env, CLICKHOUSE_URL).map(value -> {
            try {
                return ClickHouseUrl.parse(value);
            } catch (ConfigException e) {
                throw new ConfigException(CLICKHOUSE_URL + ": " + e.getMessage());
            }
        });
        Optional<MailSettings> mail = setting(env, SMTP_URL).map(value -> {
            try {
                return new MailSettings(SmtpUrl.parse(value), setting(env, MAIL_FROM).orElse(null));
            } catch (ConfigException e) {
                throw new ConfigException(e.getMessage().startsWith(MAIL_FROM) ? e.getMessage()
                        : SMTP_URL + ": " + e.getMessage());
            }
        });
        HostAllowList allowed = setting(env, WEBHOOK_ALLOWED_HOSTS).map(value -> {
            try {
                return HostAllowList.parse(value);
            } catch (ConfigException e) {
                throw new ConfigException(WEBHOOK_ALLOWED_HOSTS + ": " + e.getMessage());
            }
        }).orElse(HostAllowList.none());
        return new AppConfig(port, dataDir, databaseUrl, intSetting(env, EMBEDDED_DB_PORT), setting(env, JWT_KEY),
                setting(env, PUBLIC_URL).map(AppConfig::publicUrl), booleanSetting(env, TRUST_PROXY), clickhouseUrl,
                mail, allowed);
    }

    private static boolean booleanSetting(Map<String, String> env, String name) {
        String value = setting(env, name).orElse("false");
        if (!value.equals("true") && !value.equals("false")) {
            throw new ConfigException(name + " must be true or false, got '" + value + "'");
        }
        return value.equals("true");
    }

    /** Like the record's own, but never shows the signing key. */
    @Override
    public String toString() {
        return "AppConfig[port=" + port + ", dataDir=" + dataDir + ", databaseUrl=" + databaseUrl
                + ", embeddedDbPort=" + embeddedDbPort + ", jwtKey=" + (jwtKey.isPresent() ? "(set)" : "(data dir)")
                + ", publicUrl=" + publicUrl + ", trustProxy=" + trustProxy + ", clickhouseUrl=" + clickhouseUrl
                + ", mail=" + mail + ", webhookAllowedHosts=" + webhookAllowedHosts + "]";
    }

    private static Optional<String> setting(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static OptionalInt intSetting(Map<String, String> env, String name) {
        Optional<String> value = setting(env, name);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.get()));
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, got '" + value.get() + "'");
        }
    }

    private static void checkPort(int port, String name, boolean zeroAllowed) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
            throw new ConfigException(name + " must be a port between " + (zeroAllowed ? 0 : 1) + " and 65535, got " + port);
        }
    }
}
