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
import com.zoomfactor.backend.scope.RequestScope;
import com.zoomfactor.domain.access.PasswordPolicy;
import com.zoomfactor.domain.access.Role;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
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

    /**
     * How long a rotated refresh token may be presented again for the same answer: two tabs of one browser refresh
     * at the same moment with the one cookie they share. Later, a second use is a replay and ends the sign-in.
     */
    public static final Duration REFRESH_GRACE = Duration.ofSeconds(20);

    private final Tenancy tenancy;
    private final RequestScope scope;
    private final Passwords passwords;
    private final JwtTokens jwt;
    private final Sessions sessions;
    private final LoginThrottle throttle;

    public AccountHandlers(Tenancy tenancy, Passwords passwords, JwtTokens jwt, LoginThrottle throttle) {
        this.tenancy = tenancy;
        this.scope = new RequestScope(tenancy);
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
                .compose(hash -> tenancy.inAgency(agencyId, sql -> AccountStore.insertUser(sql, email, name, hash)
                        .compose(userId -> {
                            UserView user = new UserView(userId, email, name);
                            AgencyView agency = new AgencyView(agencyId, agencyName);
                            return AccountStore.insertAgency(sql, agencyId, agencyName)
                                    .compose(x -> AccountStore.insertMembership(sql, agencyId, user.id(), Role.OWNER, null))
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
        tenancy.outsideAnyAgency(sql -> AccountStore.userByEmail(sql, email))
                .compose(found -> {
                    decided.set(true);
                    Optional<String> hash = found.map(AccountStore.Account::passwordHash);
                    return passwords.matches(password, hash).map(matches -> {
                        if (!matches) {
                            throw new ApiException(401, WRONG_CREDENTIALS);
                        }
                        throttle.succeeded(email, address);
                        AccountStore.Account user = found.get();
                        return new UserView(user.id(), user.email(), user.name());
                    });
                })
                .compose(user -> tenancy.asPerson(user.id(), sql -> AccountStore.membershipsOf(sql, user.id()))
                        .map(memberships -> choose(memberships, wantedAgency))
                        .compose(chosen -> tenancy.inAgency(chosen.agencyId(), sql -> sessions.open(sql, user,
                                new AgencyView(chosen.agencyId(), chosen.agencyName()), chosen.role(),
                                chosen.clientId(), UUID.randomUUID()))))
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

    private static AccountStore.Membership choose(List<AccountStore.Membership> memberships, Optional<UUID> wanted) {
        if (memberships.isEmpty()) {
            throw ApiException.forbidden("You do not belong to any agency any more");
        }
        if (wanted.isPresent()) {
            return memberships.stream().filter(membership -> membership.agencyId().equals(wanted.get())).findFirst()
                    .orElseThrow(() -> ApiException.forbidden("You are not a member of that agency"));
        }
        if (memberships.size() == 1) {
            return memberships.get(0);
        }
        List<AgencyView> choices = memberships.stream()
                .map(membership -> new AgencyView(membership.agencyId(), membership.agencyName())).toList();
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
        // the row lock makes parallel uses of one token wait for each other: the second sees the first's rotation
        return SessionStore.lock(sql, claims.tokenId(), claims.agencyId(), claims.personId(), claims.familyId(),
                        REFRESH_GRACE)
                .compose(found -> {
                    SessionStore.TokenState token = found.orElse(null);
                    if (token == null) {
                        return refused("unknown refresh token");
                    }
                    if (token.revoked()) {
                        return refused("revoked refresh token");
                    }
                    if (token.expired()) {
                        return refused("expired refresh token");
                    }
                    if (token.replaced()) {
                        if (token.inGrace()) {
                            return sameAsLastRotation(sql, claims);
                        }
                        return reuse(sql, claims);
                    }
                    return SessionStore.markReplaced(sql, claims.tokenId(), claims.agencyId())
                            .compose(marked -> asMember(sql, claims, (user, agency, role, clientId) -> sessions.open(sql,
                                    user, agency, role, clientId, claims.familyId())));
                });
    }

    /** A used token presented again: someone holds a copy; end every session of this sign-in. */
    private static Future<Refresh> reuse(SqlConnection sql, JwtTokens.RefreshClaims claims) {
        return SessionStore.revokeFamily(sql, claims.agencyId(), claims.familyId())
                .map(revoked -> new Refresh.Refused("reuse of a rotated refresh token; revoked family "
                        + claims.familyId() + " (" + revoked + " token(s))"));
    }

    /**
     * A token rotated moments ago, presented again (another tab of the same browser): the answer is the family's
     * current refresh token, the very one the rotation handed out, re-signed from its row, with a new access token.
     * Should the family have no current token (logged out, or it expired), this is a reuse like any other.
     */
    private Future<Refresh> sameAsLastRotation(SqlConnection sql, JwtTokens.RefreshClaims claims) {
        return SessionStore.currentOfFamily(sql, claims.agencyId(), claims.familyId(), claims.personId())
                .compose(found -> {
                    if (found.isEmpty()) {
                        return reuse(sql, claims);
                    }
                    SessionStore.Current current = found.get();
                    return asMember(sql, claims, (user, agency, role, clientId) -> Future.succeededFuture(sessions.again(
                            user, agency, role, clientId, claims.familyId(), current.id(), current.expiresAt())));
                });
    }

    /** How a session is made for a person who is still a member. */
    private interface SessionMaker {
        Future<AuthSession> make(UserView user, AgencyView agency, Role role, UUID clientId);
    }

    /** The session, if the token's person is still a member of its agency; otherwise the sign-in ends. */
    private static Future<Refresh> asMember(SqlConnection sql, JwtTokens.RefreshClaims claims, SessionMaker maker) {
        return AccountStore.member(sql, claims.agencyId(), claims.personId())
                .compose(found -> {
                    if (found.isEmpty()) {
                        return SessionStore.revokeFamily(sql, claims.agencyId(), claims.familyId())
                                .map(revoked -> (Refresh) new Refresh.Refused("membership has ended"));
                    }
                    AccountStore.Member member = found.get();
                    return maker.make(new UserView(claims.personId(), member.email(), member.name()),
                                    new AgencyView(claims.agencyId(), member.agencyName()), member.role(),
                                    member.clientId())
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
                .compose(claims -> tenancy.inAgency(claims.agencyId(),
                        sql -> SessionStore.revokeFamily(sql, claims.agencyId(), claims.familyId())))
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

        tenancy.inAgency(agencyId, sql -> AccountStore.invitation(sql, invitation.id(), agencyId))
                .compose(found -> {
                    AccountStore.Invitation row = found.orElse(null);
                    if (row == null || !row.usable() || !invitation.matches(row.secretHash())
                            || !issuerMayInvite(row.issuerRole(), row.role())) {
                        throw ApiException.notFound(INVITATION_UNUSABLE);
                    }
                    return tenancy.outsideAnyAgency(sql -> AccountStore.userByEmail(sql, row.email()));
                })
                .compose(users -> {
                    if (users.isPresent()) {
                        // a password check like a sign-in: throttled the same way, or invitations would be an
                        // unthrottled way to guess anyone's password
                        AccountStore.Account existing = users.get();
                        String email = existing.email();
                        attempt(email, address);
                        return passwords.matches(password, Optional.of(existing.passwordHash()))
                                .map(matches -> {
                                    if (!matches) {
                                        throw new ApiException(401, "This e-mail address has an account already: "
                                                + "enter its password to join");
                                    }
                                    throttle.succeeded(email, address);
                                    return new Joiner(Optional.of(existing.id()), existing.name(), null);
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
    private static boolean issuerMayInvite(Role issuer, Role invited) {
        return issuer != null && invited != null && issuer.mayManage(invited);
    }

    private Future<AuthSession> join(SqlConnection sql, OpaqueToken invitation, Joiner joiner) {
        UUID agencyId = invitation.agencyId();
        return AccountStore.issuerForShare(sql, invitation.id(), agencyId).compose(issuer -> {
            if (issuer.isEmpty() || !issuerMayInvite(issuer.get().issuerRole(), issuer.get().role())) {
                throw ApiException.notFound(INVITATION_UNUSABLE);
            }
            return AccountStore.acceptInvitation(sql, invitation.id(), agencyId);
        }).compose(accepted -> {
            AccountStore.Accepted invited = accepted.orElseThrow(() -> ApiException.notFound(INVITATION_UNUSABLE));
            String email = invited.email();
            Role role = invited.role();
            UUID clientId = invited.clientId();
            Future<UUID> userId = joiner.existingId().isPresent()
                    ? Future.succeededFuture(joiner.existingId().get())
                    : AccountStore.insertUser(sql, email, joiner.name(), joiner.passwordHash());
            return userId.compose(id -> AccountStore.insertMembership(sql, agencyId, id, role, clientId)
                            .compose(inserted -> {
                                if (!inserted) {
                                    throw ApiException.conflict("You are a member of this agency already");
                                }
                                return AccountStore.agencyName(sql, agencyId);
                            })
                            .compose(agencyName -> sessions.open(sql, new UserView(id, email, joiner.name()),
                                    new AgencyView(agencyId, agencyName), role, clientId, UUID.randomUUID())));
        });
    }

    /** GET /api/me */
    public void me(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        if (caller instanceof Caller.Person person) {
            scope.inAgency(ctx, (any, sql) -> AccountStore.member(sql, person.agencyId(), person.personId())
                    .map(found -> {
                        AccountStore.Member member = found.orElseThrow(() -> new InvalidToken(
                                "Your access to this agency has ended", "membership removed meanwhile"));
                        return new Me(new UserView(person.personId(), member.email(), member.name()),
                                new AgencyView(person.agencyId(), member.agencyName()), person.role(),
                                person.clientId());
                    })).ok();
        } else {
            Caller.Machine machine = (Caller.Machine) caller;
            scope.inAgency(ctx, (any, sql) -> AccountStore.machineMe(sql, machine.tokenId(), machine.agencyId())).ok();
        }
    }
}
