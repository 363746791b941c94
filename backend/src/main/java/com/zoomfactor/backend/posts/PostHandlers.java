package com.zoomfactor.backend.posts;

import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.observations.InvalidPoints;
import com.zoomfactor.backend.observations.PointError;
import com.zoomfactor.backend.posts.PostStore.NewPost;
import com.zoomfactor.backend.scope.RequestScope;
import com.zoomfactor.domain.Channel;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-post data as the networks export it: upserted by channel and external id (a later export updates the
 * numbers), listed with each post's engagement.
 */
public final class PostHandlers {

    public static final int MAX_POSTS = 1_000;
    private final Vertx vertx;
    private final RequestScope scope;

    public PostHandlers(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.scope = new RequestScope(tenancy);
    }

    /** POST /api/clients/{id}/posts {"posts":[{channel, externalId, publishedAt, text, url?, metrics}]} */
    public void upsert(RoutingContext ctx) {
        List<NewPost> posts = read(JsonBody.of(ctx));
        scope.inClient(ctx, (caller, clientId, sql) -> PostWriter.write(sql, caller.agencyId(), clientId, posts)).ok();
    }

    /** GET /api/clients/{id}/posts?from=&to=&channel=&limit= — newest first. */
    public void list(RoutingContext ctx) {
        String channel = QueryParams.text(ctx, "channel").map(key -> Channel.find(key).orElseThrow(() ->
                ApiException.badRequest("channel: unknown channel '" + key + "'")).key()).orElse(null);
        OffsetDateTime to = QueryParams.date(ctx, "to").map(date -> date.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))
                .orElse(OffsetDateTime.now(ZoneOffset.UTC).plusDays(1));
        OffsetDateTime from = QueryParams.date(ctx, "from").map(date -> date.atStartOfDay().atOffset(ZoneOffset.UTC))
                .orElse(to.minusDays(91));
        int limit = QueryParams.integer(ctx, "limit", 50, 1, 500);
        scope.inClient(ctx, (caller, clientId, sql) -> PostStore.list(sql, caller.agencyId(), clientId, channel, from,
                to, limit)).ok();
    }

    private static List<NewPost> read(JsonBody body) {
        JsonArray items = body.requiredArray("posts");
        if (items.isEmpty()) {
            throw ApiException.badRequest("posts must hold at least one post");
        }
        if (items.size() > MAX_POSTS) {
            throw new ApiException(413, "A request holds at most " + MAX_POSTS + " posts; this one has " + items.size());
        }
        Instant latest = Instant.now().plusSeconds(24 * 3600);
        List<NewPost> posts = new ArrayList<>();
        List<PointError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.getValue(i) instanceof JsonObject post)) {
                errors.add(PointError.atIndex(i, "post", "must be a JSON object"));
                continue;
            }
            NewPost checked = PostWriter.check(post, i, errors, latest);
            if (checked != null) {
                posts.add(checked);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidPoints(errors, items.size());
        }
        return posts;
    }
}
