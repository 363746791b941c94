package com.zoomfactor.backend.schedules;

import com.zoomfactor.backend.http.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The unsubscribe links of scheduled-report e-mails, whose recipients have no account: a token naming the agency, the
 * schedule and (by a hash) the address, signed with HMAC-SHA256 under a key derived from the server's signing key.
 * Nothing is stored; a token cannot be guessed or altered, and it names no address in clear.
 */
public final class UnsubscribeTokens {

    static final String INVALID = "This unsubscribe link is not valid";
    static final String FORGED = "No such subscription";

    private static final byte VERSION = 1;
    private static final int HASH = 16;
    private static final int MAC = 32;
    private static final int LENGTH = 1 + 16 + 16 + HASH + MAC;
    /** Keeps these MACs apart from anything else signed with the same server key. */
    private static final String PURPOSE = "zoomfactor:report-unsubscribe:v1";

    private final byte[] key;

    /** What a valid token names. */
    record Subscription(UUID agencyId, UUID scheduleId, byte[] addressHash) {

        /** Whether {@code address} is the one named (case aside). */
        boolean names(String address) {
            return MessageDigest.isEqual(addressHash, hash(address));
        }
    }

    public UnsubscribeTokens(String serverKey) {
        this.key = hmac(serverKey.getBytes(StandardCharsets.UTF_8), PURPOSE.getBytes(StandardCharsets.UTF_8));
    }

    /** The token for {@code address} on the agency's schedule. */
    String issue(UUID agencyId, UUID scheduleId, String address) {
        ByteBuffer body = ByteBuffer.allocate(LENGTH - MAC).put(VERSION);
        put(body, agencyId);
        put(body, scheduleId);
        body.put(hash(address));
        byte[] signed = Arrays.copyOf(body.array(), LENGTH);
        System.arraycopy(hmac(key, body.array()), 0, signed, LENGTH - MAC, MAC);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
    }

    /** What the token names: 400 when it is no token at all, 404 when its signature does not hold (forged, altered). */
    Subscription verify(String token) {
        byte[] bytes;
        try {
            bytes = token == null ? new byte[0] : Base64.getUrlDecoder().decode(token.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(INVALID);
        }
        if (bytes.length != LENGTH || bytes[0] != VERSION) {
            throw ApiException.badRequest(INVALID);
        }
        byte[] expected = hmac(key, Arrays.copyOf(bytes, LENGTH - MAC));
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, LENGTH - MAC, LENGTH))) {
            throw ApiException.notFound(FORGED);
        }
        ByteBuffer body = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
        return new Subscription(new UUID(body.getLong(), body.getLong()), new UUID(body.getLong(), body.getLong()),
                Arrays.copyOfRange(bytes, 33, 33 + HASH));
    }

    private static void put(ByteBuffer buffer, UUID id) {
        buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    }

    private static byte[] hash(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(address.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, HASH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
