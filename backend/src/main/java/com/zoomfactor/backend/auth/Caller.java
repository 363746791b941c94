package com.zoomfactor.backend.auth;

import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.domain.access.Role;
import com.zoomfactor.domain.access.Scope;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;

/** Who is calling, established by {@link Authenticator} for every non-public route. Always one agency. */
public sealed interface Caller permits Caller.Person, Caller.Machine {

    String CONTEXT_KEY = "zf.caller";

    UUID agencyId();

    /** Whether this caller may see the client at all; a client viewer sees only their own client. */
    boolean maySee(UUID clientId);

    /** The one client this caller is limited to (a client viewer, or a token whose maker is one now); else null. */
    UUID onlyClient();

    /** A person signed in to one agency; {@code clientId} is set for a client viewer. */
    record Person(UUID personId, UUID agencyId, Role role, UUID clientId) implements Caller {

        public boolean isClientViewer() {
            return clientId != null;
        }

        @Override
        public boolean maySee(UUID client) {
            return clientId == null || clientId.equals(client);
        }

        @Override
        public UUID onlyClient() {
            return clientId;
        }
    }

    /**
     * A machine holding an API token of one agency. A token never does more than the person who made it may do now:
     * {@code makerRole} and {@code makerClientId} are that person's current membership, read on every use, and
     * {@link Access} allows a machine only what both its scopes and that role allow.
     */
    record Machine(UUID tokenId, UUID agencyId, Set<Scope> scopes, UUID makerId, Role makerRole, UUID makerClientId)
            implements Caller {

        public Machine {
            scopes = Set.copyOf(scopes);
            java.util.Objects.requireNonNull(makerRole, "a token acts for a current member");
        }

        @Override
        public boolean maySee(UUID client) {
            return makerClientId == null || makerClientId.equals(client);
        }

        @Override
        public UUID onlyClient() {
            return makerClientId;
        }
    }

    static Caller of(RoutingContext ctx) {
        Caller caller = ctx.get(CONTEXT_KEY);
        if (caller == null) {
            // a route that reads the caller was mounted without authentication: a bug, not the client's fault
            throw new IllegalStateException("no authenticated caller on " + ctx.request().path());
        }
        return caller;
    }

    /** The person calling; machines are refused with 403. */
    static Person person(RoutingContext ctx) {
        if (of(ctx) instanceof Person person) {
            return person;
        }
        throw new ApiException(403, "This needs a person's sign-in, not an API token");
    }
}
