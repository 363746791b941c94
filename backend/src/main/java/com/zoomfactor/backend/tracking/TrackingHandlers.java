package com.zoomfactor.backend.tracking;

import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.sites.TrackedSite;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * The public side of the tracker: the script ({@code GET /zf.js}) and the events it sends ({@code POST /api/events},
 * open to every origin). An event is answered 202 once it is durable (its batch committed); bots are answered the
 * same (so that they learn nothing) and only counted.
 */
public final class TrackingHandlers {

    /** The largest event body read (bigger ones answer 413). */
    public static final int MAX_BODY_BYTES = Hit.MAX_BODY_BYTES;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final Tracking tracking;
    private final Buffer script;

    public TrackingHandlers(Tracking tracking) {
        this.tracking = tracking;
        this.script = Buffer.buffer(scriptBytes());
    }

    /** The served script, as built (minified) into the jar. */
    public static byte[] scriptBytes() {
        try (InputStream in = TrackingHandlers.class.getResourceAsStream("/tracker/zf.js")) {
            if (in == null) {
                throw new IllegalStateException("tracker/zf.js is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET /zf.js: cacheable for an hour by browsers and CDNs; loadable by any page. */
    public void script(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/javascript; charset=utf-8")
                .putHeader("Cache-Control", "public, max-age=3600")
                .putHeader("Cross-Origin-Resource-Policy", "cross-origin")
                .end(script);
    }

    /** Every answer of /api/events may be read by any page (no credentials involved). */
    public static void cors(RoutingContext ctx) {
        ctx.response().putHeader("Access-Control-Allow-Origin", "*");
        ctx.next();
    }

    /** OPTIONS /api/events: the preflight a JSON body needs (the script itself sends text/plain, which needs none). */
    public void preflight(RoutingContext ctx) {
        preflight(ctx.response());
    }

    /** The preflight's answer: 204, any origin may POST with a Content-Type. */
    static void preflight(HttpServerResponse response) {
        response.putHeader("Access-Control-Allow-Origin", "*")
                .putHeader("Access-Control-Allow-Methods", "POST, OPTIONS")
                .putHeader("Access-Control-Allow-Headers", "Content-Type")
                .putHeader("Access-Control-Max-Age", "86400")
                .setStatusCode(204).end();
    }

    /** POST /api/events through the router (the server itself answers it ahead of the router: {@link EventsEndpoint}). */
    public void ingest(RoutingContext ctx) {
        accept(ctx.request(), ctx.body().buffer())
                .onSuccess(stored -> ctx.response().setStatusCode(202).end())
                .onFailure(ctx::fail);
    }

    /**
     * One event's body: read, checked and queued; completes once it is durable (its batch committed), or counted for
     * a bot; fails with an {@link ApiException} (400, 404, 422, 503) otherwise.
     */
    Future<Void> accept(HttpServerRequest request, Buffer body) {
        Hit hit;
        try {
            hit = Hit.parse(body);
        } catch (ApiException refused) {
            return Future.failedFuture(refused);
        }
        String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
        String address = clientAddress(request);
        Instant now = tracking.clock().now();
        return tracking.site(hit.site()).compose(found -> {
            TrackedSite site = found.orElseThrow(() -> ApiException.notFound("No such site"));
            if (!site.owns(hit.host())) {
                throw new ApiException(422, "url is not on the site's domain (" + site.domain() + ")");
            }
            UserAgents.Known agent = UserAgents.known(userAgent);
            if (agent.bot() || BotFilter.isSpam(hit.referrerHost())) {
                return enqueue(null, new BotHit(site.agencyId(), site.id(), LocalDate.ofInstant(now, ZoneOffset.UTC)));
            }
            return tracking.salt(now).compose(salt -> enqueue(event(site, hit, now,
                    visitor(salt, site.id(), address, userAgent), agent), null));
        });
    }

    private Future<Void> enqueue(PageEvent event, BotHit bot) {
        Promise<Void> done = Promise.promise();
        boolean queued = tracking.queue().offer(new EventQueue.Pending(event, bot,
                io.vertx.core.Vertx.currentContext(), outcome -> {
                    if (outcome.succeeded()) {
                        done.complete();
                    } else {
                        done.fail(new ApiException(503, "The events could not be stored now; try again",
                                Map.of(), Map.of("Retry-After", "1")));
                    }
                }));
        if (!queued) {
            return Future.failedFuture(new ApiException(503, "Too many events at once; try again",
                    Map.of(), Map.of("Retry-After", "1")));
        }
        return done.future();
    }

    private static PageEvent event(TrackedSite site, Hit hit, Instant at, long visitor, UserAgents.Known agent) {
        UserAgents.Classes classes = agent.classes(hit.width());
        boolean internal = hit.referrerHost() != null && site.owns(hit.referrerHost());
        return new PageEvent(site.agencyId(), site.clientId(), site.id(), at, visitor, hit.name(), hit.path(),
                internal ? null : hit.referrerHost(), internal ? null : hit.referrerPath(), hit.utmSource(),
                hit.utmMedium(), hit.utmCampaign(), classes.browser(), classes.os(), classes.device(), hit.width(),
                "engagement".equals(hit.name()) ? hit.engagedMs() : null,
                site.returningVisitors() ? hit.returning() : null, hit.props());
    }

    /**
     * The visitor of the day: the first 64 bits of SHA-256(salt, site, address, User-Agent). Without the day's salt
     * (deleted after 48 h) nobody can tell which address and browser it was.
     */
    static long visitor(byte[] salt, UUID site, String address, String userAgent) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update(salt);
        digest.update(ByteBuffer.allocate(16).putLong(site.getMostSignificantBits())
                .putLong(site.getLeastSignificantBits()).array());
        digest.update(address.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update((userAgent == null ? "" : userAgent).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest.digest()).getLong();
    }

    /**
     * The socket's remote address; behind a proxy the server is told to trust ({@code ZF_TRUST_PROXY=true}), the last
     * address of X-Forwarded-For (the one the proxy saw; earlier ones are the client's to forge).
     */
    private String clientAddress(HttpServerRequest request) {
        if (tracking.trustProxy()) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null) {
                String[] hops = forwarded.split(",");
                for (int i = hops.length - 1; i >= 0; i--) {
                    if (!hops[i].isBlank()) {
                        return hops[i].trim();
                    }
                }
            }
        }
        return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
    }
}
