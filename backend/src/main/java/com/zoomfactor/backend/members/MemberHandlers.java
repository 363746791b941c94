package com.zoomfactor.backend.members;

import com.zoomfactor.backend.accounts.Emails;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.auth.OpaqueToken;
import com.zoomfactor.backend.db.Retry;
import com.zoomfactor.backend.db.SqlErrors;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.http.PublicLinks;
import com.zoomfactor.domain.access.Role;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The people of an agency: list them, change a role, remove someone, invite someone. Owners manage everyone;
 * admins everyone but owners; an agency always keeps at least one owner.
 */
public final class MemberHandlers {

    public static final Duration INVITATION_LIFETIME = Duration.ofDays(7);

    public record Member(UUID userId, String email, String name, Role role, UUID clientId, OffsetDateTime joinedAt) {
    }

    public record Invitation(UUID id, String email, Role role, UUID clientId, OffsetDateTime expiresAt,
                             OffsetDateTime createdAt) {
    }

    /** The answer to an invitation: the only time its token leaves the server. */
    public record CreatedInvitation(UUID id, String token, String acceptUrl, String email, Role role, UUID clientId,
                                    OffsetDateTime expiresAt, OffsetDateTime createdAt) {
    }

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
    private static final String CLIENT_EXISTS = "SELECT 1 FROM clients WHERE agency_id = $1 AND id = $2";
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

    static final String NO_SUCH_MEMBER = "No such member";

    private final Tenancy tenancy;
    private final PublicLinks links;

    public MemberHandlers(Tenancy tenancy, PublicLinks links) {
        this.tenancy = tenancy;
        this.links = links;
    }

    /** GET /api/members */
    public void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        tenancy.inAgency(caller.agencyId(), sql -> members(sql, caller.agencyId(), null))
                .onSuccess(members -> JsonResponses.send(ctx, 200, members))
                .onFailure(ctx::fail);
    }

    /** PATCH /api/members/{userId} {role, clientId?} */
    public void update(RoutingContext ctx) {
        Caller.Person caller = Caller.person(ctx);
        UUID member = PathParams.uuid(ctx, "userId", "member");
        JsonBody body = JsonBody.of(ctx);
        Role newRole = role(body);
        Optional<UUID> clientId = clientFor(body, newRole);
        retrying(() -> tenancy.inAgency(caller.agencyId(), sql -> lockTeam(sql, caller)
                        .compose(me -> lockRole(sql, caller.agencyId(), member).compose(current -> {
                            requireMayManage(me, current);
                            requireMayManage(me, newRole);
                            Future<Void> ownersKept = current == Role.OWNER && newRole != Role.OWNER
                                    ? requireAnotherOwner(sql, caller.agencyId()) : Future.succeededFuture();
                            return ownersKept
                                    .compose(ok -> requireClient(sql, caller.agencyId(), clientId))
                                    .compose(ok -> sql.preparedQuery(UPDATE_ROLE).execute(Tuple.of(
                                            caller.agencyId(), member, newRole.key(), clientId.orElse(null))))
                                    .compose(updated -> members(sql, caller.agencyId(), member));
                        }))))
                .onSuccess(members -> JsonResponses.send(ctx, 200, members.get(0)))
                .onFailure(ctx::fail);
    }

    /**
     * DELETE /api/members/{userId} — the person loses access at once: their sessions end, and the API tokens they made
     * and the invitations they sent still pending are revoked, in the same transaction.
     */
    public void remove(RoutingContext ctx) {
        Caller.Person caller = Caller.person(ctx);
        UUID member = PathParams.uuid(ctx, "userId", "member");
        retrying(() -> tenancy.inAgency(caller.agencyId(), sql -> lockTeam(sql, caller)
                        .compose(me -> lockRole(sql, caller.agencyId(), member).compose(current -> {
                            requireMayManage(me, current);
                            Future<Void> ownersKept = current == Role.OWNER
                                    ? requireAnotherOwner(sql, caller.agencyId()) : Future.succeededFuture();
                            return ownersKept
                                    .compose(ok -> sql.preparedQuery(REMOVE).execute(Tuple.of(caller.agencyId(), member)))
                                    .compose(removed -> sql.preparedQuery(END_SESSIONS).execute(Tuple.of(caller.agencyId(), member)))
                                    .compose(ended -> sql.preparedQuery(REVOKE_TOKENS).execute(Tuple.of(caller.agencyId(), member)))
                                    .compose(revoked -> sql.preparedQuery(DROP_INVITATIONS).execute(Tuple.of(caller.agencyId(), member)));
                        }))))
                .onSuccess(done -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    /** POST /api/members/invitations {email, role, clientId?} */
    public void invite(RoutingContext ctx) {
        Caller.Person caller = Caller.person(ctx);
        JsonBody body = JsonBody.of(ctx);
        String email = Emails.required(body, "email");
        Role role = role(body);
        Optional<UUID> clientId = clientFor(body, role);
        requireMayManage(caller, role);
        OpaqueToken token = OpaqueToken.generate(OpaqueToken.INVITATION, caller.agencyId());
        OffsetDateTime expiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(INVITATION_LIFETIME);
        tenancy.inAgency(caller.agencyId(), sql -> requireClient(sql, caller.agencyId(), clientId)
                        .compose(ok -> sql.preparedQuery(MEMBER_BY_EMAIL).execute(Tuple.of(caller.agencyId(), email)))
                        .compose(existing -> {
                            if (existing.size() > 0) {
                                throw ApiException.conflict(email + " is a member of this agency already");
                            }
                            return sql.preparedQuery(INSERT_INVITATION).execute(Tuple.of(token.id(), caller.agencyId(),
                                    email, role.key(), clientId.orElse(null), Buffer.buffer(token.secretHash()),
                                    caller.personId(), expiresAt));
                        }))
                .onSuccess(rows -> {
                    String text = token.encode();
                    ctx.response().putHeader("Cache-Control", "no-store");
                    JsonResponses.send(ctx, 201, new CreatedInvitation(token.id(), text, acceptUrl(text), email, role,
                            clientId.orElse(null), expiresAt, rows.iterator().next().getOffsetDateTime("created_at")));
                })
                .onFailure(ctx::fail);
    }

    /** GET /api/members/invitations — the ones still waiting to be accepted. */
    public void listInvitations(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        tenancy.inAgency(caller.agencyId(), sql -> sql.preparedQuery(PENDING_INVITATIONS).execute(Tuple.of(caller.agencyId())))
                .map(rows -> {
                    List<Invitation> invitations = new ArrayList<>();
                    rows.forEach(row -> invitations.add(new Invitation(row.getUUID("id"), row.getString("email"),
                            Role.find(row.getString("role")).orElseThrow(), row.getUUID("client_id"),
                            row.getOffsetDateTime("expires_at"), row.getOffsetDateTime("created_at"))));
                    return invitations;
                })
                .onSuccess(invitations -> JsonResponses.send(ctx, 200, invitations))
                .onFailure(ctx::fail);
    }

    /** DELETE /api/members/invitations/{id} — only by someone who could have sent it (admins not for owners). */
    public void revokeInvitation(RoutingContext ctx) {
        Caller.Person caller = Caller.person(ctx);
        UUID id = PathParams.uuid(ctx, "id", "invitation");
        tenancy.inAgency(caller.agencyId(), sql -> sql.preparedQuery(INVITATION_ROLE)
                        .execute(Tuple.of(caller.agencyId(), id))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                throw ApiException.notFound("No such invitation");
                            }
                            requireMayManage(caller, Role.find(rows.iterator().next().getString("role")).orElseThrow());
                            return sql.preparedQuery(REVOKE_INVITATION).execute(Tuple.of(caller.agencyId(), id));
                        }))
                .onSuccess(rows -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
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

    /**
     * Runs a membership change again when PostgreSQL chose it as the loser of a deadlock or a serialization conflict
     * with some other transaction; past the attempts it is a 409, never a 500.
     */
    static <T> Future<T> retrying(java.util.function.Supplier<Future<T>> transaction) {
        return retrying(transaction, Retry.ATTEMPTS);
    }

    private static <T> Future<T> retrying(java.util.function.Supplier<Future<T>> transaction, int left) {
        return transaction.get().recover(failure -> {
            if (!SqlErrors.is(failure, SqlErrors.DEADLOCK) && !SqlErrors.is(failure, SqlErrors.SERIALIZATION_FAILURE)) {
                return Future.failedFuture(failure);
            }
            return left > 1 ? retrying(transaction, left - 1) : Future.failedFuture(
                    ApiException.conflict("Someone else is changing this team at the same moment: try again"));
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
        return sql.preparedQuery(CLIENT_EXISTS).execute(Tuple.of(agencyId, clientId.get())).map(rows -> {
            if (rows.size() == 0) {
                throw ApiException.badRequest("clientId: no such client");
            }
            return null;
        });
    }

    private static void requireMayManage(Caller.Person caller, Role target) {
        if (!caller.role().mayManage(target)) {
            throw ApiException.forbidden(target == Role.OWNER
                    ? "Only owners can make, change or remove owners" : "Your role does not allow this");
        }
    }

    private static Role role(JsonBody body) {
        String key = body.requiredText("role", 20);
        return Role.find(key).orElseThrow(() -> ApiException.badRequest(
                "role must be one of owner, admin, analyst, viewer"));
    }

    /** A client id makes a viewer a client viewer; other roles see every client. */
    private static Optional<UUID> clientFor(JsonBody body, Role role) {
        Optional<UUID> clientId = body.optionalUuid("clientId");
        if (clientId.isPresent() && role != Role.VIEWER) {
            throw ApiException.badRequest("clientId is only for viewers (a client viewer sees that one client)");
        }
        return clientId;
    }

    /**
     * Where the SPA accepts invitations, under ZF_PUBLIC_URL or else the server's own origin (never from the request's
     * Host, which the caller chooses); the token rides in the fragment, which browsers never send to servers.
     */
    private String acceptUrl(String token) {
        return links.to("/accept-invitation#" + token);
    }
}
