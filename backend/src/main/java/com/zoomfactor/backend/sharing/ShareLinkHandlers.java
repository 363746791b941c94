package com.zoomfactor.backend.sharing;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.auth.OpaqueToken;
import com.zoomfactor.backend.auth.Passwords;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.http.PublicLinks;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.scope.RequestScope;
import com.zoomfactor.domain.access.PasswordPolicy;
import com.zoomfactor.domain.live.LiveKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/**
 * Share links, managed by the agency: created (the link's secret shown once), listed (never with secrets), changed in
 * what they show, and revoked, which takes effect on the link's next request on every instance (the public side reads the row every time).
 */
public final class ShareLinkHandlers {

    /** The farthest expiry accepted (PostgreSQL's timestamps end in 294276; a decade is already "no expiry"). */
    static final Duration MAX_LIFETIME = Duration.ofDays(3_653);

    /** The answer to a creation: the only time the link's token leaves the server. */
    public record CreatedLink(UUID id, UUID clientId, String url, String token, OffsetDateTime createdAt,
                              OffsetDateTime expiresAt, boolean passwordProtected, ShareContent shows) {
    }

    private final RequestScope scope;
    private final Passwords passwords;
    private final PublicLinks links;

    public ShareLinkHandlers(Tenancy tenancy, Passwords passwords, PublicLinks links) {
        this.scope = new RequestScope(tenancy);
        this.passwords = passwords;
        this.links = links;
    }

    /** The SPA's page for a link: under ZF_PUBLIC_URL, else the server's own origin (never from the Host header). */
    String url(String token) {
        return links.to("/shared/" + token);
    }

    /**
     * POST /api/clients/{id}/share-links {expiresAt?, password?, shows?: {score?, metrics?, annotations?, goals?},
     * defaultDays?}
     */
    public void create(RoutingContext ctx) {
        Caller.Person person = Caller.person(ctx);
        // a client out of the caller's sight answers 404 before the body is read and a password costs its hash
        ClientScope.visibleId(ctx, person);
        JsonBody body = JsonBody.of(ctx, true);
        body.refuseUnknownFields(Set.of("expiresAt", "password", "shows", "defaultDays"));
        ShareContent shows = ShareContent.parse(body.optionalObject("shows").orElse(null), body.raw("defaultDays"));
        OffsetDateTime expiresAt = body.optionalInstant("expiresAt").map(instant -> {
            if (!instant.isAfter(Instant.now())) {
                throw ApiException.badRequest("expiresAt must be in the future");
            }
            if (instant.isAfter(Instant.now().plus(MAX_LIFETIME))) {
                throw ApiException.badRequest("expiresAt must lie within 10 years; leave it out for a link that lasts"
                        + " until it is revoked");
            }
            return instant.atOffset(ZoneOffset.UTC);
        }).orElse(null);
        String password = body.raw("password") == null ? null : body.requiredRaw("password");
        if (password != null) {
            PasswordPolicy.problem(password).ifPresent(problem -> {
                throw ApiException.badRequest("password: " + problem);
            });
        }
        OpaqueToken token = OpaqueToken.generate(OpaqueToken.SHARE_LINK, person.agencyId());
        // hashed before the transaction: the hash is slow, and holds no connection while it runs
        Future<String> hashed = password == null ? Future.succeededFuture(null) : passwords.hash(password);
        hashed.onFailure(ctx::fail).onSuccess(passwordHash -> scope.inClient(ctx, (caller, clientId, sql) -> ShareLinkStore
                        .insert(sql, caller.agencyId(), clientId, token.id(), token.secretHash(), passwordHash, expiresAt,
                                person.personId(), shows)
                        .compose(inserted -> ShareLinkStore.one(sql, caller.agencyId(), clientId, token.id()))
                        .compose(link -> announce(sql, caller, clientId, link, "created", "created a share link"
                                + (link.expiresAt() == null ? "" : " expiring " + link.expiresAt().toLocalDate())
                                + (link.passwordProtected() ? ", protected by a password" : ""))))
                .respond(link -> {
                    ctx.response().putHeader("Cache-Control", "no-store");
                    JsonResponses.send(ctx, 201, new CreatedLink(link.id(), link.clientId(), url(token.encode()),
                            token.encode(), link.createdAt(), link.expiresAt(), link.passwordProtected(),
                            link.shows()));
                }));
    }

    /** GET /api/clients/{id}/share-links — newest first, revoked and expired ones too (marked so). */
    public void list(RoutingContext ctx) {
        scope.inClient(ctx, (caller, clientId, sql) -> ShareLinkStore.list(sql, caller.agencyId(), clientId)).ok();
    }

    /**
     * PATCH /api/clients/{id}/share-links/{linkId} {shows?: {score?, metrics?, annotations?, goals?}, defaultDays?} —
     * what the link shows from its next request on; fields left out keep their choice. A revoked link is not changed
     * (409): it shows nothing any more.
     */
    public void update(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "linkId", "share link");
        Caller.Person person = Caller.person(ctx);
        // a client out of the caller's sight answers 404 before the body is read
        ClientScope.visibleId(ctx, person);
        JsonBody body = JsonBody.of(ctx, true);
        // the link is looked up before the body is judged: another agency's link answers 404 whatever was sent
        scope.inClient(ctx, (caller, clientId, sql) -> ShareLinkStore.lockRevoked(sql, caller.agencyId(), clientId, id)
                .compose(revoked -> {
                    if (revoked) {
                        throw ApiException.conflict("This share link is revoked; make a new one instead");
                    }
                    body.refuseUnknownFields(Set.of("shows", "defaultDays"));
                    if (!body.has("shows") && !body.has("defaultDays")) {
                        throw ApiException.badRequest("nothing to change: send shows, defaultDays or both");
                    }
                    // validated against the defaults first, so a bad value is named the same way as at creation
                    ShareContent.parse(body.optionalObject("shows").orElse(null), body.raw("defaultDays"));
                    return ShareLinkStore.one(sql, caller.agencyId(), clientId, id);
                })
                .compose(before -> ShareLinkStore.updateContent(sql, caller.agencyId(), clientId, id,
                        ShareContent.parse(body.optionalObject("shows").orElse(null), body.raw("defaultDays"),
                                before.shows())))
                .compose(done -> ShareLinkStore.one(sql, caller.agencyId(), clientId, id))
                .compose(link -> announce(sql, caller, clientId, link, "updated",
                        "changed what a share link created " + link.createdAt().toLocalDate() + " shows")))
                .ok();
    }

    /** DELETE /api/clients/{id}/share-links/{linkId} — the link answers 404 from now on; revoking twice is a no-op. */
    public void revoke(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "linkId", "share link");
        scope.inClient(ctx, (caller, clientId, sql) -> ShareLinkStore.lockRevoked(sql, caller.agencyId(), clientId, id)
                .compose(revoked -> revoked ? Future.succeededFuture()
                        : ShareLinkStore.revoke(sql, caller.agencyId(), clientId, id)
                                .compose(done -> ShareLinkStore.one(sql, caller.agencyId(), clientId, id))
                                .compose(link -> announce(sql, caller, clientId, link, "revoked",
                                        "revoked a share link created " + link.createdAt().toLocalDate()))))
                .noContent();
    }

    private static Future<ShareLink> announce(SqlConnection sql, Caller caller, UUID clientId, ShareLink link,
                                              String action, String summary) {
        return ActivityStore.recordChange(sql, caller, clientId, LiveKind.SHARE_LINK, new JsonObject()
                .put("action", action).put("link", JsonResponses.toJsonObject(link)), "share_link." + action, summary)
                .map(link);
    }
}
