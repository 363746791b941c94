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
