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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Tenancy.class);

    private final Pool pool;

    public Tenancy(Pool pool) {
        this.pool = pool;
    }

    /** One transaction on behalf of {@code agencyId}; committed when {@code work} succeeds, rolled back otherwise. */
    public <T> Future<T> inAgency(UUID agencyId, Function<SqlConnection, Future<T>> work) {
        return transaction(SET_AGENCY, agencyId, work);
    }

    /** One transaction on behalf of a person who has not chosen an agency yet: they see their memberships only. */
    public <T> Future<T> asPerson(UUID personId, Function<SqlConnection, Future<T>> work) {
        return transaction(SET_PERSON, personId, work);
    }

    /**
     * BEGIN, the setting, the work, COMMIT — sent by hand rather than through the client's Transaction object, which
     * turns any failed statement into a rollback of the whole transaction; by hand, work may recover from a failed
     * statement with a savepoint (see ObservationStore). BEGIN and the setting go out together, pipelined.
     */
    private <T> Future<T> transaction(String setting, UUID id, Function<SqlConnection, Future<T>> work) {
        return pool.withConnection(connection -> {
            quiet(connection);
            Future<?> begun = connection.query("BEGIN").execute();
            Future<?> set = connection.preparedQuery(setting).execute(Tuple.of(id.toString()));
            return Future.all(begun, set)
                    .compose(ready -> work.apply(connection))
                    .compose(result -> connection.query("COMMIT").execute().map(result),
                            failure -> connection.query("ROLLBACK").execute()
                                    .transform(rolledBack -> Future.<T>failedFuture(failure)));
        });
    }

    /** One transaction on behalf of nobody: for the tables that belong to no tenant (people, sign-in). */
    public <T> Future<T> outsideAnyAgency(Function<SqlConnection, Future<T>> work) {
        return pool.withTransaction(connection -> {
            quiet(connection);
            return work.apply(connection);
        });
    }

    /**
     * A connection the database ends under a transaction (a restart's 57P01) also reports it on the side; without a
     * handler the SQL client prints that to stderr. The transaction itself fails, and the request answers for it.
     */
    private static void quiet(SqlConnection connection) {
        connection.exceptionHandler(failure -> LOG.debug("Connection failed under a transaction: {}",
                DatabaseUnavailable.reason(failure)));
    }
}
