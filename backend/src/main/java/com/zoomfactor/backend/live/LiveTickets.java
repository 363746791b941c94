package com.zoomfactor.backend.live;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.auth.InvalidToken;
import com.zoomfactor.backend.auth.OpaqueToken;
import com.zoomfactor.backend.db.Tenancy;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
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

    private static final String ISSUE = """
            INSERT INTO live_tickets (id, agency_id, secret_hash, person_id, token_id, expires_at)
            VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))""";
    private static final String FORGET_OLD = "DELETE FROM live_tickets WHERE agency_id = $1 AND expires_at < now() - interval '1 hour'";
    private static final String REDEEM = """
            UPDATE live_tickets SET used_at = now()
             WHERE id = $1 AND agency_id = $2 AND secret_hash = $3 AND used_at IS NULL AND expires_at > now()
            RETURNING person_id, token_id""";

    /** What a redeemed ticket names; the caller is then re-checked (membership, token state). */
    record Holder(UUID agencyId, UUID personId, UUID tokenId) {
    }

    private final Tenancy tenancy;

    LiveTickets(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    Future<String> issue(Caller caller) {
        OpaqueToken ticket = OpaqueToken.generate(KIND, caller.agencyId());
        UUID person = caller instanceof Caller.Person p ? p.personId() : null;
        UUID token = caller instanceof Caller.Machine m ? m.tokenId() : null;
        return tenancy.inAgency(caller.agencyId(), sql -> sql.preparedQuery(FORGET_OLD)
                        .execute(Tuple.of(caller.agencyId()))
                        .compose(forgotten -> sql.preparedQuery(ISSUE).execute(Tuple.of(ticket.id(), caller.agencyId(),
                                Buffer.buffer(ticket.secretHash()), person, token, (int) LIFETIME.toSeconds()))))
                .map(ticket.encode());
    }

    Future<Holder> redeem(String text) {
        OpaqueToken ticket = text == null ? null : OpaqueToken.parse(KIND, text).orElse(null);
        if (ticket == null) {
            return Future.failedFuture(new InvalidToken("Connect with ?ticket= from POST /api/live/ticket",
                    "missing or malformed live ticket"));
        }
        return tenancy.inAgency(ticket.agencyId(), sql -> sql.preparedQuery(REDEEM)
                // the secret is part of the condition: a guess cannot use up somebody else's ticket
                .execute(Tuple.of(ticket.id(), ticket.agencyId(), Buffer.buffer(ticket.secretHash()))).map(rows -> {
                    Row row = rows.size() == 0 ? null : rows.iterator().next();
                    if (row == null) {
                        throw new InvalidToken("The live ticket is not valid: it is used, expired or unknown",
                                "unusable live ticket " + ticket.visiblePrefix());
                    }
                    return new Holder(ticket.agencyId(), row.getUUID("person_id"), row.getUUID("token_id"));
                }));
    }
}
