package com.zoomfactor.backend.auth;

import com.zoomfactor.domain.access.Role;
import com.zoomfactor.domain.access.Scope;
import java.util.Collections;
import java.util.Set;

/**
 * Who may call a route: deny by default. A route is either public, or names the roles whose people may call
 * it, whether client viewers may, and which token scopes let machines call it (none: people only).
 */
public record Access(boolean isPublic, Set<Role> roles, boolean clientViewers, Set<Scope> machineScopes) {

    /** No sign-in needed (sign-up, login, health). */
    public static final Access PUBLIC = new Access(true, Set.of(), false, Set.of());

    /** Anyone signed in to the agency, person or machine, whatever their role or scopes. */
    public static final Access SIGNED_IN = people(Role.values()).andClientViewers().andMachinesWith(Scope.values());

    /** Who may do what with clients: everyone reads (client viewers their own client); analysts and up write. */
    public static final Access CLIENT_READERS = people(Role.OWNER, Role.ADMIN, Role.ANALYST, Role.VIEWER).andClientViewers()
            .andMachinesWith(Scope.READ);
    public static final Access CLIENT_WRITERS = people(Role.OWNER, Role.ADMIN, Role.ANALYST).andMachinesWith(Scope.ADMIN);
    public static final Access CLIENT_DELETERS = people(Role.OWNER, Role.ADMIN).andMachinesWith(Scope.ADMIN);
    /** Comments are people talking: analysts and up, never tokens. */
    public static final Access COMMENTERS = people(Role.OWNER, Role.ADMIN, Role.ANALYST);
    /**
     * Share links hand a client's dashboard to people outside the agency: people who write the client create, list and
     * revoke them (the list says who shared what; viewers, who cannot act on it, do not see it); never API tokens.
     */
    public static final Access SHARERS = people(Role.OWNER, Role.ADMIN, Role.ANALYST);
    /** The team and its machine tokens are managed by people, never by tokens. */
    public static final Access TEAM_MANAGERS = people(Role.OWNER, Role.ADMIN);
    /** The agency's people, whatever their role, but not client viewers (who belong to one client) nor tokens. */
    public static final Access AGENCY_PEOPLE = people(Role.OWNER, Role.ADMIN, Role.ANALYST, Role.VIEWER);
    /** How the agency presents itself to clients (name, logo, colour) is its owners' and admins' to set. */
    public static final Access BRAND_MANAGERS = people(Role.OWNER, Role.ADMIN);
    /** Data in: analysts and up, and machines holding metrics:write. */
    public static final Access DATA_WRITERS = people(Role.OWNER, Role.ADMIN, Role.ANALYST).andMachinesWith(Scope.METRICS_WRITE);

    public Access {
        roles = Set.copyOf(roles);
        machineScopes = Set.copyOf(machineScopes);
        if (clientViewers && !roles.contains(Role.VIEWER)) {
            throw new IllegalArgumentException("client viewers are viewers: allow VIEWER too");
        }
    }

    public static Access people(Role... roles) {
        return new Access(false, Set.of(roles), false, Set.of());
    }

    public Access andClientViewers() {
        return new Access(false, roles, true, machineScopes);
    }

    /** Machines holding any one of these scopes may call too. */
    public Access andMachinesWith(Scope... scopes) {
        return new Access(false, roles, clientViewers, Set.of(scopes));
    }

    public boolean allows(Caller caller) {
        if (isPublic) {
            return true;
        }
        if (caller instanceof Caller.Person person) {
            return roles.contains(person.role()) && (!person.isClientViewer() || clientViewers);
        }
        // a token's rights are its scopes narrowed to what its maker's current role may do on this route
        return caller instanceof Caller.Machine machine && !Collections.disjoint(machineScopes, machine.scopes())
                && roles.contains(machine.makerRole()) && (machine.makerClientId() == null || clientViewers);
    }
}
