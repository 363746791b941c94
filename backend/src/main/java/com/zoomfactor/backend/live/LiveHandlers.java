package com.zoomfactor.backend.live;

import com.zoomfactor.backend.auth.Authenticator;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PublicLinks;
import com.zoomfactor.backend.scope.RequestScope;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /api/live/ticket} and {@code GET /api/live}: opening a dashboard's live socket. */
public final class LiveHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(LiveHandlers.class);

    private final LiveShard shard;
    private final LiveTickets tickets;
    private final Authenticator authenticator;
    private final Tenancy tenancy;
    private final RequestScope scope;
    /** The configured public URL's origin: pages served through a proxy that rewrites Host come from there. */
    private final String publicOrigin;

    /** One per HTTP verticle: its sockets join the shard of that verticle's event loop. */
    public LiveHandlers(LiveHub hub, PublicLinks links) {
        this.publicOrigin = links.origin().orElse(null);
        this.shard = hub.shardOf(io.vertx.core.Vertx.currentContext());
        this.tenancy = hub.tenancy();
        this.scope = new RequestScope(tenancy);
        this.tickets = new LiveTickets(tenancy);
        this.authenticator = hub.authenticator();
    }

    /** POST /api/live/ticket → {"ticket", "expiresIn"}: single use, valid 30 s. */
    public void ticket(RoutingContext ctx) {
        scope.inAgency(ctx, (caller, sql) -> tickets.issue(sql, caller)).respond(ticket -> {
            // a credential: no cache, shared or private, may keep it
            ctx.response().putHeader("Cache-Control", "no-store");
            JsonResponses.send(ctx, 201, Map.of("ticket", ticket, "expiresIn", LiveTickets.LIFETIME.toSeconds()));
        });
    }

    /** GET /api/live?ticket=… with a WebSocket upgrade, from the served origin. */
    public void connect(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            throw ApiException.badRequest("Connect with a WebSocket (Upgrade: websocket)");
        }
        // what Vert.x's handshake would otherwise refuse with a plain-text or empty body, after the ticket is used up
        String connection = request.getHeader("Connection");
        if (connection == null || !connection.toLowerCase(java.util.Locale.ROOT).contains("upgrade")
                || request.getHeader("Sec-WebSocket-Key") == null) {
            throw ApiException.badRequest("Not a valid WebSocket handshake (Connection: Upgrade and Sec-WebSocket-Key)");
        }
        if (!"13".equals(request.getHeader("Sec-WebSocket-Version"))) {
            throw new ApiException(426, "WebSocket version 13 is required", Map.of(), Map.of("Sec-WebSocket-Version", "13"));
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.equalsIgnoreCase(servedOrigin(request)) && !origin.equalsIgnoreCase(publicOrigin)) {
            LOG.warn("Refused a live socket from origin {}", origin.length() > 200 ? origin.substring(0, 200) : origin);
            throw new ApiException(403, "Live updates are served to this site's own pages only");
        }
        // hold the request while the ticket is checked: it is upgraded afterwards
        request.pause();
        tickets.redeem(request.getParam("ticket"))
                .compose(holder -> authenticator.recheck(holder.agencyId(), holder.personId(), holder.tokenId()))
                .compose(this::named)
                .compose(caller -> {
                    LiveHub.Slot slot = shard.hub().reserve(caller.caller()).orElseThrow(() -> new ApiException(429,
                            "At most " + LiveHub.MAX_SOCKETS_PER_HOLDER + " live connections at once per person or API "
                                    + "token: close one first"));
                    return request.toWebSocket()
                            .recover(failure -> {
                                slot.release();
                                return Future.failedFuture(ApiException.badRequest("Not a valid WebSocket handshake"));
                            })
                            .map(socket -> new LiveSession(shard, socket, caller, slot));
                })
                .onFailure(failure -> {
                    if (!ctx.response().headWritten()) {
                        ctx.fail(failure);
                    }
                });
    }

    private Future<LiveCaller> named(Caller caller) {
        if (!(caller instanceof Caller.Person person)) {
            return Future.succeededFuture(new LiveCaller(caller, null));
        }
        return tenancy.outsideAnyAgency(sql -> TicketStore.personName(sql, person.personId()))
                .map(name -> new LiveCaller(caller, name));
    }

    /** The origin the browser loaded the app from: this request's host, over TLS when we or a proxy say so. */
    static String servedOrigin(HttpServerRequest request) {
        boolean tls = request.isSSL() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
        return (tls ? "https://" : "http://") + request.getHeader("Host");
    }
}
