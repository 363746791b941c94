package com.zoomfactor.backend.posts;

import com.zoomfactor.backend.db.SqlErrors;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.scope.ClientScope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** The SQL of posts: upserted by channel and external id, listed with each post's engagement. */
public final class PostStore {

    /** The counters that are interactions: a post's engagement is their sum. */
    public static final Set<String> INTERACTIONS = Set.of("retweets", "replies", "likes", "comments", "shares", "quotes");

    private static final String UPSERT = """
            WITH written AS (
                INSERT INTO posts AS p (agency_id, client_id, channel, external_id, published_at, text, url, metrics)
                SELECT $1, $2, x.channel, x.external_id, x.published_at, x.text, x.url, x.metrics::jsonb
                  FROM unnest($3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[])
                       AS x (channel, external_id, published_at, text, url, metrics)
                ON CONFLICT ON CONSTRAINT posts_identity DO UPDATE
                   SET published_at = EXCLUDED.published_at, text = EXCLUDED.text, url = EXCLUDED.url,
                       metrics = EXCLUDED.metrics, updated_at = now()
                 WHERE (p.published_at, p.text, p.url, p.metrics)
                       IS DISTINCT FROM (EXCLUDED.published_at, EXCLUDED.text, EXCLUDED.url, EXCLUDED.metrics)
                RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated
              FROM written""";
    private static final String LIST = """
            SELECT id, channel, external_id, published_at, text, url, metrics FROM posts
             WHERE agency_id = $1 AND client_id = $2 AND ($3::text IS NULL OR channel = $3)
               AND published_at >= $4 AND published_at < $5
             ORDER BY published_at DESC, id
             LIMIT $6""";

    public record Post(UUID id, String channel, String externalId, OffsetDateTime publishedAt, String text, String url,
                       Map<String, Long> metrics, long engagement, Double engagementRate) {
    }

    /** A post as sent, checked: its counters as reported. */
    public record NewPost(String channel, String externalId, OffsetDateTime publishedAt, String text, String url,
                   JsonObject metrics) {
    }

    /** Written rows: new posts, and existing ones of which something changed. */
    record Counts(long inserted, long updated) {
    }

    private PostStore() {
    }

    /** Upserts the posts, each once (the caller drops duplicates); 404 when the client was deleted meanwhile. */
    static Future<Counts> upsert(SqlConnection sql, UUID agencyId, UUID clientId, List<NewPost> posts) {
        int n = posts.size();
        String[] channels = new String[n];
        String[] ids = new String[n];
        OffsetDateTime[] published = new OffsetDateTime[n];
        String[] texts = new String[n];
        String[] urls = new String[n];
        String[] metrics = new String[n];
        for (int i = 0; i < n; i++) {
            NewPost post = posts.get(i);
            channels[i] = post.channel();
            ids[i] = post.externalId();
            published[i] = post.publishedAt();
            texts[i] = post.text();
            urls[i] = post.url();
            metrics[i] = post.metrics().encode();
        }
        return sql.preparedQuery(UPSERT).execute(Tuple.of(agencyId, clientId, channels, ids, published, texts, urls,
                        metrics))
                .recover(SqlErrors.onForeignKeyViolation(() -> ApiException.notFound(ClientScope.NOT_FOUND)))
                .map(result -> {
                    Row row = result.iterator().next();
                    return new Counts(row.getLong("inserted"), row.getLong("updated"));
                });
    }

    /** The client's posts published from..to (exclusive), of one channel or all, newest first. */
    static Future<List<Post>> list(SqlConnection sql, UUID agencyId, UUID clientId, String channel,
                                   OffsetDateTime from, OffsetDateTime to, int limit) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, clientId, channel, from, to, limit)).map(rows -> {
            List<Post> list = new ArrayList<>();
            rows.forEach(row -> list.add(view(row)));
            return list;
        });
    }

    private static Post view(Row row) {
        JsonObject reported = (JsonObject) row.getValue("metrics");
        Map<String, Long> metrics = new TreeMap<>();
        reported.forEach(entry -> metrics.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
        long engagement = metrics.entrySet().stream().filter(entry -> INTERACTIONS.contains(entry.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        Long impressions = metrics.get("impressions");
        Double rate = impressions == null || impressions == 0 ? null : (double) engagement / impressions;
        return new Post(row.getUUID("id"), row.getString("channel"), row.getString("external_id"),
                row.getOffsetDateTime("published_at"), row.getString("text"), row.getString("url"), metrics, engagement, rate);
    }
}
