package com.zoomfactor.backend.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.function.Function;

/**
 * Transactions that say whom they act for. Row-level security shows a transaction only the rows of the agency
 * it names (and, while signing in, the memberships of the person it names); a transaction that names nobody
 * sees no tenant rows at all. The settings are transaction-local, so a pooled connection never carries one
 * request's tenant into the next.
 */
public final class Tenancy {

    private static final String SET_AGENCY = "SELECT set_config('zf.agency_id', $1, true)";
    private static final String SET_PERSON = "SELECT set_config('zf.person_id', $1, true)";

    private final Pool pool;

    public Tenancy(Pool pool) {
        this.pool = pool;
    }

    /** One transaction on behalf of {@code agencyId}; committed when {@code work} succeeds, rolled back otherwise. */
    public <T> Future<T> inAgency(UUID agencyId, Function<SqlConnection, Future<T>> work) {
        return pool.withTransaction(connection -> connection.preparedQuery(SET_AGENCY)
                .execute(Tuple.of(agencyId.toString()))
                .compose(set -> work.apply(connection)));
    }

    /** One transaction on behalf of a person who has not chosen an agency yet: they see their memberships only. */
    public <T> Future<T> asPerson(UUID personId, Function<SqlConnection, Future<T>> work) {
        return pool.withTransaction(connection -> connection.preparedQuery(SET_PERSON)
                .execute(Tuple.of(personId.toString()))
                .compose(set -> work.apply(connection)));
    }

    /** One transaction on behalf of nobody: for the tables that belong to no tenant (people, sign-in). */
    public <T> Future<T> outsideAnyAgency(Function<SqlConnection, Future<T>> work) {
        return pool.withTransaction(work);
    }
}
