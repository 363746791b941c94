package com.zoomfactor.backend.accounts;

import com.zoomfactor.backend.accounts.Views.AgencyView;
import com.zoomfactor.backend.accounts.Views.MachineMe;
import com.zoomfactor.backend.accounts.Views.TokenView;
import com.zoomfactor.domain.access.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The SQL of accounts: people, the agencies they found, their memberships, and the invitations they accept. */
final class AccountStore {

    /** A person's account, with the hash their password is checked against. */
    record Account(UUID id, String email, String name, String passwordHash) {
    }

    /** One of a person's memberships, as sign-in offers it. */
    record Membership(UUID agencyId, String agencyName, Role role, UUID clientId) {
    }

    /** A member as a session shows them: their account, their agency's name, their role now. */
    record Member(String email, String name, String agencyName, Role role, UUID clientId) {
    }

    /**
     * An invitation with its issuer's role now ({@code issuerRole} null once they have left); {@code role} is the
     * one it gives.
     */
    record Invitation(String email, byte[] secretHash, boolean usable, Role role, Role issuerRole) {
    }

    /** The role an invitation gives and its issuer's role now, read under a share lock on the issuer's membership. */
    record Issuer(Role role, Role issuerRole) {
    }

    /** What an accepted invitation makes of the person joining. */
    record Accepted(String email, Role role, UUID clientId) {
    }

    private static final String USER_BY_EMAIL = "SELECT id, email, name, password_hash FROM users WHERE lower(email) = lower($1)";
    private static final String INSERT_USER = "INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) RETURNING id";
    private static final String INSERT_AGENCY = "INSERT INTO agencies (id, name) VALUES ($1, $2)";
    private static final String INSERT_MEMBERSHIP = """
            INSERT INTO memberships (agency_id, user_id, role, client_id) VALUES ($1, $2, $3, $4)
            ON CONFLICT (agency_id, user_id) DO NOTHING""";
    private static final String MEMBERSHIPS_OF_PERSON = """
            SELECT m.agency_id, a.name AS agency_name, m.role, m.client_id
              FROM memberships m JOIN agencies a ON a.id = m.agency_id
             WHERE m.user_id = $1
             ORDER BY a.name, a.id""";
    private static final String MEMBER_VIEW = """
            SELECT u.email, u.name, a.name AS agency_name, m.role, m.client_id
              FROM memberships m JOIN users u ON u.id = m.user_id JOIN agencies a ON a.id = m.agency_id
             WHERE m.agency_id = $1 AND m.user_id = $2""";
    /** The invitation with its issuer's membership as it stands now (none once they have left). */
    private static final String INVITATION = """
            SELECT i.email, i.secret_hash, i.role, i.accepted_at IS NULL AND i.expires_at > now() AS usable,
                   m.role AS issuer_role
              FROM invitations i LEFT JOIN memberships m ON m.agency_id = i.agency_id AND m.user_id = i.invited_by
                                                         AND m.created_at <= i.created_at
             WHERE i.id = $1 AND i.agency_id = $2""";
    /**
     * Holds the issuer's membership while the invitation is accepted, so that removing or demoting them waits (or
     * wins and the acceptance fails); taken before the invitation's row, in the order a removal takes them.
     */
    private static final String ISSUER_FOR_SHARE = """
            SELECT m.role AS issuer_role, i.role
              FROM invitations i JOIN memberships m ON m.agency_id = i.agency_id AND m.user_id = i.invited_by
                                                    AND m.created_at <= i.created_at
             WHERE i.id = $1 AND i.agency_id = $2
               FOR SHARE OF m""";
    private static final String ACCEPT_INVITATION = """
            UPDATE invitations SET accepted_at = now()
             WHERE id = $1 AND agency_id = $2 AND accepted_at IS NULL AND expires_at > now()
            RETURNING email, role, client_id""";
    private static final String AGENCY_NAME = "SELECT name FROM agencies WHERE id = $1";
    private static final String TOKEN_VIEW = """
            SELECT t.name, t.prefix, t.scopes, a.name AS agency_name
              FROM api_tokens t JOIN agencies a ON a.id = t.agency_id
             WHERE t.id = $1 AND t.agency_id = $2""";

    private AccountStore() {
    }

    /** The account of this e-mail address, whatever its case. */
    static Future<Optional<Account>> userByEmail(SqlConnection sql, String email) {
        return sql.preparedQuery(USER_BY_EMAIL).execute(Tuple.of(email)).map(rows -> first(rows).map(row ->
                new Account(row.getUUID("id"), row.getString("email"), row.getString("name"),
                        row.getString("password_hash"))));
    }

    /** A new account; answers its id. */
    static Future<UUID> insertUser(SqlConnection sql, String email, String name, String passwordHash) {
        return sql.preparedQuery(INSERT_USER).execute(Tuple.of(email, name, passwordHash))
                .map(rows -> rows.iterator().next().getUUID("id"));
    }

    static Future<Void> insertAgency(SqlConnection sql, UUID agencyId, String name) {
        return sql.preparedQuery(INSERT_AGENCY).execute(Tuple.of(agencyId, name)).mapEmpty();
    }

    /** Whether the membership was made: false when the person is a member of the agency already. */
    static Future<Boolean> insertMembership(SqlConnection sql, UUID agencyId, UUID userId, Role role, UUID clientId) {
        return sql.preparedQuery(INSERT_MEMBERSHIP).execute(Tuple.of(agencyId, userId, role.key(), clientId))
                .map(inserted -> inserted.rowCount() > 0);
    }

    /** The person's memberships, by agency name. */
    static Future<List<Membership>> membershipsOf(SqlConnection sql, UUID personId) {
        return sql.preparedQuery(MEMBERSHIPS_OF_PERSON).execute(Tuple.of(personId)).map(rows -> {
            List<Membership> memberships = new ArrayList<>();
            rows.forEach(row -> memberships.add(new Membership(row.getUUID("agency_id"), row.getString("agency_name"),
                    Role.find(row.getString("role")).orElseThrow(), row.getUUID("client_id"))));
            return memberships;
        });
    }

    /** The person as a member of the agency; empty once they are no longer one. */
    static Future<Optional<Member>> member(SqlConnection sql, UUID agencyId, UUID personId) {
        return sql.preparedQuery(MEMBER_VIEW).execute(Tuple.of(agencyId, personId)).map(rows -> first(rows).map(row ->
                new Member(row.getString("email"), row.getString("name"), row.getString("agency_name"),
                        Role.find(row.getString("role")).orElseThrow(), row.getUUID("client_id"))));
    }

    static Future<Optional<Invitation>> invitation(SqlConnection sql, UUID id, UUID agencyId) {
        return sql.preparedQuery(INVITATION).execute(Tuple.of(id, agencyId)).map(rows -> first(rows).map(row ->
                new Invitation(row.getString("email"), row.getBuffer("secret_hash").getBytes(),
                        row.getBoolean("usable"), Role.find(row.getString("role")).orElse(null),
                        Role.find(row.getString("issuer_role")).orElse(null))));
    }

    /** The invitation's issuer, their membership held until the transaction ends; empty once they have left. */
    static Future<Optional<Issuer>> issuerForShare(SqlConnection sql, UUID id, UUID agencyId) {
        return sql.preparedQuery(ISSUER_FOR_SHARE).execute(Tuple.of(id, agencyId)).map(rows -> first(rows).map(row ->
                new Issuer(Role.find(row.getString("role")).orElse(null),
                        Role.find(row.getString("issuer_role")).orElse(null))));
    }

    /** Marks the invitation accepted if it still can be; empty when it was used meanwhile or has expired. */
    static Future<Optional<Accepted>> acceptInvitation(SqlConnection sql, UUID id, UUID agencyId) {
        return sql.preparedQuery(ACCEPT_INVITATION).execute(Tuple.of(id, agencyId)).map(rows -> first(rows).map(row ->
                new Accepted(row.getString("email"), Role.find(row.getString("role")).orElseThrow(),
                        row.getUUID("client_id"))));
    }

    static Future<String> agencyName(SqlConnection sql, UUID agencyId) {
        return sql.preparedQuery(AGENCY_NAME).execute(Tuple.of(agencyId))
                .map(rows -> rows.iterator().next().getString("name"));
    }

    /** "Who am I" for an API token, which the authenticator has just found valid. */
    static Future<MachineMe> machineMe(SqlConnection sql, UUID tokenId, UUID agencyId) {
        return sql.preparedQuery(TOKEN_VIEW).execute(Tuple.of(tokenId, agencyId)).map(rows -> {
            Row row = rows.iterator().next();
            return new MachineMe(new TokenView(tokenId, row.getString("name"), row.getString("prefix"),
                    List.of(row.getArrayOfStrings("scopes"))), new AgencyView(agencyId, row.getString("agency_name")));
        });
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
    }
}
