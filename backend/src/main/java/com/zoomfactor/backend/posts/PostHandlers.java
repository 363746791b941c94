package com.zoomfactor.backend.posts;

import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.events.EventStore;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.observations.InvalidPoints;
import com.zoomfactor.backend.observations.PointError;
import com.zoomfactor.backend.posts.PostStore.NewPost;
import com.zoomfactor.backend.scope.RequestScope;
import com.zoomfactor.domain.Channel;
import com.zoomfactor.domain.live.LiveKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Per-post data as the networks export it: upserted by channel and external id (a later export updates the
 * numbers), listed with each post's engagement.
 */
public final class PostHandlers {

    public static final int MAX_POSTS = 1_000;
    /** The counters a post may report; engagement is the sum of the {@link PostStore#INTERACTIONS} among them. */
    public static final Set<String> COUNTERS = Set.of("impressions", "retweets", "replies", "likes", "comments", "shares",
            "quotes", "clicks");
    /** Far above any real post, and safe from overflow when counters are added up. */
    static final long MAX_COUNTER = 1_000_000_000_000L;

    public record Written(int accepted, long inserted, long updated, long unchanged) {
    }

    private final Vertx vertx;
    private final RequestScope scope;

    public PostHandlers(Vertx vertx, Tenancy tenancy) {
        this.vertx = vertx;
        this.scope = new RequestScope(tenancy);
    }

    /** POST /api/clients/{id}/posts {"posts":[{channel, externalId, publishedAt, text, url?, metrics}]} */
    public void upsert(RoutingContext ctx) {
        List<NewPost> posts = read(JsonBody.of(ctx));
        // the same post twice in one batch: the last one wins, as it would in two batches
        Map<String, NewPost> unique = new LinkedHashMap<>();
        posts.forEach(post -> unique.put(post.channel() + "\u0000" + post.externalId(), post));
        List<NewPost> rows = new ArrayList<>(unique.values());
        scope.inClient(ctx, (caller, clientId, sql) -> PostStore.upsert(sql, caller.agencyId(), clientId, rows)
                .compose(counts -> {
                    long inserted = counts.inserted();
                    long updated = counts.updated();
                    Written written = new Written(posts.size(), inserted, updated, rows.size() - inserted - updated);
                    return inserted + updated == 0 ? Future.succeededFuture(written)
                            : EventStore.record(sql, caller.agencyId(), clientId, LiveKind.POSTS,
                                    new JsonObject().put("inserted", inserted).put("updated", updated)
                                            .put("firstDay", day(rows, -1)).put("lastDay", day(rows, 1)))
                                    .map(written);
                })).ok();
    }

    /** The first (-1) or last (1) UTC day on which the posts were published (the score counts them by that day). */
    private static String day(List<NewPost> posts, int sign) {
        LocalDate found = null;
        for (NewPost post : posts) {
            LocalDate day = post.publishedAt().atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
            if (found == null || Integer.signum(day.compareTo(found)) == sign) {
                found = day;
            }
        }
        return found == null ? null : found.toString();
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
            int index = i;
            if (!(items.getValue(i) instanceof JsonObject post)) {
                errors.add(PointError.atIndex(i, "post", "must be a JSON object"));
                continue;
            }
            int before = errors.size();
            String channel = string(post, "channel", index, errors, 20, true);
            if (channel != null && Channel.find(channel).isEmpty()) {
                errors.add(PointError.atIndex(i, "channel", "unknown channel '" + channel + "'; known: " + Channel.knownKeys()));
            }
            String externalId = string(post, "externalId", index, errors, 200, true);
            String published = string(post, "publishedAt", index, errors, 64, true);
            OffsetDateTime publishedAt = null;
            if (published != null) {
                try {
                    Instant instant = Instant.parse(published);
                    if (instant.isAfter(latest)) {
                        errors.add(PointError.atIndex(i, "publishedAt", "lies in the future"));
                    }
                    publishedAt = instant.atOffset(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    errors.add(PointError.atIndex(i, "publishedAt", "must be an ISO-8601 instant such as 2026-11-02T09:30:00Z"));
                }
            }
            String text = string(post, "text", index, errors, 10_000, false);
            String url = string(post, "url", index, errors, 2048, false);
            if (url != null && !JsonBody.isWebAddress(url)) {
                errors.add(PointError.atIndex(i, "url", "must be an http:// or https:// address"));
            }
            JsonObject metrics = counters(post.getValue("metrics"), index, errors);
            if (errors.size() == before) {
                posts.add(new NewPost(Channel.of(channel).key(), externalId, publishedAt, text == null ? "" : text, url,
                        metrics));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidPoints(errors, items.size());
        }
        return posts;
    }

    private static JsonObject counters(Object value, int index, List<PointError> errors) {
        JsonObject counters = new JsonObject();
        if (value == null) {
            return counters;
        }
        if (!(value instanceof JsonObject given)) {
            errors.add(PointError.atIndex(index, "metrics", "must be a JSON object of counters"));
            return counters;
        }
        for (String key : new TreeSet<>(given.fieldNames())) {
            Object count = given.getValue(key);
            if (!COUNTERS.contains(key)) {
                errors.add(PointError.atIndex(index, "metrics." + key, "unknown counter; known: " + String.join(", ",
                        new TreeSet<>(COUNTERS))));
            } else if (!(count instanceof Integer || count instanceof Long) || ((Number) count).longValue() < 0
                    || ((Number) count).longValue() > MAX_COUNTER) {
                errors.add(PointError.atIndex(index, "metrics." + key,
                        "must be a whole number from 0 to " + MAX_COUNTER));
            } else {
                counters.put(key, ((Number) count).longValue());
            }
        }
        return counters;
    }

    private static String string(JsonObject post, String field, int index, List<PointError> errors, int maxLength,
                                 boolean required) {
        Object value = post.getValue(field);
        if (value == null || (value instanceof String text && text.isBlank() && required)) {
            if (required) {
                errors.add(PointError.atIndex(index, field, "is required"));
            }
            return null;
        }
        if (!(value instanceof String text)) {
            errors.add(PointError.atIndex(index, field, "must be a string"));
            return null;
        }
        if (text.length() > maxLength) {
            errors.add(PointError.atIndex(index, field, "must have at most " + maxLength + " characters"));
            return null;
        }
        if (text.indexOf('\u0000') >= 0) {
            errors.add(PointError.atIndex(index, field, "must not contain the NUL character"));
            return null;
        }
        return required ? text.trim() : text;
    }
}
