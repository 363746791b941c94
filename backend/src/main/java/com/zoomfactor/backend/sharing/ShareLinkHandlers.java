package com.zoomfactor.backend.sharing;

import com.zoomfactor.backend.scope.ClientCheckStore;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.auth.OpaqueToken;
import com.zoomfactor.backend.auth.Passwords;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PublicLinks;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.events.EventStore;
import com.zoomfactor.domain.access.PasswordPolicy;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Share links, managed by the agency: created (the link's secret shown once), listed (never with secrets) and revoked,
 * which takes effect on the link's next request on every instance (the public side reads the row every time).
 */
public final class ShareLinkHandlers {

    public static final String LIVE_KIND = com.zoomfactor.domain.live.LiveKind.SHARE_LINK.wire();
    static final String NOT_FOUND = "No such share link";
    /** The newest links a list answers. */
    static final int MAX_LISTED = 200;
    /** The farthest expiry accepted (PostgreSQL's timestamps end in 294276; a decade is already "no expiry"). */
    static final Duration MAX_LIFETIME = Duration.ofDays(3_653);

    private static final String COLUMNS = "l.id, l.client_id, l.created_at, l.expires_at, l.revoked_at,"
            + " l.password_hash IS NOT NULL AS protected, l.created_by, u.name AS created_by_name";
    private static final String FROM = " FROM share_links l LEFT JOIN users u ON u.id = l.created_by";
    private static final String LIST = "SELECT " + COLUMNS + FROM
            + " WHERE l.agency_id = $1 AND l.client_id = $2 ORDER BY l.created_at DESC, l.id LIMIT " + MAX_LISTED;
    private static final String ONE = "SELECT " + COLUMNS + FROM + " WHERE l.agency_id = $1 AND l.client_id = $2 AND l.id = $3";
    private static final String INSERT = """
            INSERT INTO share_links (id, agency_id, client_id, secret_hash, password_hash, expires_at, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7)""";
    private static final String LOCK = "SELECT revoked_at FROM share_links WHERE agency_id = $1 AND client_id = $2 AND id = $3"
            + " FOR UPDATE";
    private static final String REVOKE = "UPDATE share_links SET revoked_at = now() WHERE agency_id = $1 AND client_id = $2"
            + " AND id = $3";

    public record Author(UUID id, String name) {
    }

    /** A link as listed: no secret, no password hash. */
    public record ShareLink(UUID id, UUID clientId, OffsetDateTime createdAt, Author createdBy, OffsetDateTime expiresAt,
                            boolean passwordProtected, OffsetDateTime revokedAt, String status) {
    }

    /** The answer to a creation: the only time the link's token leaves the server. */
    public record CreatedLink(UUID id, UUID clientId, String url, String token, OffsetDateTime createdAt,
                              OffsetDateTime expiresAt, boolean passwordProtected) {
    }

    private final Tenancy tenancy;
    private final Passwords passwords;
    private final PublicLinks links;

    public ShareLinkHandlers(Tenancy tenancy, Passwords passwords, PublicLinks links) {
        this.tenancy = tenancy;
        this.passwords = passwords;
        this.links = links;
    }

    /** The SPA's page for a link: under ZF_PUBLIC_URL, else the server's own origin (never from the Host header). */
    String url(String token) {
        return links.to("/shared/" + token);
    }

    /** POST /api/clients/{id}/share-links {expiresAt?, password?} */
    public void create(RoutingContext ctx) {
        Caller.Person caller = Caller.person(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        JsonBody body = JsonBody.of(ctx, true);
        body.refuseUnknownFields(Set.of("expiresAt", "password"));
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
        UUID agencyId = caller.agencyId();
        OpaqueToken token = OpaqueToken.generate(OpaqueToken.SHARE_LINK, agencyId);
        Future<String> hashed = password == null ? Future.succeededFuture(null) : passwords.hash(password);
        hashed.compose(passwordHash -> tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        .compose(exists -> sql.preparedQuery(INSERT).execute(Tuple.of(token.id(), agencyId, clientId,
                                Buffer.buffer(token.secretHash()), passwordHash, expiresAt, caller.personId())))
                        .compose(inserted -> one(sql, agencyId, clientId, token.id()))
                        .compose(link -> announce(sql, caller, clientId, link, "created", "created a share link"
                                + (link.expiresAt() == null ? "" : " expiring " + link.expiresAt().toLocalDate())
                                + (link.passwordProtected() ? ", protected by a password" : "")))))
                .onSuccess(link -> {
                    ctx.response().putHeader("Cache-Control", "no-store");
                    JsonResponses.send(ctx, 201, new CreatedLink(link.id(), clientId, url(token.encode()),
                            token.encode(), link.createdAt(), link.expiresAt(), link.passwordProtected()));
                })
                .onFailure(ctx::fail);
    }

    /** GET /api/clients/{id}/share-links — newest first, revoked and expired ones too (marked so). */
    public void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        UUID agencyId = caller.agencyId();
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        .compose(exists -> sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId))))
                .map(rows -> {
                    List<ShareLink> links = new ArrayList<>();
                    rows.forEach(row -> links.add(link(row)));
                    return links;
                })
                .onSuccess(links -> JsonResponses.send(ctx, 200, links))
                .onFailure(ctx::fail);
    }

    /** DELETE /api/clients/{id}/share-links/{linkId} — the link answers 404 from now on; revoking twice is a no-op. */
    public void revoke(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        UUID id = PathParams.uuid(ctx, "linkId", "share link");
        UUID agencyId = caller.agencyId();
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId)
                        .compose(exists -> sql.preparedQuery(LOCK).execute(Tuple.of(agencyId, clientId, id)))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                throw ApiException.notFound(NOT_FOUND);
                            }
                            if (rows.iterator().next().getOffsetDateTime("revoked_at") != null) {
                                return Future.succeededFuture();
                            }
                            return sql.preparedQuery(REVOKE).execute(Tuple.of(agencyId, clientId, id))
                                    .compose(revoked -> one(sql, agencyId, clientId, id))
                                    .compose(link -> announce(sql, caller, clientId, link, "revoked",
                                            "revoked a share link created " + link.createdAt().toLocalDate()));
                        }))
                .onSuccess(done -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private static Future<ShareLink> announce(SqlConnection sql, Caller caller, UUID clientId, ShareLink link,
                                              String action, String summary) {
        return EventStore.record(sql, caller.agencyId(), clientId, LIVE_KIND, new JsonObject().put("action", action)
                        .put("link", JsonResponses.toJsonObject(link)))
                .compose(seq -> ActivityStore.record(sql, caller, clientId, "share_link." + action, summary))
                .map(link);
    }

    private static Future<ShareLink> one(SqlConnection sql, UUID agencyId, UUID clientId, UUID id) {
        return sql.preparedQuery(ONE).execute(Tuple.of(agencyId, clientId, id)).map(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound(NOT_FOUND);
            }
            return link(rows.iterator().next());
        });
    }

    private static ShareLink link(Row row) {
        UUID author = row.getUUID("created_by");
        OffsetDateTime expires = row.getOffsetDateTime("expires_at");
        OffsetDateTime revoked = row.getOffsetDateTime("revoked_at");
        String status = revoked != null ? "revoked"
                : expires != null && !expires.isAfter(OffsetDateTime.now(ZoneOffset.UTC)) ? "expired" : "active";
        return new ShareLink(row.getUUID("id"), row.getUUID("client_id"), row.getOffsetDateTime("created_at"),
                author == null ? null : new Author(author, row.getString("created_by_name")), expires,
                row.getBoolean("protected"), revoked, status);
    }
}
