package com.zoomfactor.backend.live;

import com.zoomfactor.backend.auth.OpaqueToken;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** The SQL of live tickets (issuing, redeeming) and of the name a socket's person is shown with. */
final class TicketStore {

    private static final String ISSUE = """
            INSERT INTO live_tickets (id, agency_id, secret_hash, person_id, token_id, expires_at)
            VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))""";
    private static final String FORGET_OLD = "DELETE FROM live_tickets WHERE agency_id = $1 AND expires_at < now() - interval '1 hour'";
    private static final String REDEEM = """
            UPDATE live_tickets SET used_at = now()
             WHERE id = $1 AND agency_id = $2 AND secret_hash = $3 AND used_at IS NULL AND expires_at > now()
            RETURNING person_id, token_id""";
    private static final String NAME = "SELECT name FROM users WHERE id = $1";

    private TicketStore() {
    }

    /** Stores the ticket for a person or an API token, after forgetting the agency's tickets long expired. */
    static Future<Void> issue(SqlConnection sql, OpaqueToken ticket, UUID personId, UUID tokenId, Duration lifetime) {
        return sql.preparedQuery(FORGET_OLD).execute(Tuple.of(ticket.agencyId()))
                .compose(forgotten -> sql.preparedQuery(ISSUE).execute(Tuple.of(ticket.id(), ticket.agencyId(),
                        Buffer.buffer(ticket.secretHash()), personId, tokenId, (int) lifetime.toSeconds())))
                .mapEmpty();
    }

    /** Marks the ticket used, if it is usable: what it names, or empty when it is used, expired or unknown. */
    static Future<Optional<LiveTickets.Holder>> redeem(SqlConnection sql, OpaqueToken ticket) {
        return sql.preparedQuery(REDEEM)
                // the secret is part of the condition: a guess cannot use up somebody else's ticket
                .execute(Tuple.of(ticket.id(), ticket.agencyId(), Buffer.buffer(ticket.secretHash()))).map(rows -> {
                    Row row = rows.size() == 0 ? null : rows.iterator().next();
                    return Optional.ofNullable(row).map(found -> new LiveTickets.Holder(ticket.agencyId(),
                            found.getUUID("person_id"), found.getUUID("token_id")));
                });
    }

    /** The person's name, or empty text for a person not found (outside any agency: people belong to none). */
    static Future<String> personName(SqlConnection sql, UUID personId) {
        return sql.preparedQuery(NAME).execute(Tuple.of(personId))
                .map(rows -> rows.size() == 0 ? "" : rows.iterator().next().getString("name"));
    }
}
