package com.zoomfactor.backend.tracking;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The visitor ids' daily salts: 32 random bytes per UTC day, made by the first instance that needs the day's (the
 * others read the same row), deleted 48 hours after they were made.
 */
final class SaltStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String INSERT = "INSERT INTO visitor_salts (day, salt, created_at) VALUES ($1, $2, $3)"
            + " ON CONFLICT (day) DO NOTHING";
    private static final String READ = "SELECT salt FROM visitor_salts WHERE day = $1";
    private static final String PRUNE = "DELETE FROM visitor_salts WHERE created_at < $1";

    private SaltStore() {
    }

    /** The day's salt, made now if no instance made it yet. */
    static Future<byte[]> salt(SqlConnection sql, LocalDate day, Instant now) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        return sql.preparedQuery(INSERT).execute(Tuple.of(day, Buffer.buffer(fresh), now.atOffset(ZoneOffset.UTC)))
                .compose(inserted -> sql.preparedQuery(READ).execute(Tuple.of(day)))
                .map(rows -> rows.iterator().next().getBuffer("salt").getBytes());
    }

    /** Deletes the salts made more than 48 hours before {@code now}; answers how many. */
    static Future<Integer> prune(SqlConnection sql, Instant now) {
        return sql.preparedQuery(PRUNE).execute(Tuple.of(now.minusSeconds(48 * 3600).atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
    }
}
