package com.zoomfactor.backend.live;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.auth.InvalidToken;
import com.zoomfactor.backend.auth.OpaqueToken;
import com.zoomfactor.backend.db.Tenancy;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.UUID;

/**
 * Tickets that open a live socket: single use, valid for {@link #LIFETIME}, issued to a caller who presented a
 * bearer credential. The ticket text names its agency and id, so any instance can redeem it; redeeming marks it used
 * in the same statement that checks it, so two sockets can never share one.
 */
final class LiveTickets {

    static final String KIND = "zfl";
    static final Duration LIFETIME = Duration.ofSeconds(30);

    /** What a redeemed ticket names; the caller is then re-checked (membership, token state). */
    record Holder(UUID agencyId, UUID personId, UUID tokenId) {
    }

    private final Tenancy tenancy;

    LiveTickets(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /** A new ticket for the caller, stored inside the caller's transaction. */
    Future<String> issue(SqlConnection sql, Caller caller) {
        OpaqueToken ticket = OpaqueToken.generate(KIND, caller.agencyId());
        UUID person = caller instanceof Caller.Person p ? p.personId() : null;
        UUID token = caller instanceof Caller.Machine m ? m.tokenId() : null;
        return TicketStore.issue(sql, ticket, person, token, LIFETIME).map(ticket.encode());
    }

    Future<Holder> redeem(String text) {
        OpaqueToken ticket = text == null ? null : OpaqueToken.parse(KIND, text).orElse(null);
        if (ticket == null) {
            return Future.failedFuture(new InvalidToken("Connect with ?ticket= from POST /api/live/ticket",
                    "missing or malformed live ticket"));
        }
        return tenancy.inAgency(ticket.agencyId(), sql -> TicketStore.redeem(sql, ticket)).map(holder -> holder
                .orElseThrow(() -> new InvalidToken("The live ticket is not valid: it is used, expired or unknown",
                        "unusable live ticket " + ticket.visiblePrefix())));
    }
}
