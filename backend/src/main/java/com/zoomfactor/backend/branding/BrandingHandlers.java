package com.zoomfactor.backend.branding;

import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.scope.RequestScope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The agency's white label, managed by its owners and admins: name, colour, footer and "powered by" together
 * ({@code PUT}), the logo on its own (a PNG or SVG file as the body). Everyone in the agency reads it.
 */
public final class BrandingHandlers {

    /** The largest logo file, the route's body limit (a larger one is refused with 413 before it is read whole). */
    public static final int MAX_LOGO_BYTES = LogoFiles.MAX_BYTES;
    static final int MAX_NAME = 200;
    static final int MAX_FOOTER = 500;
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    private final Vertx vertx;
    private final RequestScope scope;

    public BrandingHandlers(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.scope = new RequestScope(tenancy);
    }

    /** GET /api/agency/branding */
    public void get(RoutingContext ctx) {
        scope.inAgency(ctx, (caller, sql) -> BrandingStore.read(sql, caller.agencyId())).ok();
    }

    /** PUT /api/agency/branding {name?, colour?, footer?, poweredBy?} — absent or null is the default. */
    public void put(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx, true);
        body.refuseUnknownFields(Set.of("name", "colour", "footer", "poweredBy"));
        String name = body.optionalText("name", MAX_NAME).orElse(null);
        String footer = body.optionalText("footer", MAX_FOOTER).orElse(null);
        String colour = body.optionalText("colour", 7).map(BrandingHandlers::colour).orElse(null);
        Object poweredBy = body.raw("poweredBy");
        if (poweredBy != null && !(poweredBy instanceof Boolean)) {
            throw ApiException.badRequest("poweredBy must be true or false");
        }
        BrandingStore.Settings settings = new BrandingStore.Settings(name, colour, footer,
                poweredBy == null || (Boolean) poweredBy);
        scope.inAgency(ctx, (caller, sql) -> BrandingStore.set(sql, caller.agencyId(), settings)
                .compose(done -> BrandingStore.read(sql, caller.agencyId()))).ok();
    }

    /** PUT /api/agency/branding/logo — the file as the body, Content-Type image/png or image/svg+xml. */
    public void putLogo(RoutingContext ctx) {
        byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String type = ctx.request().getHeader("Content-Type");
        vertx.executeBlocking(() -> LogoFiles.check(type, bytes), false)
                .onFailure(ctx::fail)
                .onSuccess(logo -> scope.inAgency(ctx, (caller, sql) -> BrandingStore.setLogo(sql, caller.agencyId(), logo)
                        .compose(done -> BrandingStore.read(sql, caller.agencyId()))).ok());
    }

    /** DELETE /api/agency/branding/logo — 404 when there is none. */
    public void deleteLogo(RoutingContext ctx) {
        scope.inAgency(ctx, (caller, sql) -> BrandingStore.removeLogo(sql, caller.agencyId())
                .compose(removed -> removed ? Future.succeededFuture()
                        : Future.failedFuture(ApiException.notFound("The agency has no logo")))).noContent();
    }

    /** GET /api/agency/branding/logo — the stored (sanitised) file. */
    public void logo(RoutingContext ctx) {
        scope.inAgency(ctx, (caller, sql) -> BrandingStore.logo(sql, caller.agencyId()))
                .respond(logo -> LogoResponse.send(ctx, logo));
    }

    private static String colour(String text) {
        if (!COLOUR.matcher(text).matches()) {
            throw ApiException.badRequest("colour must be a hex colour like #1f5fa8");
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
