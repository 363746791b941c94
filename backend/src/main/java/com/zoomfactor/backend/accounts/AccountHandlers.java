package com.zoomfactor.backend.accounts;

import com.zoomfactor.backend.accounts.Views.AgencyView;
import com.zoomfactor.backend.accounts.Views.AuthSession;
import com.zoomfactor.backend.accounts.Views.Me;
import com.zoomfactor.backend.accounts.Views.UserView;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.auth.InvalidToken;
import com.zoomfactor.backend.auth.JwtTokens;
import com.zoomfactor.backend.auth.LoginThrottle;
import com.zoomfactor.backend.auth.OpaqueToken;
import com.zoomfactor.backend.auth.Passwords;
import com.zoomfactor.backend.db.DatabaseUnavailable;
import com.zoomfactor.backend.db.SqlErrors;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.domain.access.PasswordPolicy;
import com.zoomfactor.domain.access.Role;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-up, sign-in, token refresh, sign-out, accepting an invitation, and "who am I". */
public final class AccountHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(AccountHandlers.class);

    static final String WRONG_CREDENTIALS = "The e-mail address or the password is wrong";
    static final String INVITATION_UNUSABLE = "This invitation is not valid, was already used, or has expired";

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
    /**
     * How long a rotated refresh token may be presented again for the same answer: two tabs of one browser refresh
     * at the same moment with the one cookie they share. Later, a second use is a replay and ends the sign-in.
     */
    public static final Duration REFRESH_GRACE = Duration.ofSeconds(20);

    private static final String REFRESH_TOKEN_FOR_UPDATE = """
            SELECT replaced_at, revoked_at, expires_at < now() AS expired,
                   replaced_at > now() - make_interval(secs => $5) AS in_grace
              FROM refresh_tokens
             WHERE id = $1 AND agency_id = $2 AND user_id = $3 AND family_id = $4
               FOR UPDATE""";
    /** The one token of a sign-in that is neither used nor revoked: what its last rotation handed out. */
    private static final String CURRENT_OF_FAMILY = """
            SELECT id, expires_at FROM refresh_tokens
             WHERE agency_id = $1 AND family_id = $2 AND user_id = $3
               AND replaced_at IS NULL AND revoked_at IS NULL AND expires_at > now()
             ORDER BY created_at DESC LIMIT 1""";
    private static final String MARK_REPLACED = "UPDATE refresh_tokens SET replaced_at = now() WHERE id = $1 AND agency_id = $2";
    private static final String REVOKE_FAMILY = """
            UPDATE refresh_tokens SET revoked_at = now() WHERE agency_id = $1 AND family_id = $2 AND revoked_at IS NULL""";
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

    private final Tenancy tenancy;
    private final Passwords passwords;
    private final JwtTokens jwt;
    private final Sessions sessions;
    private final LoginThrottle throttle;

    public AccountHandlers(Tenancy tenancy, Passwords passwords, JwtTokens jwt, LoginThrottle throttle) {
        this.tenancy = tenancy;
        this.passwords = passwords;
        this.jwt = jwt;
        this.sessions = new Sessions(jwt);
        this.throttle = throttle;
    }

    /** POST /api/auth/signup — a new agency with the caller as its owner. */
    public void signup(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        String agencyName = body.requiredText("agencyName", 200);
        String name = body.requiredText("name", 200);
        String email = Emails.required(body, "email");
        String password = body.requiredRaw("password");
        PasswordPolicy.problem(password).ifPresent(problem -> {
            throw ApiException.badRequest(problem);
        });
        // each sign-up costs a password hash and makes an agency: throttled per client address like sign-ins
        String address = address(ctx);
        Optional<Duration> wait = throttle.signupBlockedFor(address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw ApiException.tooManyRequests("Too many sign-ups from this address: try again in " + seconds + " s",
                    seconds);
        }
        throttle.signupAttempted(address);
        UUID agencyId = UUID.randomUUID();
        passwords.hash(password)
                .compose(hash -> tenancy.inAgency(agencyId, sql -> sql.preparedQuery(INSERT_USER)
                        .execute(Tuple.of(email, name, hash))
                        .compose(rows -> {
                            UserView user = new UserView(rows.iterator().next().getUUID("id"), email, name);
                            AgencyView agency = new AgencyView(agencyId, agencyName);
                            return sql.preparedQuery(INSERT_AGENCY).execute(Tuple.of(agencyId, agencyName))
                                    .compose(x -> sql.preparedQuery(INSERT_MEMBERSHIP)
                                            .execute(Tuple.of(agencyId, user.id(), Role.OWNER.key(), null)))
                                    .compose(x -> sessions.open(sql, user, agency, Role.OWNER, null, UUID.randomUUID()));
                        })))
                .recover(SqlErrors.onUniqueViolation(() ->
                        ApiException.conflict("An account with this e-mail address exists already: sign in instead")))
                .onSuccess(session -> Sessions.respond(ctx, 201, session))
                .onFailure(ctx::fail);
    }

    /** POST /api/auth/login */
    public void login(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        String email = body.requiredText("email", Emails.MAX_LENGTH);
        String password = body.requiredRaw("password");
        Optional<UUID> wantedAgency = body.optionalUuid("agencyId");
        String address = address(ctx);
        attempt(email, address);
        java.util.concurrent.atomic.AtomicBoolean decided = new java.util.concurrent.atomic.AtomicBoolean();
        tenancy.outsideAnyAgency(sql -> sql.preparedQuery(USER_BY_EMAIL).execute(Tuple.of(email)))
                .compose(rows -> {
                    decided.set(true);
                    Row user = rows.size() == 0 ? null : rows.iterator().next();
                    Optional<String> hash = Optional.ofNullable(user).map(row -> row.getString("password_hash"));
                    return passwords.matches(password, hash).map(matches -> {
                        if (!matches) {
                            throw new ApiException(401, WRONG_CREDENTIALS);
                        }
                        throttle.succeeded(email, address);
                        return new UserView(user.getUUID("id"), user.getString("email"), user.getString("name"));
                    });
                })
                .compose(user -> tenancy.asPerson(user.id(), sql -> sql.preparedQuery(MEMBERSHIPS_OF_PERSON)
                                .execute(Tuple.of(user.id())))
                        .map(memberships -> choose(memberships, wantedAgency))
                        .compose(chosen -> tenancy.inAgency(chosen.getUUID("agency_id"), sql -> sessions.open(sql, user,
                                new AgencyView(chosen.getUUID("agency_id"), chosen.getString("agency_name")),
                                Role.find(chosen.getString("role")).orElseThrow(), chosen.getUUID("client_id"),
                                UUID.randomUUID()))))
                .onSuccess(session -> Sessions.respond(ctx, 200, session))
                .onFailure(failure -> {
                    if (!decided.get() && DatabaseUnavailable.is(failure)) {
                        throttle.undecided(email, address); // a 503 is no wrong guess
                    }
                    ctx.fail(failure);
                });
    }

    /**
     * Refuses the attempt while the account or address is throttled; otherwise counts it as a failure until the
     * password proves right (counting first keeps parallel guesses from all slipping through).
     */
    private void attempt(String email, String address) {
        Optional<Duration> wait = throttle.blockedFor(email, address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw ApiException.tooManyRequests("Too many failed sign-ins: try again in " + seconds + " s", seconds);
        }
        throttle.attempted(email, address);
    }

    private static String address(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
    }

    private static Row choose(RowSet<Row> memberships, Optional<UUID> wanted) {
        List<Row> rows = new ArrayList<>();
        memberships.forEach(rows::add);
        if (rows.isEmpty()) {
            throw ApiException.forbidden("You do not belong to any agency any more");
        }
        if (wanted.isPresent()) {
            return rows.stream().filter(row -> row.getUUID("agency_id").equals(wanted.get())).findFirst()
                    .orElseThrow(() -> ApiException.forbidden("You are not a member of that agency"));
        }
        if (rows.size() == 1) {
            return rows.get(0);
        }
        List<AgencyView> choices = rows.stream()
                .map(row -> new AgencyView(row.getUUID("agency_id"), row.getString("agency_name"))).toList();
        throw new ApiException(409, "You belong to several agencies: sign in again with the agencyId of one",
                Map.of("agencies", choices), Map.of());
    }

    /** What presenting a refresh token led to; decided in a transaction that commits in every case. */
    private sealed interface Refresh {
        record Rotated(AuthSession session) implements Refresh {
        }

        record Refused(String reason) implements Refresh {
        }
    }

    /** POST /api/auth/refresh — trades a refresh token for a new pair; a token works once. */
    public void refresh(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx, true);
        String token = Sessions.presented(ctx, body.optionalText("refreshToken", JwtTokens.MAX_LENGTH + 1));
        jwt.verifyRefresh(token)
                .compose(claims -> tenancy.inAgency(claims.agencyId(), sql -> rotate(sql, claims)))
                .compose(outcome -> outcome instanceof Refresh.Rotated rotated
                        ? Future.succeededFuture(rotated.session())
                        : Future.failedFuture(new InvalidToken("The refresh token is not valid: sign in again",
                                ((Refresh.Refused) outcome).reason())))
                .onSuccess(session -> Sessions.respond(ctx, 200, session))
                .onFailure(failure -> {
                    if (failure instanceof InvalidToken invalid) {
                        LOG.warn("Refused refresh from {}: {}", ctx.request().remoteAddress(), invalid.reason());
                        Sessions.clearCookie(ctx);
                    }
                    ctx.fail(failure);
                });
    }

    private Future<Refresh> rotate(SqlConnection sql, JwtTokens.RefreshClaims claims) {
        Tuple agencyAndFamily = Tuple.of(claims.agencyId(), claims.familyId());
        // the row lock makes parallel uses of one token wait for each other: the second sees the first's rotation
        return sql.preparedQuery(REFRESH_TOKEN_FOR_UPDATE)
                .execute(Tuple.of(claims.tokenId(), claims.agencyId(), claims.personId(), claims.familyId(),
                        (double) REFRESH_GRACE.toSeconds()))
                .compose(rows -> {
                    Row token = rows.size() == 0 ? null : rows.iterator().next();
                    if (token == null) {
                        return refused("unknown refresh token");
                    }
                    if (token.getOffsetDateTime("revoked_at") != null) {
                        return refused("revoked refresh token");
                    }
                    if (token.getBoolean("expired")) {
                        return refused("expired refresh token");
                    }
                    if (token.getOffsetDateTime("replaced_at") != null) {
                        if (Boolean.TRUE.equals(token.getBoolean("in_grace"))) {
                            return sameAsLastRotation(sql, claims);
                        }
                        return reuse(sql, claims, agencyAndFamily);
                    }
                    return sql.preparedQuery(MARK_REPLACED).execute(Tuple.of(claims.tokenId(), claims.agencyId()))
                            .compose(marked -> asMember(sql, claims, (user, agency, role, clientId) -> sessions.open(sql,
                                    user, agency, role, clientId, claims.familyId())));
                });
    }

    /** A used token presented again: someone holds a copy; end every session of this sign-in. */
    private static Future<Refresh> reuse(SqlConnection sql, JwtTokens.RefreshClaims claims, Tuple agencyAndFamily) {
        return sql.preparedQuery(REVOKE_FAMILY).execute(agencyAndFamily)
                .map(revoked -> new Refresh.Refused("reuse of a rotated refresh token; revoked family "
                        + claims.familyId() + " (" + revoked.rowCount() + " token(s))"));
    }

    /**
     * A token rotated moments ago, presented again (another tab of the same browser): the answer is the family's
     * current refresh token, the very one the rotation handed out, re-signed from its row, with a new access token.
     * Should the family have no current token (logged out, or it expired), this is a reuse like any other.
     */
    private Future<Refresh> sameAsLastRotation(SqlConnection sql, JwtTokens.RefreshClaims claims) {
        return sql.preparedQuery(CURRENT_OF_FAMILY)
                .execute(Tuple.of(claims.agencyId(), claims.familyId(), claims.personId()))
                .compose(current -> {
                    if (current.size() == 0) {
                        return reuse(sql, claims, Tuple.of(claims.agencyId(), claims.familyId()));
                    }
                    Row row = current.iterator().next();
                    return asMember(sql, claims, (user, agency, role, clientId) -> Future.succeededFuture(sessions.again(
                            user, agency, role, clientId, claims.familyId(), row.getUUID("id"),
                            row.getOffsetDateTime("expires_at"))));
                });
    }

    /** How a session is made for a person who is still a member. */
    private interface SessionMaker {
        Future<AuthSession> make(UserView user, AgencyView agency, Role role, UUID clientId);
    }

    /** The session, if the token's person is still a member of its agency; otherwise the sign-in ends. */
    private static Future<Refresh> asMember(SqlConnection sql, JwtTokens.RefreshClaims claims, SessionMaker maker) {
        return sql.preparedQuery(MEMBER_VIEW).execute(Tuple.of(claims.agencyId(), claims.personId()))
                .compose(members -> {
                    if (members.size() == 0) {
                        return sql.preparedQuery(REVOKE_FAMILY).execute(Tuple.of(claims.agencyId(), claims.familyId()))
                                .map(revoked -> (Refresh) new Refresh.Refused("membership has ended"));
                    }
                    Row member = members.iterator().next();
                    return maker.make(new UserView(claims.personId(), member.getString("email"), member.getString("name")),
                                    new AgencyView(claims.agencyId(), member.getString("agency_name")),
                                    Role.find(member.getString("role")).orElseThrow(), member.getUUID("client_id"))
                            .map(Refresh.Rotated::new);
                });
    }

    private static Future<Refresh> refused(String reason) {
        return Future.succeededFuture(new Refresh.Refused(reason));
    }

    /** POST /api/auth/logout — ends the sign-in the refresh token belongs to; always 204. */
    public void logout(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx, true);
        String token = Sessions.presented(ctx, body.optionalText("refreshToken", JwtTokens.MAX_LENGTH + 1));
        Sessions.clearCookie(ctx);
        jwt.verifyRefresh(token)
                .compose(claims -> tenancy.inAgency(claims.agencyId(), sql -> sql.preparedQuery(REVOKE_FAMILY)
                        .execute(Tuple.of(claims.agencyId(), claims.familyId()))))
                .onComplete(done -> ctx.response().setStatusCode(204).end());
    }

    /** POST /api/auth/accept-invitation — joins the inviting agency, creating the account if it is new. */
    public void acceptInvitation(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        OpaqueToken invitation = OpaqueToken.parse(OpaqueToken.INVITATION, body.requiredRaw("token").trim())
                .orElseThrow(() -> ApiException.notFound(INVITATION_UNUSABLE));
        String name = body.requiredText("name", 200);
        String password = body.requiredRaw("password");
        UUID agencyId = invitation.agencyId();
        String address = address(ctx);

        tenancy.inAgency(agencyId, sql -> sql.preparedQuery(INVITATION).execute(Tuple.of(invitation.id(), agencyId)))
                .compose(rows -> {
                    Row row = rows.size() == 0 ? null : rows.iterator().next();
                    if (row == null || !row.getBoolean("usable") || !invitation.matches(row.getBuffer("secret_hash").getBytes())
                            || !issuerMayInvite(row)) {
                        throw ApiException.notFound(INVITATION_UNUSABLE);
                    }
                    return tenancy.outsideAnyAgency(sql -> sql.preparedQuery(USER_BY_EMAIL)
                            .execute(Tuple.of(row.getString("email"))));
                })
                .compose(users -> {
                    if (users.size() > 0) {
                        // a password check like a sign-in: throttled the same way, or invitations would be an
                        // unthrottled way to guess anyone's password
                        Row existing = users.iterator().next();
                        String email = existing.getString("email");
                        attempt(email, address);
                        return passwords.matches(password, Optional.of(existing.getString("password_hash")))
                                .map(matches -> {
                                    if (!matches) {
                                        throw new ApiException(401, "This e-mail address has an account already: "
                                                + "enter its password to join");
                                    }
                                    throttle.succeeded(email, address);
                                    return new Joiner(Optional.of(existing.getUUID("id")), existing.getString("name"), null);
                                });
                    }
                    PasswordPolicy.problem(password).ifPresent(problem -> {
                        throw ApiException.badRequest(problem);
                    });
                    return passwords.hash(password).map(hash -> new Joiner(Optional.empty(), name, hash));
                })
                .compose(joiner -> tenancy.inAgency(agencyId, sql -> join(sql, invitation, joiner)))
                .recover(SqlErrors.onUniqueViolation(() ->
                        ApiException.conflict("An account with this e-mail address was created meanwhile: try again")))
                .onSuccess(session -> Sessions.respond(ctx, 201, session))
                .onFailure(ctx::fail);
    }

    /** The person joining: an existing account, or a new one with this name and password hash. */
    private record Joiner(Optional<UUID> existingId, String name, String passwordHash) {
    }

    /**
     * An invitation stands only while whoever sent it could send it now: still a member, with a role that may give
     * the invited one (an admin removed or made analyst, an owner's invitation sent by an admin since demoted).
     */
    private static boolean issuerMayInvite(Row row) {
        Role issuer = Role.find(row.getString("issuer_role")).orElse(null);
        Role invited = Role.find(row.getString("role")).orElse(null);
        return issuer != null && invited != null && issuer.mayManage(invited);
    }

    private Future<AuthSession> join(SqlConnection sql, OpaqueToken invitation, Joiner joiner) {
        UUID agencyId = invitation.agencyId();
        return sql.preparedQuery(ISSUER_FOR_SHARE).execute(Tuple.of(invitation.id(), agencyId)).compose(issuer -> {
            if (issuer.size() == 0 || !issuerMayInvite(issuer.iterator().next())) {
                throw ApiException.notFound(INVITATION_UNUSABLE);
            }
            return sql.preparedQuery(ACCEPT_INVITATION).execute(Tuple.of(invitation.id(), agencyId));
        }).compose(accepted -> {
            if (accepted.size() == 0) {
                throw ApiException.notFound(INVITATION_UNUSABLE);
            }
            Row invited = accepted.iterator().next();
            String email = invited.getString("email");
            Role role = Role.find(invited.getString("role")).orElseThrow();
            UUID clientId = invited.getUUID("client_id");
            Future<UUID> userId = joiner.existingId().isPresent()
                    ? Future.succeededFuture(joiner.existingId().get())
                    : sql.preparedQuery(INSERT_USER).execute(Tuple.of(email, joiner.name(), joiner.passwordHash()))
                            .map(rows -> rows.iterator().next().getUUID("id"));
            return userId.compose(id -> sql.preparedQuery(INSERT_MEMBERSHIP)
                            .execute(Tuple.of(agencyId, id, role.key(), clientId))
                            .compose(inserted -> {
                                if (inserted.rowCount() == 0) {
                                    throw ApiException.conflict("You are a member of this agency already");
                                }
                                return sql.preparedQuery(AGENCY_NAME).execute(Tuple.of(agencyId));
                            })
                            .compose(agency -> sessions.open(sql, new UserView(id, email, joiner.name()),
                                    new AgencyView(agencyId, agency.iterator().next().getString("name")),
                                    role, clientId, UUID.randomUUID())));
        });
    }

    /** GET /api/me */
    public void me(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        Future<Object> answer;
        if (caller instanceof Caller.Person person) {
            answer = tenancy.inAgency(person.agencyId(), sql -> sql.preparedQuery(MEMBER_VIEW)
                    .execute(Tuple.of(person.agencyId(), person.personId()))
                    .map(rows -> {
                        if (rows.size() == 0) {
                            throw new InvalidToken("Your access to this agency has ended", "membership removed meanwhile");
                        }
                        Row row = rows.iterator().next();
                        return new Me(new UserView(person.personId(), row.getString("email"), row.getString("name")),
                                new AgencyView(person.agencyId(), row.getString("agency_name")), person.role(),
                                person.clientId());
                    }));
        } else {
            Caller.Machine machine = (Caller.Machine) caller;
            answer = tenancy.inAgency(machine.agencyId(), sql -> sql.preparedQuery(TOKEN_VIEW)
                    .execute(Tuple.of(machine.tokenId(), machine.agencyId()))
                    .map(rows -> {
                        Row row = rows.iterator().next();
                        return new Views.MachineMe(new Views.TokenView(machine.tokenId(), row.getString("name"),
                                row.getString("prefix"), List.of(row.getArrayOfStrings("scopes"))),
                                new AgencyView(machine.agencyId(), row.getString("agency_name")));
                    }));
        }
        answer.onSuccess(body -> JsonResponses.send(ctx, 200, body)).onFailure(ctx::fail);
    }
}
