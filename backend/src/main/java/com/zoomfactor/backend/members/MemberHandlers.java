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
import com.zoomfactor.backend.outbox.Email;
import com.zoomfactor.backend.outbox.MailLayout;
import com.zoomfactor.backend.outbox.Outbox;
import com.zoomfactor.backend.scope.RequestScope;
import com.zoomfactor.domain.access.Role;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The people of an agency: list them, change a role, remove someone, invite someone. Owners manage everyone;
 * admins everyone but owners; an agency always keeps at least one owner.
 */
public final class MemberHandlers {

    public static final Duration INVITATION_LIFETIME = Duration.ofDays(7);

    /**
     * The answer to an invitation: the only time its token leaves the server (besides the e-mail to the invited
     * person, when mail is configured: {@code emailed}). The link stays copyable either way.
     */
    public record CreatedInvitation(UUID id, String token, String acceptUrl, String email, Role role, UUID clientId,
                                    OffsetDateTime expiresAt, OffsetDateTime createdAt, boolean emailed,
                                    Outbox.MailStatus mail) {
    }

    private final Tenancy tenancy;
    private final RequestScope scope;
    private final PublicLinks links;
    private final Outbox outbox;

    public MemberHandlers(Tenancy tenancy, PublicLinks links, Outbox outbox) {
        this.tenancy = tenancy;
        this.scope = new RequestScope(tenancy);
        this.links = links;
        this.outbox = outbox;
    }

    /** GET /api/members */
    public void list(RoutingContext ctx) {
        scope.inAgency(ctx, (caller, sql) -> MemberStore.list(sql, caller.agencyId())).ok();
    }

    /** PATCH /api/members/{userId} {role, clientId?} */
    public void update(RoutingContext ctx) {
        Caller.Person caller = Caller.person(ctx);
        UUID member = PathParams.uuid(ctx, "userId", "member");
        JsonBody body = JsonBody.of(ctx);
        Role newRole = role(body);
        Optional<UUID> clientId = clientFor(body, newRole);
        // each attempt is a transaction of its own, which RequestScope does not repeat: hence the tenancy here
        new RequestScope.Answer<>(ctx, retrying(() -> tenancy.inAgency(caller.agencyId(),
                sql -> MemberStore.changeRole(sql, caller, member, newRole, clientId)))).ok();
    }

    /**
     * DELETE /api/members/{userId} — the person loses access at once: their sessions end, and the API tokens they made
     * and the invitations they sent still pending are revoked, in the same transaction.
     */
    public void remove(RoutingContext ctx) {
        Caller.Person caller = Caller.person(ctx);
        UUID member = PathParams.uuid(ctx, "userId", "member");
        new RequestScope.Answer<>(ctx, retrying(() -> tenancy.inAgency(caller.agencyId(),
                sql -> MemberStore.remove(sql, caller, member)))).noContent();
    }

    /** POST /api/members/invitations {email, role, clientId?} */
    public void invite(RoutingContext ctx) {
        Caller.Person caller = Caller.person(ctx);
        JsonBody body = JsonBody.of(ctx);
        String email = Emails.required(body, "email");
        Role role = role(body);
        Optional<UUID> clientId = clientFor(body, role);
        MemberStore.requireMayManage(caller, role);
        if (outbox.mail().configured() && !Email.deliverable(email)) {
            throw ApiException.badRequest("email: an invitation cannot be e-mailed to '" + email + "'");
        }
        OpaqueToken token = OpaqueToken.generate(OpaqueToken.INVITATION, caller.agencyId());
        OffsetDateTime expiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(INVITATION_LIFETIME);
        String text = token.encode();
        String acceptUrl = acceptUrl(text);
        record Made(OffsetDateTime createdAt, boolean emailed) {
        }
        // the e-mail is enqueued in the invitation's transaction: both are made, or neither
        scope.inAgency(ctx, (any, sql) -> MemberStore.invite(sql, caller, token, email, role, clientId, expiresAt)
                        .compose(createdAt -> MemberStore.invitationContext(sql, caller.agencyId(), caller.personId())
                                .compose(context -> outbox.enqueue(sql, caller.agencyId(), null, "invitation",
                                        "invitation:" + token.id(), invitationEmail(email, context, role, acceptUrl)))
                                .map(enqueued -> new Made(createdAt, enqueued.isPresent()))))
                .respond(made -> {
                    ctx.response().putHeader("Cache-Control", "no-store");
                    JsonResponses.send(ctx, 201, new CreatedInvitation(token.id(), text, acceptUrl, email, role,
                            clientId.orElse(null), expiresAt, made.createdAt(), made.emailed(), outbox.mail()));
                });
    }

    /** The invitation's e-mail: who invites, to what, the link to accept (the one secret it must carry). */
    private static Email invitationEmail(String to, MemberStore.InvitationContext context, Role role, String url) {
        String subject = context.inviterName() + " invited you to " + context.agencyName() + " on Zoom Factor";
        return MailLayout.compose(to, subject.length() > 300 ? subject.substring(0, 300) : subject,
                "You are invited to " + context.agencyName(),
                List.of(context.inviterName() + " invited you to join " + context.agencyName() + " on Zoom Factor as "
                                + article(role.key()) + " " + role.key() + ".",
                        "The invitation is valid for " + INVITATION_LIFETIME.toDays() + " days. If you did not expect"
                                + " it, ignore this message: nothing happens until the link is used."),
                new MailLayout.Action("Accept the invitation", url), null);
    }

    private static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    /** GET /api/members/invitations — the ones still waiting to be accepted. */
    public void listInvitations(RoutingContext ctx) {
        scope.inAgency(ctx, (caller, sql) -> MemberStore.pendingInvitations(sql, caller.agencyId())).ok();
    }

    /** DELETE /api/members/invitations/{id} — only by someone who could have sent it (admins not for owners). */
    public void revokeInvitation(RoutingContext ctx) {
        Caller.Person caller = Caller.person(ctx);
        UUID id = PathParams.uuid(ctx, "id", "invitation");
        scope.inAgency(ctx, (any, sql) -> MemberStore.revokeInvitation(sql, caller, id)).noContent();
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
