package com.zoomfactor.backend.health;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/** The trivial question that tells whether the database answers: for the health check and the live relay's probe. */
public final class HealthStore {

    private HealthStore() {
    }

    /** Succeeds when the database answered through this pool or connection; the caller bounds the wait. */
    public static Future<Void> ping(SqlClient database) {
        return database.query("SELECT 1").execute().mapEmpty();
    }
}
