package com.zoomfactor.backend.scope;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.JsonResponses;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The preamble every authenticated handler shares, in one place: who calls, which of their agency's clients the path
 * names (visible to them, existing), the tenant transaction (row-level security on the agency), and the answer or the
 * failure. A typical handler parses its input, then hands the store call to {@link #inClient} and says how to answer:
 * <pre>{@code scope.inClient(ctx, (caller, clientId, sql) -> store.list(sql, caller.agencyId(), clientId)).ok();}</pre>
 */
public final class RequestScope {

    /** Work about one client, inside the tenant transaction, after the client was found. */
    @FunctionalInterface
    public interface ClientWork<T> {
        Future<T> run(Caller caller, UUID clientId, SqlConnection sql);
    }

    /** Work about the caller's agency as a whole, inside the tenant transaction. */
    @FunctionalInterface
    public interface AgencyWork<T> {
        Future<T> run(Caller caller, SqlConnection sql);
    }

    private final Tenancy tenancy;

    public RequestScope(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /**
     * The work for the path's client, in one tenant transaction that first checks the client exists (404 otherwise).
     * A malformed or hidden client id fails at once (404), before any database work.
     */
    public <T> Answer<T> inClient(RoutingContext ctx, ClientWork<T> work) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        return new Answer<>(ctx, tenancy.inAgency(caller.agencyId(), sql -> ClientCheckStore
                .require(sql, caller.agencyId(), clientId).compose(found -> work.run(caller, clientId, sql))));
    }

    /**
     * As {@link #inClient}, for writes into tables without a foreign key to the client: the client cannot be deleted
     * until the transaction ends ({@link ClientCheckStore#lockForWriting}).
     */
    public <T> Answer<T> inClientForWriting(RoutingContext ctx, ClientWork<T> work) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        return new Answer<>(ctx, tenancy.inAgency(caller.agencyId(), sql -> ClientCheckStore
                .lockForWriting(sql, caller.agencyId(), clientId).compose(found -> work.run(caller, clientId, sql))));
    }

    /** The work in one tenant transaction of the caller's agency. */
    public <T> Answer<T> inAgency(RoutingContext ctx, AgencyWork<T> work) {
        Caller caller = Caller.of(ctx);
        return new Answer<>(ctx, tenancy.inAgency(caller.agencyId(), sql -> work.run(caller, sql)));
    }

    /** How a handler answers the outcome of its work; a failure always goes to the failure handler. */
    public record Answer<T>(RoutingContext ctx, Future<T> result) {

        /** 200 with the result as JSON. */
        public void ok() {
            json(200);
        }

        /** 201 with the created resource as JSON. */
        public void created() {
            json(201);
        }

        /** 204, no body. */
        public void noContent() {
            respond(done -> ctx.response().setStatusCode(204).end());
        }

        /** This status with the result as JSON. */
        public void json(int status) {
            respond(value -> JsonResponses.send(ctx, status, value));
        }

        /** Work after the transaction (CPU work on what it read, which needs no connection held). */
        public <U> Answer<U> then(java.util.function.Function<T, Future<U>> next) {
            return new Answer<>(ctx, result.compose(next::apply));
        }

        /** Answers with a response of the handler's own making (a file, a redirect). */
        public void respond(Consumer<T> send) {
            result.onSuccess(send::accept).onFailure(ctx::fail);
        }
    }
}
