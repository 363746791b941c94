package com.zoomfactor.backend.posts;

import com.zoomfactor.backend.events.EventStore;
import com.zoomfactor.backend.posts.PostStore.NewPost;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.observations.PointError;
import com.zoomfactor.domain.Channel;
import com.zoomfactor.domain.live.LiveKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
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
import java.util.UUID;

/**
 * The checks and the write of posts, the same for a JSON batch and an imported export: every field checked (channel,
 * id, time, text, link, counters), the same post twice counting once (the last wins), and what changed announced.
 */
public final class PostWriter {

    /** The counters a post may report; engagement is the sum of the {@link PostStore#INTERACTIONS} among them. */
    public static final Set<String> COUNTERS = Set.of("impressions", "retweets", "replies", "likes", "comments", "shares",
            "quotes", "clicks");
    /** Far above any real post, and safe from overflow when counters are added up. */
    static final long MAX_COUNTER = 1_000_000_000_000L;

    /** What a write did. */
    public record Written(int accepted, long inserted, long updated, long unchanged) {
    }

    private PostWriter() {
    }

    /**
     * One post as JSON ({@code channel, externalId, publishedAt, text?, url?, metrics?}) checked: the post, or null
     * after adding each problem to {@code errors} (at {@code index}). Posts published after {@code latest} are refused.
     */
    public static NewPost check(JsonObject post, int index, List<PointError> errors, Instant latest) {
    int before = errors.size();
        String channel = string(post, "channel", index, errors, 20, true);
        if (channel != null && Channel.find(channel).isEmpty()) {
            errors.add(PointError.atIndex(index, "channel", "unknown channel '" + channel + "'; known: " + Channel.knownKeys()));
        }
        String externalId = string(post, "externalId", index, errors, 200, true);
        String published = string(post, "publishedAt", index, errors, 64, true);
        OffsetDateTime publishedAt = null;
        if (published != null) {
            try {
                Instant instant = Instant.parse(published);
                if (instant.isAfter(latest)) {
                    errors.add(PointError.atIndex(index, "publishedAt", "lies in the future"));
                }
                publishedAt = instant.atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                errors.add(PointError.atIndex(index, "publishedAt", "must be an ISO-8601 instant such as 2026-11-02T09:30:00Z"));
            }
        }
        String text = string(post, "text", index, errors, 10_000, false);
        String url = string(post, "url", index, errors, 2048, false);
        if (url != null && !JsonBody.isWebAddress(url)) {
            errors.add(PointError.atIndex(index, "url", "must be an http:// or https:// address"));
        }
        JsonObject metrics = counters(post.getValue("metrics"), index, errors);
        if (errors.size() != before) {
            return null;
        }
        return new NewPost(Channel.of(channel).key(), externalId, publishedAt, text == null ? "" : text, url, metrics);
    }

    /** Writes checked posts inside the caller's transaction; dashboards hear of it when that commits. */
    public static Future<Written> write(SqlConnection sql, UUID agencyId, UUID clientId, List<NewPost> posts) {
        // the same post twice in one batch: the last one wins, as it would in two batches
        Map<String, NewPost> unique = new LinkedHashMap<>();
        posts.forEach(post -> unique.put(post.channel() + "\u0000" + post.externalId(), post));
        List<NewPost> rows = new ArrayList<>(unique.values());
        return PostStore.upsert(sql, agencyId, clientId, rows).compose(counts -> {
            long inserted = counts.inserted();
            long updated = counts.updated();
            Written written = new Written(posts.size(), inserted, updated, rows.size() - inserted - updated);
            return inserted + updated == 0 ? Future.succeededFuture(written)
                    : EventStore.record(sql, agencyId, clientId, LiveKind.POSTS,
                            new JsonObject().put("inserted", inserted).put("updated", updated)
                                    .put("firstDay", day(rows, -1)).put("lastDay", day(rows, 1))).map(written);
        });
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
