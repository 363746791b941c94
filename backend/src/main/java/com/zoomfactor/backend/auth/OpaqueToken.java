package com.zoomfactor.backend.auth;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A random secret handed to someone once (an API token, an invitation), stored only as its SHA-256 hash.
 * Its text is {@code <kind>_<base64url(id | agency id | 32 random bytes)>}: the id finds the row, the agency id
 * lets that lookup run under the agency's row-level security, and the secret proves possession. The secret's
 * 256 random bits make a fast hash sufficient.
 */
public record OpaqueToken(String kind, UUID id, UUID agencyId, byte[] secret) {

    public static final String API_TOKEN = "zfk";
    public static final String INVITATION = "zfi";
    public static final String SHARE_LINK = "zfs";

    private static final int SECRET_BYTES = 32;
    private static final int ENCODED_BYTES = 16 + 16 + SECRET_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static OpaqueToken generate(String kind, UUID agencyId) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return new OpaqueToken(kind, UUID.randomUUID(), agencyId, secret);
    }

    /** Reads a token of the given kind; empty for anything that is not one. */
    public static Optional<OpaqueToken> parse(String kind, String text) {
        String start = kind + "_";
        if (text == null || !text.startsWith(start) || text.length() > 200) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(text.substring(start.length()));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (raw.length != ENCODED_BYTES) {
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.wrap(raw);
        UUID id = new UUID(bytes.getLong(), bytes.getLong());
        UUID agency = new UUID(bytes.getLong(), bytes.getLong());
        byte[] secret = new byte[SECRET_BYTES];
        bytes.get(secret);
        OpaqueToken token = new OpaqueToken(kind, id, agency, secret);
        // one text per token: refuse the other spellings that a lenient decoder maps to the same bytes
        return token.encode().equals(text) ? Optional.of(token) : Optional.empty();
    }

    public String encode() {
        ByteBuffer bytes = ByteBuffer.allocate(ENCODED_BYTES)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .putLong(agencyId.getMostSignificantBits()).putLong(agencyId.getLeastSignificantBits())
                .put(secret);
        return kind + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** The start of the token, shown in lists so that people can tell their tokens apart; reveals no secret. */
    public String visiblePrefix() {
        return encode().substring(0, kind.length() + 1 + 8);
    }

    public byte[] secretHash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison with a stored hash. */
    public boolean matches(byte[] storedHash) {
        return storedHash != null && MessageDigest.isEqual(secretHash(), storedHash);
    }
}
