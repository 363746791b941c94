package com.zoomfactor.backend.outbox;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox tables (SQL and row mapping): deliveries enqueued inside their cause's transaction (once per cause:
 * {@code dedupe_key}), claimed across agencies by a worker's lease, read and settled under their own agency, and
 * listed with every attempt.
 */
public final class OutboxStore {

    private static final String INSERT_EMAIL = """
            INSERT INTO outbox (agency_id, client_id, channel, kind, dedupe_key, recipient, subject, body_text, body_html,
                                headers, max_attempts)
            VALUES ($1, $2, 'email', $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (agency_id, dedupe_key) DO NOTHING RETURNING id""";
    private static final String INSERT_ATTACHMENT = """
            INSERT INTO outbox_attachments (agency_id, outbox_id, position, name, content_type, data)
            VALUES ($1, $2, $3, $4, $5, $6)""";
    private static final String INSERT_WEBHOOK = """
            INSERT INTO outbox (agency_id, client_id, channel, kind, dedupe_key, recipient, webhook_id, payload,
                                max_attempts)
            VALUES ($1, $2, 'webhook', $3, $4, $5, $6, $7, $8)
            ON CONFLICT (agency_id, dedupe_key) DO NOTHING RETURNING id""";
    private static final String CLAIM = "SELECT agency_id, id FROM claim_deliveries($1, $2)";
    private static final String LOAD = """
            SELECT o.id, o.channel, o.kind, o.recipient, o.subject, o.body_text, o.body_html, o.headers, o.payload,
                   o.attempts, o.max_attempts, o.state, w.url AS webhook_url, w.secret AS webhook_secret
              FROM outbox o LEFT JOIN webhooks w ON w.agency_id = o.agency_id AND w.id = o.webhook_id
             WHERE o.agency_id = $1 AND o.id = $2""";
    private static final String ATTACHMENTS = """
            SELECT name, content_type, data FROM outbox_attachments WHERE agency_id = $1 AND outbox_id = $2
             ORDER BY position""";
    private static final String ATTEMPT = """
            INSERT INTO outbox_attempts (agency_id, outbox_id, attempt, status, error, duration_ms)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (outbox_id, attempt) DO NOTHING""";
    private static final String DELIVERED = """
            UPDATE outbox SET state = 'delivered', delivered_at = now(), last_status = $3, last_error = NULL
             WHERE agency_id = $1 AND id = $2 AND state = 'pending'""";
    private static final String RETRY = """
            UPDATE outbox SET last_status = $3, last_error = $4,
                              next_attempt_at = clock_timestamp() + make_interval(secs => $5 / 1000.0)
             WHERE agency_id = $1 AND id = $2 AND state = 'pending'""";
    /** A settled e-mail's files are not needed any more (the row and its log stay). */
    private static final String DROP_ATTACHMENTS = "DELETE FROM outbox_attachments WHERE agency_id = $1 AND outbox_id = $2";
    private static final String PRUNE = "SELECT prune_deliveries($1) AS gone";
    private static final String FAILED = """
            UPDATE outbox SET state = 'failed', last_status = $3, last_error = $4
             WHERE agency_id = $1 AND id = $2 AND state = 'pending'""";
    private static final String DELIVERY_COLUMNS = """
            id, channel, kind, client_id, webhook_id, recipient, subject, state, attempts, max_attempts, last_status,
            last_error, created_at, delivered_at, CASE WHEN state = 'pending' THEN next_attempt_at END AS next_attempt_at""";
    private static final String LIST = "SELECT " + DELIVERY_COLUMNS + " FROM outbox\n" + """
             WHERE agency_id = $1 AND ($2::text IS NULL OR state = $2) AND ($3::uuid IS NULL OR webhook_id = $3)
             ORDER BY created_at DESC, id LIMIT $4""";
    private static final String ATTEMPTS_OF = """
            SELECT outbox_id, attempt, at, status, error, duration_ms FROM outbox_attempts
             WHERE agency_id = $1 AND outbox_id = ANY($2::uuid[]) ORDER BY outbox_id, attempt""";

    /** A delivery a worker claimed: the agency to read it under, and its id. */
    public record Claimed(UUID agencyId, UUID id) {
    }

    /**
     * A claimed delivery as the worker sends it: an e-mail, or a webhook call (its target and secret as they are now:
     * a webhook deleted meanwhile took its deliveries along).
     */
    public record Pending(UUID id, String channel, String kind, String recipient, Email email, String payload,
                          String webhookUrl, String webhookSecret, int attempt, int maxAttempts) {

        boolean isEmail() {
            return email != null;
        }
    }

    /** One attempt: when, the answer (an HTTP status, an SMTP reply code) or the error, and how long it took. */
    public record Attempt(int attempt, OffsetDateTime at, Integer status, String error, int durationMs) {
    }

    /** A delivery as the API lists it, with its attempts. */
    public record Delivery(UUID id, String channel, String kind, UUID clientId, UUID webhookId, String recipient,
                           String subject, String state, int attempts, int maxAttempts, Integer lastStatus,
                           String lastError, OffsetDateTime createdAt, OffsetDateTime deliveredAt,
                           OffsetDateTime nextAttemptAt, List<Attempt> log) {
    }

    private OutboxStore() {
    }

    /** Enqueues the e-mail unless its cause already did; its id, or empty when it was there already. */
    static Future<Optional<UUID>> enqueueEmail(SqlConnection sql, UUID agencyId, UUID clientId, String kind,
                                               String dedupeKey, Email email, int maxAttempts) {
        JsonObject headers = new JsonObject(new LinkedHashMap<>(email.headers()));
        return sql.preparedQuery(INSERT_EMAIL).execute(Tuple.from(new Object[] {agencyId, clientId, kind, dedupeKey,
                        email.to(), email.subject(), email.text(), email.html(), headers, maxAttempts}))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(Optional.<UUID>empty());
                    }
                    UUID id = rows.iterator().next().getUUID("id");
                    if (email.attachments().isEmpty()) {
                        return Future.succeededFuture(Optional.of(id));
                    }
                    List<Tuple> files = new ArrayList<>();
                    for (int i = 0; i < email.attachments().size(); i++) {
                        Attachment a = email.attachments().get(i);
                        files.add(Tuple.of(agencyId, id, i, a.name(), a.contentType(), Buffer.buffer(a.data())));
                    }
                    return sql.preparedQuery(INSERT_ATTACHMENT).executeBatch(files).map(done -> Optional.of(id));
                });
    }

    /** Enqueues a call of the webhook unless its cause already did; its id, or empty when it was there already. */
    static Future<Optional<UUID>> enqueueWebhook(SqlConnection sql, UUID agencyId, UUID clientId, UUID webhookId,
                                                 String url, String kind, String dedupeKey, String payload,
                                                 int maxAttempts) {
        return sql.preparedQuery(INSERT_WEBHOOK).execute(Tuple.from(new Object[] {agencyId, clientId, kind, dedupeKey,
                        url, webhookId, payload, maxAttempts}))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("id")));
    }

    /** Claims up to {@code max} due deliveries in every agency for {@code leaseMs}, counting their attempt. */
    static Future<List<Claimed>> claim(SqlConnection sql, int leaseMs, int max) {
        return sql.preparedQuery(CLAIM).execute(Tuple.of(leaseMs, max)).map(rows -> {
            List<Claimed> claimed = new ArrayList<>();
            rows.forEach(row -> claimed.add(new Claimed(row.getUUID("agency_id"), row.getUUID("id"))));
            return claimed;
        });
    }

    /** The claimed delivery, if it is still pending (another worker may have settled it after a lease ran out). */
    static Future<Optional<Pending>> load(SqlConnection sql, UUID agencyId, UUID id) {
        return sql.preparedQuery(LOAD).execute(Tuple.of(agencyId, id)).compose(rows -> {
            if (rows.size() == 0 || !"pending".equals(rows.iterator().next().getString("state"))) {
                return Future.succeededFuture(Optional.<Pending>empty());
            }
            Row row = rows.iterator().next();
            if (!"email".equals(row.getString("channel"))) {
                return Future.succeededFuture(Optional.of(pending(row, null)));
            }
            return sql.preparedQuery(ATTACHMENTS).execute(Tuple.of(agencyId, id)).map(files -> {
                Map<String, String> headers = new HashMap<>();
                row.getJsonObject("headers").forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
                List<Attachment> attachments = new ArrayList<>();
                files.forEach(f -> attachments.add(new Attachment(f.getString("name"), f.getString("content_type"),
                        f.getBuffer("data").getBytes())));
                return Optional.of(pending(row, new Email(row.getString("recipient"), row.getString("subject"),
                        row.getString("body_text"), row.getString("body_html"), headers, attachments)));
            });
        });
    }

    private static Pending pending(Row row, Email email) {
        return new Pending(row.getUUID("id"), row.getString("channel"), row.getString("kind"),
                row.getString("recipient"), email, row.getString("payload"), row.getString("webhook_url"),
                row.getString("webhook_secret"), row.getInteger("attempts"), row.getInteger("max_attempts"));
    }

    /** Logs an attempt and settles the delivery: delivered, due again after {@code retryInMs}, or failed for good. */
    static Future<Void> settle(SqlConnection sql, UUID agencyId, UUID id, int attempt, Integer status, String error,
                               int durationMs, Outcome outcome, long retryInMs) {
        String cut = error == null ? null : error.length() > 1000 ? error.substring(0, 999) + "…" : error;
        Future<?> logged = sql.preparedQuery(ATTEMPT).execute(Tuple.of(agencyId, id, attempt, status, cut, durationMs));
        return logged.compose(done -> switch (outcome) {
            case DELIVERED -> sql.preparedQuery(DELIVERED).execute(Tuple.of(agencyId, id, status));
            case RETRY -> sql.preparedQuery(RETRY).execute(Tuple.of(agencyId, id, status, cut, retryInMs));
            case FAILED -> sql.preparedQuery(FAILED).execute(Tuple.of(agencyId, id, status, cut));
        }).compose(settled -> outcome == Outcome.RETRY ? Future.succeededFuture()
                : sql.preparedQuery(DROP_ATTACHMENTS).execute(Tuple.of(agencyId, id))).mapEmpty();
    }

    /** Deletes the deliveries of every agency settled more than {@code keepDays} ago; how many. */
    static Future<Long> prune(SqlConnection sql, int keepDays) {
        return sql.preparedQuery(PRUNE).execute(Tuple.of(keepDays)).map(rows -> rows.iterator().next().getLong("gone"));
    }

    /** How an attempt ends for its delivery. */
    enum Outcome { DELIVERED, RETRY, FAILED }

    /** The agency's deliveries newest first (of one state, of one webhook, when given), each with its attempts. */
    public static Future<List<Delivery>> list(SqlConnection sql, UUID agencyId, String state, UUID webhookId,
                                              int limit) {
        return sql.preparedQuery(LIST).execute(Tuple.of(agencyId, state, webhookId, limit)).compose(rows -> {
            List<Row> found = new ArrayList<>();
            rows.forEach(found::add);
            UUID[] ids = found.stream().map(r -> r.getUUID("id")).toArray(UUID[]::new);
            return sql.preparedQuery(ATTEMPTS_OF).execute(Tuple.of(agencyId, (Object) ids)).map(attemptRows -> {
                Map<UUID, List<Attempt>> log = new HashMap<>();
                attemptRows.forEach(a -> log.computeIfAbsent(a.getUUID("outbox_id"), k -> new ArrayList<>())
                        .add(new Attempt(a.getInteger("attempt"), a.getOffsetDateTime("at"), a.getInteger("status"),
                                a.getString("error"), a.getInteger("duration_ms"))));
                List<Delivery> deliveries = new ArrayList<>();
                for (Row r : found) {
                    String recipient = r.getString("recipient");
                    deliveries.add(new Delivery(r.getUUID("id"), r.getString("channel"), r.getString("kind"),
                            r.getUUID("client_id"), r.getUUID("webhook_id"),
                            "webhook".equals(r.getString("channel")) ? WebhookUrls.redact(recipient) : recipient,
                            r.getString("subject"), r.getString("state"), r.getInteger("attempts"),
                            r.getInteger("max_attempts"), r.getInteger("last_status"), r.getString("last_error"),
                            r.getOffsetDateTime("created_at"), r.getOffsetDateTime("delivered_at"),
                            r.getOffsetDateTime("next_attempt_at"), log.getOrDefault(r.getUUID("id"), List.of())));
                }
                return deliveries;
            });
        });
    }
}
