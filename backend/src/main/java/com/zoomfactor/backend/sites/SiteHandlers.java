package com.zoomfactor.backend.sites;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.http.PublicLinks;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.scope.RequestScope;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;

/** A client's tracked websites: the snippet to paste, and whether returning visitors are recognised. */
public final class SiteHandlers {

    private final RequestScope scope;
    private final PublicLinks links;
    private final SiteRemoval removal;

    /**
     * What else a deleted site's events leave: the events kept outside PostgreSQL (ClickHouse), which no foreign key
     * deletes, and the client's daily rollups that counted them. Given the agency, the client and the site, after the
     * site's row is gone.
     */
    @FunctionalInterface
    public interface SiteRemoval {
        io.vertx.core.Future<Void> removed(UUID agencyId, UUID clientId, UUID siteId);
    }

    public SiteHandlers(Tenancy tenancy, PublicLinks links, SiteRemoval removal) {
        this.scope = new RequestScope(tenancy);
        this.links = links;
        this.removal = removal;
    }

    /** GET /api/clients/{id}/sites */
    public void list(RoutingContext ctx) {
        String origin = origin(ctx);
        scope.inClient(ctx, (caller, client, sql) -> SiteStore.list(sql, caller.agencyId(), client)
                .map(sites -> sites.stream().map(site -> site.withSnippetFrom(origin)).toList())).ok();
    }

    /** POST /api/clients/{id}/sites {domain} */
    public void create(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx);
        body.refuseUnknownFields(Set.of("domain"));
        String domain = Domains.parse(body.requiredText("domain", 300));
        String origin = origin(ctx);
        scope.inClient(ctx, (caller, client, sql) -> SiteStore.insert(sql, caller.agencyId(), client, domain)
                .map(site -> site.withSnippetFrom(origin))).created();
    }

    /** PATCH /api/clients/{id}/sites/{siteId} {returningVisitors} */
    public void update(RoutingContext ctx) {
        UUID client = ClientScope.visibleId(ctx, Caller.of(ctx));
        UUID site = PathParams.uuid(ctx, "siteId", "site");
        JsonBody body = JsonBody.of(ctx);
        body.refuseUnknownFields(Set.of("returningVisitors"));
        if (!(body.raw("returningVisitors") instanceof Boolean on)) {
            throw ApiException.badRequest("returningVisitors must be true or false");
        }
        String origin = origin(ctx);
        scope.inAgency(ctx, (caller, sql) -> SiteStore.setReturningVisitors(sql, caller.agencyId(), client, site, on)
                .map(changed -> changed.withSnippetFrom(origin))).ok();
    }

    /** DELETE /api/clients/{id}/sites/{siteId}: its events and counts go with it. */
    public void delete(RoutingContext ctx) {
        UUID client = ClientScope.visibleId(ctx, Caller.of(ctx));
        UUID site = PathParams.uuid(ctx, "siteId", "site");
        scope.inAgency(ctx, (caller, sql) -> SiteStore.delete(sql, caller.agencyId(), client, site).map(found -> {
            if (!found) {
                throw ApiException.notFound(SiteStore.NOT_FOUND);
            }
            return caller.agencyId();
        })).then(agency -> removal.removed(agency, client, site)).noContent();
    }

    /** Where the script is served from: the configured public URL's origin, else the address this request came to. */
    private String origin(RoutingContext ctx) {
        return links.origin().orElseGet(() -> {
            HttpServerRequest request = ctx.request();
            String scheme = "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto")) ? "https" : request.scheme();
            return scheme + "://" + (request.authority() == null ? "localhost" : request.authority().toString());
        });
    }
}
