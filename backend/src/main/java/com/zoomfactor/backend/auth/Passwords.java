package com.zoomfactor.backend.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * argon2id with OWASP's parameters (19 MiB, 2 iterations, parallelism 1), through password4j, always off the
 * event loop. Checking a password for an account that does not exist does the same work against a decoy hash,
 * so that response time does not tell which e-mail addresses have accounts.
 */
public final class Passwords {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    static final int HASH_BYTES = 32;
    static final int SALT_BYTES = 16;

    private static final Argon2Function ARGON2ID =
            Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID);

    private final Vertx vertx;
    private final String decoyHash;

    private Passwords(Vertx vertx, String decoyHash) {
        this.vertx = vertx;
        this.decoyHash = decoyHash;
    }

    public static Future<Passwords> create(Vertx vertx) {
        return vertx.executeBlocking(() -> {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            return new Passwords(vertx, hashNow(Base64.getEncoder().encodeToString(random)));
        }, false);
    }

    /** The PHC string ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) to store. */
    public Future<String> hash(String password) {
        return vertx.executeBlocking(() -> hashNow(password), false);
    }

    /** True only when {@code storedHash} is present and matches; the same work either way. */
    public Future<Boolean> matches(String password, Optional<String> storedHash) {
        return vertx.executeBlocking(() -> {
            String hash = storedHash.orElse(decoyHash);
            boolean matches = Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
            return matches && storedHash.isPresent();
        }, false);
    }

    private static String hashNow(String password) {
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(ARGON2ID).getResult();
    }
}
