package com.zoomfactor.backend.live;

import com.zoomfactor.backend.auth.Caller;

/** Who holds a live socket: the caller the ticket was issued to, re-checked when it was redeemed. */
record LiveCaller(Caller caller, String name) {

    boolean isPerson() {
        return caller instanceof Caller.Person;
    }

    java.util.UUID personId() {
        return caller instanceof Caller.Person p ? p.personId() : null;
    }
}
