package com.zoomfactor.backend.observations;

import com.zoomfactor.backend.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key}: a retried request with the same key gets the first answer again instead of being done
 * twice; the same key with another request is a mistake (422). Keys are per agency and remembered for a day.
 * Requests with one key run one after the other (a transaction-scoped advisory lock), so that a retry racing the
 * original waits for it and then replays its answer.
 */
public final class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 200;

    /** An answer: its status and JSON body. */
    public record Answer(int status, JsonObject body, boolean replayed) {
    }

    private Idempotency() {
    }

    /** The key sent with the request, checked; empty when none was sent. */
    public static Optional<String> key(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String key = header.trim();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw ApiException.badRequest(HEADER + " must have 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return Optional.of(key);
    }

    /** What identifies "the same request": method, path and body. */
    public static byte[] fingerprint(String method, String path, Buffer body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body == null ? new byte[0] : body.getBytes());
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Inside the caller's transaction: replays the remembered answer for {@code key}, or does the work and
     * remembers its answer, committed together with the work.
     */
    public static Future<Answer> once(SqlConnection sql, UUID agencyId, Optional<String> key, byte[] fingerprint,
                                      Supplier<Future<Answer>> work) {
        if (key.isEmpty()) {
            return work.get();
        }
        return IdempotencyStore.lock(sql, agencyId, key.get())
                .compose(locked -> IdempotencyStore.remembered(sql, agencyId, key.get()))
                .compose(remembered -> {
                    if (remembered.isPresent()) {
                        if (!Arrays.equals(remembered.get().requestHash(), fingerprint)) {
                            throw new ApiException(422, "This " + HEADER + " was used for a different request");
                        }
                        return Future.succeededFuture(new Answer(remembered.get().status(),
                                remembered.get().response(), true));
                    }
                    return work.get().compose(answer -> IdempotencyStore
                            .remember(sql, agencyId, key.get(), fingerprint, answer.status(), answer.body())
                            .map(answer));
                });
    }
}
