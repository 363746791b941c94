package com.zoomfactor.backend.config;

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
 */
public record AppConfig(int port, Path dataDir, Optional<DatabaseUrl> databaseUrl, OptionalInt embeddedDbPort) {

    public static final String PORT = "ZF_PORT";
    public static final String DATA_DIR = "ZF_DATA_DIR";
    public static final String DATABASE_URL = "ZF_DATABASE_URL";
    public static final String EMBEDDED_DB_PORT = "ZF_EMBEDDED_DB_PORT";

    public static final int DEFAULT_PORT = 8080;

    public AppConfig {
        checkPort(port, PORT, true);
        embeddedDbPort.ifPresent(p -> checkPort(p, EMBEDDED_DB_PORT, false));
        dataDir = dataDir.toAbsolutePath().normalize();
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
        return new AppConfig(port, dataDir, databaseUrl, intSetting(env, EMBEDDED_DB_PORT));
    }

    public AppConfig withPort(int newPort) {
        return new AppConfig(newPort, dataDir, databaseUrl, embeddedDbPort);
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
