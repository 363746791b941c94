package com.zoomfactor.backend.scope;

import com.zoomfactor.backend.http.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** Whether a client exists in an agency, inside the caller's tenant transaction; 404 when it does not. */
public final class ClientCheckStore {

    private static final String EXISTS = "SELECT 1 FROM clients WHERE agency_id = $1 AND id = $2";
    private static final String LOCK_FOR_WRITING = EXISTS + " FOR KEY SHARE";

    private ClientCheckStore() {
    }

    /**
     * Fails with 404 unless the client exists in the agency. It takes no lock: rows written for the client carry a
     * foreign key to it, whose check locks it just enough (a client deleted meanwhile makes that write fail).
     */
    public static Future<Void> require(SqlConnection sql, UUID agencyId, UUID clientId) {
        return check(sql, EXISTS, agencyId, clientId);
    }

    /** Whether the client exists in the agency: for callers that answer a missing client otherwise than with a 404. */
    public static Future<Boolean> exists(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(EXISTS).execute(Tuple.of(agencyId, clientId)).map(rows -> rows.size() > 0);
    }

    /**
     * Like {@link #require} for writes into tables without a foreign key to clients (observations): keeps the client
     * from being deleted until the transaction ends, so that nothing is written for a client that is gone.
     */
    public static Future<Void> lockForWriting(SqlConnection sql, UUID agencyId, UUID clientId) {
        return check(sql, LOCK_FOR_WRITING, agencyId, clientId);
    }

    private static Future<Void> check(SqlConnection sql, String query, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(query).execute(Tuple.of(agencyId, clientId)).map(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound(ClientScope.NOT_FOUND);
            }
            return null;
        });
    }
}
