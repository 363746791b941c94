package com.zoomfactor.backend.schedules;

import com.zoomfactor.backend.http.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The addresses that left a client's scheduled reports by their e-mail's link, as stored: while one is here, no
 * schedule of that client takes it again (a list pasted back in would otherwise undo the recipient's choice).
 */
final class ReportUnsubscribeStore {

    static final String NOT_FOUND = "That address has not unsubscribed from this client's reports";

    private static final String ADD = """
            INSERT INTO report_unsubscribes (agency_id, client_id, address)
            SELECT $1, $2, a FROM unnest($3::text[]) AS a ON CONFLICT DO NOTHING""";
    private static final String LIST = """
            SELECT address, unsubscribed_at FROM report_unsubscribes WHERE agency_id = $1 AND client_id = $2
             ORDER BY unsubscribed_at DESC, address""";
    private static final String AMONG = """
            SELECT address, unsubscribed_at FROM report_unsubscribes
             WHERE agency_id = $1 AND client_id = $2 AND address = ANY($3::text[]) ORDER BY address""";
    private static final String REMOVE = """
            DELETE FROM report_unsubscribes WHERE agency_id = $1 AND client_id = $2 AND address = $3""";

    /** An address that left, and when. */
    record Unsubscribed(String address, OffsetDateTime unsubscribedAt) {
    }

    private ReportUnsubscribeStore() {
    }

    /** Records that {@code addresses} left the client's reports (again is a no-op). */
    static Future<Void> add(SqlConnection sql, UUID agencyId, UUID clientId, Collection<String> addresses) {
        return sql.preparedQuery(ADD).execute(Tuple.of(agencyId, clientId, lowered(addresses))).mapEmpty();
    }

    /** The client's unsubscribed addresses, the latest first. */
    static Future<List<Unsubscribed>> list(SqlConnection sql, UUID agencyId, UUID clientId) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId)).map(ReportUnsubscribeStore::unsubscribed);
    }

    /**
     * Fails with 409 when a schedule of the client would take back an address that left: {@code added} are the
     * addresses new to the schedule (those it already sends to are its own business).
     */
    static Future<Void> refuseReturning(SqlConnection sql, UUID agencyId, UUID clientId, Collection<String> added) {
        if (added.isEmpty()) {
            return Future.succeededFuture();
        }
        return sql.preparedQuery(AMONG).execute(Tuple.of(agencyId, clientId, lowered(added))).map(rows -> {
            List<Unsubscribed> returning = unsubscribed(rows);
            if (!returning.isEmpty()) {
                throw ApiException.conflict(returning.stream()
                        .map(u -> u.address() + " (on " + u.unsubscribedAt().toLocalDate() + ")")
                        .collect(Collectors.joining(", ", "unsubscribed from this client's reports by their e-mail's"
                                + " link: ", "; an owner or admin can allow an address again if its owner asks")));
            }
            return null;
        });
    }

    /** Lets the address receive the client's reports again, or 404 when it never left. */
    static Future<Void> remove(SqlConnection sql, UUID agencyId, UUID clientId, String address) {
        return sql.preparedQuery(REMOVE).execute(Tuple.of(agencyId, clientId, address.trim().toLowerCase(Locale.ROOT)))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ApiException.notFound(NOT_FOUND);
                    }
                    return null;
                });
    }

    /** {@code addresses} the schedule {@code before} did not already send to (case aside). */
    static List<String> addedTo(List<String> before, List<String> addresses) {
        Set<String> had = before.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return addresses.stream().filter(a -> !had.contains(a.toLowerCase(Locale.ROOT))).toList();
    }

    private static String[] lowered(Collection<String> addresses) {
        return addresses.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).distinct().toArray(String[]::new);
    }

    private static List<Unsubscribed> unsubscribed(RowSet<Row> rows) {
        List<Unsubscribed> found = new ArrayList<>();
        rows.forEach(row -> found.add(new Unsubscribed(row.getString("address"),
                row.getOffsetDateTime("unsubscribed_at"))));
        return found;
    }
}
