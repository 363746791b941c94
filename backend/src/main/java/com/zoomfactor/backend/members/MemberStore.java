package com.zoomfactor.backend.members;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.auth.OpaqueToken;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.scope.ClientCheckStore;
import com.zoomfactor.domain.access.Role;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The SQL of an agency's team, with the rules its changes keep: who may manage whom, and that an agency always keeps
 * at least one owner (checked under the locks that make concurrent changes see each other).
 */
public final class MemberStore {

    public record Member(UUID userId, String email, String name, Role role, UUID clientId, OffsetDateTime joinedAt) {
    }

    public record Invitation(UUID id, String email, Role role, UUID clientId, OffsetDateTime expiresAt,
                             OffsetDateTime createdAt) {
    }

    private static final String NO_SUCH_MEMBER = "No such member";

    private static final String MEMBERS = """
            SELECT m.user_id, u.email, u.name, m.role, m.client_id, m.created_at
              FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.agency_id = $1 AND ($2::uuid IS NULL OR m.user_id = $2)
             ORDER BY lower(u.name), u.id""";
    private static final String ROLE_FOR_UPDATE = "SELECT role FROM memberships WHERE agency_id = $1 AND user_id = $2 FOR UPDATE";
    private static final String OWN_ROLE = "SELECT role FROM memberships WHERE agency_id = $1 AND user_id = $2";
    private static final String OWNERS_FOR_UPDATE = "SELECT user_id FROM memberships WHERE agency_id = $1 AND role = 'owner' FOR UPDATE";
    private static final String UPDATE_ROLE = "UPDATE memberships SET role = $3, client_id = $4 WHERE agency_id = $1 AND user_id = $2";
    private static final String REMOVE = "DELETE FROM memberships WHERE agency_id = $1 AND user_id = $2";
    /**
     * Membership changes of one agency run one at a time: two owners demoting or removing each other at once would
     * otherwise lock the two rows in opposite orders (a deadlock), and the last-owner check must see the other's result.
     */
    private static final String LOCK_TEAM = "SELECT pg_advisory_xact_lock(hashtext('zf.members'), hashtext($1))";
    /** What a removed person made ends with them: their API tokens and the invitations they sent. */
    private static final String REVOKE_TOKENS = """
            UPDATE api_tokens SET revoked_at = now() WHERE agency_id = $1 AND created_by = $2 AND revoked_at IS NULL""";
    private static final String DROP_INVITATIONS = """
            DELETE FROM invitations WHERE agency_id = $1 AND invited_by = $2 AND accepted_at IS NULL""";
    private static final String END_SESSIONS = """
            UPDATE refresh_tokens SET revoked_at = now() WHERE agency_id = $1 AND user_id = $2 AND revoked_at IS NULL""";
    private static final String INVITATION_CONTEXT = """
            SELECT a.name AS agency, u.name AS inviter FROM agencies a, users u WHERE a.id = $1 AND u.id = $2""";
    private static final String MEMBER_BY_EMAIL = """
            SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.agency_id = $1 AND lower(u.email) = lower($2)""";
    private static final String INSERT_INVITATION = """
            INSERT INTO invitations (id, agency_id, email, role, client_id, secret_hash, invited_by, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING created_at""";
    private static final String PENDING_INVITATIONS = """
            SELECT id, email, role, client_id, expires_at, created_at FROM invitations
             WHERE agency_id = $1 AND accepted_at IS NULL AND expires_at > now()
             ORDER BY created_at DESC, id""";
    private static final String INVITATION_ROLE = """
            SELECT role FROM invitations WHERE agency_id = $1 AND id = $2 AND accepted_at IS NULL FOR UPDATE""";
    private static final String REVOKE_INVITATION = "DELETE FROM invitations WHERE agency_id = $1 AND id = $2 AND accepted_at IS NULL";

    private MemberStore() {
    }

    /** The agency's members, by name. */
    public static Future<List<Member>> list(SqlConnection sql, UUID agencyId) {
        return members(sql, agencyId, null);
    }

    /**
     * Gives {@code member} the new role (and client, for a client viewer), under the team lock; the agency keeps an
     * owner. Answers the member as they are now.
     */
    public static Future<Member> changeRole(SqlConnection sql, Caller.Person caller, UUID member, Role newRole,
                                            Optional<UUID> clientId) {
        return lockTeam(sql, caller).compose(me -> lockRole(sql, caller.agencyId(), member).compose(current -> {
            requireMayManage(me, current);
            requireMayManage(me, newRole);
            Future<Void> ownersKept = current == Role.OWNER && newRole != Role.OWNER
                    ? requireAnotherOwner(sql, caller.agencyId()) : Future.succeededFuture();
            return ownersKept
                    .compose(ok -> requireClient(sql, caller.agencyId(), clientId))
                    .compose(ok -> sql.preparedQuery(UPDATE_ROLE).execute(Tuple.of(
                            caller.agencyId(), member, newRole.key(), clientId.orElse(null))))
                    .compose(updated -> members(sql, caller.agencyId(), member))
                    .map(members -> members.get(0));
        }));
    }

    /**
     * Removes {@code member} under the team lock (the agency keeps an owner): their sessions end, and the API tokens
     * they made and the invitations they sent still pending are revoked.
     */
    public static Future<Void> remove(SqlConnection sql, Caller.Person caller, UUID member) {
        return lockTeam(sql, caller).compose(me -> lockRole(sql, caller.agencyId(), member).compose(current -> {
            requireMayManage(me, current);
            Future<Void> ownersKept = current == Role.OWNER
                    ? requireAnotherOwner(sql, caller.agencyId()) : Future.succeededFuture();
            return ownersKept
                    .compose(ok -> sql.preparedQuery(REMOVE).execute(Tuple.of(caller.agencyId(), member)))
                    .compose(removed -> sql.preparedQuery(END_SESSIONS).execute(Tuple.of(caller.agencyId(), member)))
                    .compose(ended -> sql.preparedQuery(REVOKE_TOKENS).execute(Tuple.of(caller.agencyId(), member)))
                    .compose(revoked -> sql.preparedQuery(DROP_INVITATIONS).execute(Tuple.of(caller.agencyId(), member)))
                    .mapEmpty();
        }));
    }

    /**
     * Stores an invitation sent by {@code caller} (409 when the address is a member already); answers when it was
     * made.
     */
    public static Future<OffsetDateTime> invite(SqlConnection sql, Caller.Person caller, OpaqueToken token,
                                                String email, Role role, Optional<UUID> clientId,
                                                OffsetDateTime expiresAt) {
        return requireClient(sql, caller.agencyId(), clientId)
                .compose(ok -> sql.preparedQuery(MEMBER_BY_EMAIL).execute(Tuple.of(caller.agencyId(), email)))
                .compose(existing -> {
                    if (existing.size() > 0) {
                        throw ApiException.conflict(email + " is a member of this agency already");
                    }
                    return sql.preparedQuery(INSERT_INVITATION).execute(Tuple.of(token.id(), caller.agencyId(),
                            email, role.key(), clientId.orElse(null), Buffer.buffer(token.secretHash()),
                            caller.personId(), expiresAt));
                })
                .map(rows -> rows.iterator().next().getOffsetDateTime("created_at"));
    }

    /** Who invites, and to which agency, as an invitation's e-mail names them. */
    public record InvitationContext(String agencyName, String inviterName) {
    }

    public static Future<InvitationContext> invitationContext(SqlConnection sql, UUID agencyId, UUID inviter) {
        return sql.preparedQuery(INVITATION_CONTEXT).execute(Tuple.of(agencyId, inviter)).map(rows -> rows.size() == 0
                ? new InvitationContext("an agency", "Someone")
                : new InvitationContext(rows.iterator().next().getString("agency"),
                        rows.iterator().next().getString("inviter")));
    }

    /** The invitations still waiting to be accepted, newest first. */
    public static Future<List<Invitation>> pendingInvitations(SqlConnection sql, UUID agencyId) {
        return sql.preparedQuery(PENDING_INVITATIONS).execute(Tuple.of(agencyId)).map(rows -> {
            List<Invitation> invitations = new ArrayList<>();
            rows.forEach(row -> invitations.add(new Invitation(row.getUUID("id"), row.getString("email"),
                    Role.find(row.getString("role")).orElseThrow(), row.getUUID("client_id"),
                    row.getOffsetDateTime("expires_at"), row.getOffsetDateTime("created_at"))));
            return invitations;
        });
    }

    /** Revokes a pending invitation, if {@code caller} could have sent it (admins not for owners). */
    public static Future<Void> revokeInvitation(SqlConnection sql, Caller.Person caller, UUID id) {
        return sql.preparedQuery(INVITATION_ROLE).execute(Tuple.of(caller.agencyId(), id)).compose(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound("No such invitation");
            }
            requireMayManage(caller, Role.find(rows.iterator().next().getString("role")).orElseThrow());
            return sql.preparedQuery(REVOKE_INVITATION).execute(Tuple.of(caller.agencyId(), id)).mapEmpty();
        });
    }

    static void requireMayManage(Caller.Person caller, Role target) {
        if (!caller.role().mayManage(target)) {
            throw ApiException.forbidden(target == Role.OWNER
                    ? "Only owners can make, change or remove owners" : "Your role does not allow this");
        }
    }

    private static Future<List<Member>> members(SqlConnection sql, UUID agencyId, UUID onlyUser) {
        return sql.preparedQuery(MEMBERS).execute(Tuple.of(agencyId, onlyUser)).map(rows -> {
            List<Member> members = new ArrayList<>();
            rows.forEach(row -> members.add(new Member(row.getUUID("user_id"), row.getString("email"),
                    row.getString("name"), Role.find(row.getString("role")).orElseThrow(), row.getUUID("client_id"),
                    row.getOffsetDateTime("created_at"))));
            return members;
        });
    }

    /**
     * Takes the agency's team lock, then reads the caller's own role again: a change that waited for the lock acts with
     * the role its caller has after the change that went first (an owner just demoted by another owner is no longer
     * one), not the one read when the request came in.
     */
    private static Future<Caller.Person> lockTeam(SqlConnection sql, Caller.Person caller) {
        return sql.preparedQuery(LOCK_TEAM).execute(Tuple.of(caller.agencyId().toString()))
                .compose(locked -> sql.preparedQuery(OWN_ROLE).execute(Tuple.of(caller.agencyId(), caller.personId())))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.forbidden("You are no longer a member of this agency");
                    }
                    Role now = Role.find(rows.iterator().next().getString("role")).orElseThrow();
                    if (!Set.of(Role.OWNER, Role.ADMIN).contains(now)) {
                        throw ApiException.forbidden("Your role does not allow this");
                    }
                    return new Caller.Person(caller.personId(), caller.agencyId(), now, caller.clientId());
                });
    }

    private static Future<Role> lockRole(SqlConnection sql, UUID agencyId, UUID member) {
        return sql.preparedQuery(ROLE_FOR_UPDATE).execute(Tuple.of(agencyId, member)).map(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound(NO_SUCH_MEMBER);
            }
            return Role.find(rows.iterator().next().getString("role")).orElseThrow();
        });
    }

    /** Locks the owners' rows so that two concurrent demotions cannot both pass this check. */
    private static Future<Void> requireAnotherOwner(SqlConnection sql, UUID agencyId) {
        return sql.preparedQuery(OWNERS_FOR_UPDATE).execute(Tuple.of(agencyId)).map(owners -> {
            if (owners.size() <= 1) {
                throw ApiException.conflict("An agency keeps at least one owner: make someone else owner first");
            }
            return null;
        });
    }

    private static Future<Void> requireClient(SqlConnection sql, UUID agencyId, Optional<UUID> clientId) {
        if (clientId.isEmpty()) {
            return Future.succeededFuture();
        }
        return ClientCheckStore.exists(sql, agencyId, clientId.get()).map(exists -> {
            if (!exists) {
                throw ApiException.badRequest("clientId: no such client");
            }
            return null;
        });
    }
}
