package com.zoomfactor.backend.observations;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** The SQL of {@link Idempotency}: the lock on an agency's key, and the answers remembered for a day. */
final class IdempotencyStore {

    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended($1 || ':' || $2, 0))";
    private static final String FORGET_OLD = """
            DELETE FROM idempotency_keys WHERE agency_id = $1 AND key = $2 AND created_at < now() - interval '24 hours'""";
    private static final String FIND = "SELECT request_hash, status, response FROM idempotency_keys WHERE agency_id = $1 AND key = $2";
    private static final String REMEMBER = """
            INSERT INTO idempotency_keys (agency_id, key, request_hash, status, response) VALUES ($1, $2, $3, $4, $5)""";

    /** The first answer to a request with the key, and the fingerprint of that request. */
    record Remembered(byte[] requestHash, int status, JsonObject response) {
    }

    private IdempotencyStore() {
    }

    /** Waits for the other requests with this key, until this transaction ends. */
    static Future<Void> lock(SqlConnection sql, UUID agencyId, String key) {
        return sql.preparedQuery(LOCK).execute(Tuple.of(agencyId.toString(), key)).mapEmpty();
    }

    /** The answer remembered for the key, after forgetting it when it is older than a day. */
    static Future<Optional<Remembered>> remembered(SqlConnection sql, UUID agencyId, String key) {
        Tuple agencyAndKey = Tuple.of(agencyId, key);
        return sql.preparedQuery(FORGET_OLD).execute(agencyAndKey)
                .compose(forgotten -> sql.preparedQuery(FIND).execute(agencyAndKey))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Remembered(row.getBuffer("request_hash").getBytes(),
                            row.getInteger("status"), (JsonObject) row.getValue("response")));
                });
    }

    /** Remembers the answer to the request with this key (committed together with its work). */
    static Future<Void> remember(SqlConnection sql, UUID agencyId, String key, byte[] fingerprint, int status,
                                 JsonObject body) {
        return sql.preparedQuery(REMEMBER)
                .execute(Tuple.of(agencyId, key, Buffer.buffer(fingerprint), status, body)).mapEmpty();
    }
}
