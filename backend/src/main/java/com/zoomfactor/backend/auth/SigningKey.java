package com.zoomfactor.backend.auth;

import com.zoomfactor.backend.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret that signs every JWT: {@code ZF_JWT_KEY} when set, otherwise a random key generated once and kept
 * in {@code ZF_DATA_DIR/jwt-signing.key}, readable by its owner only. Without one the server does not start.
 * Blocking file I/O: call off the event loop.
 */
public final class SigningKey {

    public static final String FILE_NAME = "jwt-signing.key";

    private static final Logger LOG = LoggerFactory.getLogger(SigningKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SigningKey() {
    }

    public static String load(AppConfig config) {
        if (config.jwtKey().isPresent()) {
            return config.jwtKey().get();
        }
        Path file = config.dataDir().resolve(FILE_NAME);
        try {
            Files.createDirectories(config.dataDir());
            if (!Files.exists(file)) {
                create(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the token signing key in " + file + " (" + e.getMessage()
                    + "); set " + AppConfig.JWT_KEY + " instead", e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[48];
        new SecureRandom().nextBytes(key);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException raced) {
            return;
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(key), StandardCharsets.US_ASCII);
        LOG.info("Generated a token signing key in {}", file);
    }

    private static String read(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new IllegalStateException("The token signing key " + file + " is readable by others ("
                        + PosixFilePermissions.toString(permissions) + "); run 'chmod 600 " + file + "'");
            }
        } catch (UnsupportedOperationException notPosix) {
            // no POSIX permissions on this file system: nothing to check
        }
        String key = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (key.length() < AppConfig.MIN_JWT_KEY_LENGTH) {
            throw new IllegalStateException("The token signing key in " + file + " is too short");
        }
        return key;
    }
}
