package com.zoomfactor.backend.live;

import com.zoomfactor.backend.events.EventStore;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.auth.InvalidToken;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.db.DatabaseUnavailable;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dashboard's WebSocket: its subscriptions, each resumed without gaps or repeats, and its outbound queue, which
 * is bounded: a socket that cannot keep up has its superseded score updates dropped, and is closed past the bound
 * (it reconnects and resumes). Replays wait for the queue to drain, so resuming never trips the bound. Lives on its
 * shard's event loop.
 */
final class LiveSession {

    static final int MAX_SUBSCRIPTIONS = 1_000;
    /** Clients whose positions one read looks up when subscriptions start together. */
    static final int START_BATCH = 250;
    /** Events, and characters of them, waiting for a slow socket before it is cut off. */
    static final int MAX_PENDING = 1_000;
    static final long MAX_PENDING_CHARS = 1024 * 1024;
    /** Bytes Vert.x may buffer for a socket before its queue counts as full. */
    static final int WRITE_QUEUE_BYTES = 64 * 1024;
    /** Stored events read per query when catching up; the next page waits until these are written out. */
    static final int REPLAY_PAGE = 200;
    /** Catching up found nothing for the held events this many times (about 5 s): they will not come. */
    static final int MAX_EMPTY_READS = 100;
    /** A subscription the database could not answer (an outage) is tried again this often, until it can. */
    static final long SUBSCRIBE_RETRY_MS = 1_000;
    /** The longest pause between a waiting subscription's tries (every dashboard's, during a long outage). */
    static final long MAX_SUBSCRIBE_RETRY_MS = 5_000;

    /**
     * The pause before a subscription's next try while the database is away: doubling from
     * {@link #SUBSCRIBE_RETRY_MS} up to {@link #MAX_SUBSCRIBE_RETRY_MS}, each between half and all of that at random,
     * so that the dashboards that reconnected during an outage do not all ask again at the same moment.
     */
    static long subscribeRetryDelay(int waited) {
        long ceiling = Math.min(MAX_SUBSCRIBE_RETRY_MS, SUBSCRIBE_RETRY_MS << Math.min(waited, 16));
        return ceiling / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }
    /** Messages a dashboard may send: a burst (a portfolio subscribing to its clients), then a steady rate. */
    static final int MESSAGE_BURST = 2_000;
    static final int MESSAGES_PER_SECOND = 50;
    /** Close codes (private-use range): cannot keep up; access ended. 1008: policy (too many messages). */
    static final short TOO_SLOW = 4008;
    static final short ACCESS_ENDED = 4001;
    static final short POLICY = 1008;
    /** 1003: the dashboard sent a binary frame; the protocol is JSON text. */
    static final short UNSUPPORTED_DATA = 1003;
    /** 1009: a message over the server's WebSocket message limit ({@link LiveHub#MAX_MESSAGE_BYTES}). */
    static final short TOO_BIG = 1009;

    private static final Logger LOG = LoggerFactory.getLogger(LiveSession.class);

    private final UUID id = UUID.randomUUID();
    private final LiveShard shard;
    private final ServerWebSocket socket;
    private final Presence presence;
    /** This socket's place in its holder's count of open sockets, given back when it closes. */
    private final LiveHub.Slot slot;
    private LiveCaller caller;
    private final Map<UUID, Subscription> subscriptions = new HashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    /** Replays waiting for the queue to drain before they read their next page. */
    private final List<Subscription> waitingForDrain = new ArrayList<>();
    private int pendingEvents;
    private long pendingChars;
    private double allowance = MESSAGE_BURST;
    private long allowanceAt = System.nanoTime();
    private boolean closed;
    /** This socket's database reads, a few at a time (see {@link SessionReads}). */
    private final SessionReads reads;
    /** Subscriptions whose position is read in the next batch ({@link #startBatch}). */
    private final List<Subscription> starting = new ArrayList<>();

    private record Pending(UUID clientId, String kind, String text) {
    }

    LiveSession(LiveShard shard, ServerWebSocket socket, LiveCaller caller, LiveHub.Slot slot) {
        this.shard = shard;
        this.socket = socket;
        this.caller = caller;
        this.slot = slot;
        this.presence = shard.hub().presence();
        this.reads = new SessionReads(shard.context());
        socket.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
        socket.textMessageHandler(this::onMessage);
        // the protocol is JSON text: a binary frame is cut off at once, as an oversized text frame is
        socket.binaryMessageHandler(ignored -> {
            if (!closed) {
                LOG.info("Closing live socket {}: it sent a binary frame", id);
                close(UNSUPPORTED_DATA, "Send JSON text messages");
            }
        });
        socket.drainHandler(ignored -> flush());
        socket.closeHandler(ignored -> closed());
        socket.exceptionHandler(failure -> {
            // Vert.x reports a message over the server's limit this way (and drops it): say so and close
            if (failure instanceof IllegalStateException && String.valueOf(failure.getMessage()).contains("max message size")) {
                if (!closed) {
                    LOG.info("Closing live socket {}: it sent a message over the size limit", id);
                    close(TOO_BIG, "Messages are at most " + LiveHub.MAX_MESSAGE_BYTES + " bytes");
                }
                return;
            }
            LOG.debug("Live socket {} failed", id, failure);
        });
        shard.added(this);
    }

    UUID id() {
        return id;
    }

    LiveCaller caller() {
        return caller;
    }

    /** Clients this socket watches and shows its holder as looking at (for presence heartbeats). */
    List<UUID> presentAt() {
        return subscriptions.values().stream().filter(s -> s.present).map(Subscription::clientId).toList();
    }

    /**
     * The holder as they stand now (checked again periodically): access ended closes the socket; a narrower access
     * (a member made a client viewer) ends the subscriptions it no longer allows.
     */
    /**
     * A WebSocket ping, every heartbeat: the server closes connections idle for a minute, and a dashboard that
     * watches a quiet client would otherwise be one. The pong (or its absence) also tells us of dead peers.
     */
    void ping() {
        if (!closed && !socket.isClosed()) {
            socket.writePing(io.vertx.core.buffer.Buffer.buffer());
        }
    }

    void recheckedAs(AsyncResult<Caller> now) {
        if (closed) {
            return;
        }
        if (now.failed()) {
            if (now.cause() instanceof InvalidToken) {
                close(ACCESS_ENDED, "Your access has ended");
            }
            return; // the database did not answer: check again next time
        }
        caller = new LiveCaller(now.result(), caller.name());
        for (Subscription subscription : List.copyOf(subscriptions.values())) {
            if (!caller.caller().maySee(subscription.clientId())) {
                subscriptions.remove(subscription.clientId());
                subscription.end();
                send(null, null, LiveMessages.error(ClientScope.NOT_FOUND, subscription.clientId()));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ messages in

    private void onMessage(String text) {
        if (closed) {
            return; // frames already in flight when it was closed
        }
        if (!allowed()) {
            LOG.info("Closing live socket {}: more than {} messages a second", id, MESSAGES_PER_SECOND);
            close(POLICY, "Too many messages");
            return;
        }
        JsonObject message;
        try {
            message = new JsonObject(text);
        } catch (DecodeException e) {
            send(null, null, LiveMessages.error("Messages must be JSON objects", null));
            return;
        }
        String type = message.getValue("type") instanceof String t ? t : "";
        switch (type) {
            case "subscribe" -> {
                UUID clientId = clientId(message);
                if (clientId != null) {
                    subscribe(clientId, message.getValue("since"), message.getValue("presence"));
                }
            }
            case "unsubscribe" -> {
                UUID clientId = clientId(message);
                if (clientId != null) {
                    Subscription subscription = subscriptions.remove(clientId);
                    if (subscription != null) {
                        subscription.end();
                    }
                    send(null, null, LiveMessages.unsubscribed(clientId));
                }
            }
            case "ping" -> send(null, null, new JsonObject().put("type", "pong").encode());
            default -> send(null, null, LiveMessages.error("type must be subscribe, unsubscribe or ping", null));
        }
    }

    /** A token bucket: {@link #MESSAGE_BURST} at once, refilled at {@link #MESSAGES_PER_SECOND}. */
    private boolean allowed() {
        long now = System.nanoTime();
        allowance = Math.min(MESSAGE_BURST, allowance + (now - allowanceAt) / 1e9 * MESSAGES_PER_SECOND);
        allowanceAt = now;
        if (allowance < 1) {
            return false;
        }
        allowance--;
        return true;
    }

    private UUID clientId(JsonObject message) {
        if (!(message.getValue("clientId") instanceof String text)) {
            send(null, null, LiveMessages.error("clientId is required", null));
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            send(null, null, LiveMessages.error("clientId must be a client id (UUID)", null));
            return null;
        }
    }

    private void subscribe(UUID clientId, Object sinceValue, Object presenceValue) {
        Long since = null;
        if (sinceValue != null) {
            if (!(sinceValue instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0) {
                send(null, null, LiveMessages.error("since must be a non-negative whole number", clientId));
                return;
            }
            since = n.longValue();
        }
        if (presenceValue != null && !(presenceValue instanceof Boolean)) {
            send(null, null, LiveMessages.error("presence must be true or false", clientId));
            return;
        }
        if (!subscriptions.containsKey(clientId) && subscriptions.size() >= MAX_SUBSCRIPTIONS) {
            send(null, null, LiveMessages.error("At most " + MAX_SUBSCRIPTIONS + " subscriptions per connection",
                    clientId));
            return;
        }
        // another agency's client, or another client than a client viewer's own, answers like a missing one
        if (!caller.caller().maySee(clientId)) {
            send(null, null, LiveMessages.error(ClientScope.NOT_FOUND, clientId));
            return;
        }
        Subscription previous = subscriptions.remove(clientId);
        Future<Void> presenceBefore = Future.succeededFuture();
        if (previous != null) {
            presenceBefore = previous.end();
        }
        // a portfolio watches many clients without "looking at" each of them
        boolean present = caller.isPerson() && !Boolean.FALSE.equals(presenceValue);
        Subscription subscription = new Subscription(clientId, present, presenceBefore);
        subscriptions.put(clientId, subscription);
        subscription.start(since, 0);
    }

    // ----------------------------------------------------------------------------------------------- messages out

    /**
     * Sends now, or queues behind a full socket; {@code kind} "score" replaces a queued score of the same client.
     * Only events count against the bound: control messages are few (one per subscription at most).
     */
    private void send(UUID clientId, String kind, String text) {
        if (closed || socket.isClosed()) {
            return; // closed by the dashboard a moment ago: its close handler is on its way
        }
        if (pending.isEmpty() && !socket.writeQueueFull()) {
            socket.writeTextMessage(text);
            return;
        }
        if (EventStore.SCORE.equals(kind)) {
            // a newer score supersedes one still waiting: the dashboard only needs the latest
            pending.removeIf(p -> {
                boolean superseded = EventStore.SCORE.equals(p.kind()) && p.clientId().equals(clientId);
                if (superseded) {
                    pendingEvents--;
                    pendingChars -= p.text().length();
                }
                return superseded;
            });
        }
        pending.add(new Pending(clientId, kind, text));
        if (kind != null) {
            pendingEvents++;
            pendingChars += text.length();
        }
        if (pendingEvents > MAX_PENDING || pendingChars > MAX_PENDING_CHARS) {
            LOG.info("Closing live socket {}: {} events waiting, it cannot keep up", id, pendingEvents);
            close(TOO_SLOW, "Too slow: reconnect and resume");
        }
    }

    private void flush() {
        while (!closed && !socket.isClosed() && !pending.isEmpty() && !socket.writeQueueFull()) {
            Pending next = pending.poll();
            if (next.kind() != null) {
                pendingEvents--;
                pendingChars -= next.text().length();
            }
            socket.writeTextMessage(next.text());
        }
        if (!closed && pending.isEmpty() && !waitingForDrain.isEmpty()) {
            List<Subscription> resume = List.copyOf(waitingForDrain);
            waitingForDrain.clear();
            resume.forEach(Subscription::catchUp);
        }
    }

    void close(short code, String reason) {
        if (!closed) {
            pending.clear();
            socket.close(code, reason);
            closed();
        }
    }

    private void closed() {
        if (closed) {
            return;
        }
        closed = true;
        reads.close();
        slot.release();
        pending.clear();
        waitingForDrain.clear();
        subscriptions.values().forEach(Subscription::end);
        subscriptions.clear();
        shard.removed(this);
    }

    // -------------------------------------------------------------------------------------------- subscriptions

    /**
     * Reads the positions of the subscriptions started since the last batch, {@link #START_BATCH} clients a read:
     * a portfolio's thousand subscribe messages become a few reads rather than a thousand transactions, and none of
     * them waits seconds behind the others for its position (an event committed meanwhile would be counted as seen).
     */
    private void startBatch() {
        List<Subscription> batch = new ArrayList<>(starting);
        starting.clear();
        batch.removeIf(s -> s.ended);
        UUID agencyId = caller.caller().agencyId();
        for (int from = 0; from < batch.size(); from += START_BATCH) {
            List<Subscription> part = batch.subList(from, Math.min(batch.size(), from + START_BATCH));
            reads.run(() -> {
                List<UUID> ids = part.stream().filter(s -> !s.ended).map(Subscription::clientId).toList();
                return ids.isEmpty() ? Future.succeededFuture(Map.<UUID, EventStore.Position>of())
                        : shard.hub().tenancy().inAgency(agencyId, sql -> EventStore.positions(sql, agencyId, ids));
            }, read -> part.forEach(subscription -> subscription.started(read.map(found ->
                    Optional.ofNullable(found.get(subscription.clientId()))))));
        }
    }

    /**
     * One watched client. Events are delivered strictly in seq order: an event that arrives early (a gap) or while
     * the subscription reads the stored events is held, and the gap is read from the database, where every
     * announced event already is.
     */
    final class Subscription {
        private final UUID clientId;
        private final boolean present;
        /** Presence writes of this client by this socket, one after the other (a leave never overtakes a join). */
        private Future<Void> presenceChain;
        private long lastSeq = -1;
        /** What the subscription asked to resume from, and how often it waited for the database, until it starts. */
        private Long since;
        private int waited;
        private boolean catchingUp = true;
        private int emptyReads;
        private boolean ended;
        private final TreeMap<Long, Held> held = new TreeMap<>();
        /** Characters of the held events: they wait for this socket like queued ones, and count the same. */
        private long heldChars;

        private record Held(EventStore.Event event, String text) {
        }

        Subscription(UUID clientId, boolean present, Future<Void> presenceBefore) {
            this.clientId = clientId;
            this.present = present;
            this.presenceChain = presenceBefore;
        }

        UUID clientId() {
            return clientId;
        }

        /**
         * {@code waited}: how many times this subscription already waited for the database. The client's position is
         * read with those of the other subscriptions started in the same turn of the event loop ({@link #startBatch}).
         */
        void start(Long since, int waited) {
            this.since = since;
            this.waited = waited;
            starting.add(this);
            if (starting.size() == 1) {
                shard.context().runOnContext(ignored -> startBatch());
            }
        }

        /** The client's position was read: {@code found} empty when there is no such client (any more, or here). */
        void started(AsyncResult<Optional<EventStore.Position>> found) {
            if (ended) {
                return;
            }
            if (found.failed() && DatabaseUnavailable.is(found.cause())) {
                // the database is away for a moment: subscribe as asked once it is back, rather than make
                // every dashboard that (re)connects during an outage handle an error
                LOG.debug("Subscribing to client {} waits for the database: {}", clientId,
                        DatabaseUnavailable.reason(found.cause()));
                shard.context().owner().setTimer(subscribeRetryDelay(waited), retry -> {
                    if (!ended && !closed) {
                        start(since, waited + 1);
                    }
                });
                return;
            }
            if (found.failed() || found.result().isEmpty()) {
                subscriptions.remove(clientId, this);
                ended = true;
                if (found.failed()) {
                    LOG.warn("Subscribing to client {} failed", clientId, found.cause());
                }
                send(null, null, LiveMessages.error(found.failed() ? "Could not subscribe: try again"
                        : ClientScope.NOT_FOUND, clientId));
                return;
            }
            EventStore.Position position = found.result().get();
            shard.watch(this);
            if (since == null) {
                lastSeq = position.latest();
                send(null, null, LiveMessages.subscribed(clientId, lastSeq));
            } else if (position.canResumeFrom(since)) {
                lastSeq = since;
                send(null, null, LiveMessages.subscribed(clientId, since));
            } else {
                // too old (or from another database): the dashboard refetches and continues from here
                lastSeq = position.latest();
                send(null, null, LiveMessages.reset(clientId, lastSeq));
            }
            if (present) {
                LiveCaller who = caller;
                presenceChain = presenceChain.transform(done -> presence.join(id, who, clientId));
            }
            catchUp();
        }

        void onEvent(EventStore.Event event, String text) {
            if (ended || event.seq() <= lastSeq) {
                return; // already delivered (replayed, or announced twice)
            }
            if (!catchingUp && event.seq() == lastSeq + 1) {
                deliver(event, text);
                return;
            }
            if (held.put(event.seq(), new Held(event, text)) == null) {
                heldChars += text.length();
            }
            // a socket too far behind to catch up (its replay waits for a queue that does not drain) holds events
            // instead of queueing them: the same bound applies, or a stalled reader would hold them without end
            if (held.size() + pendingEvents > MAX_PENDING || heldChars + pendingChars > MAX_PENDING_CHARS) {
                LOG.info("Closing live socket {}: {} events held and {} waiting, it cannot keep up", id, held.size(),
                        pendingEvents);
                close(TOO_SLOW, "Too slow: reconnect and resume");
                return;
            }
            if (!catchingUp) {
                catchUp();
            }
        }

        /** Reads the stored events after lastSeq, a page at a time, then releases the held ones that follow on. */
        void catchUp() {
            if (ended || closed) {
                return;
            }
            catchingUp = true;
            if (!pending.isEmpty()) {
                // the socket is behind: read more once it has written out what it has
                if (!waitingForDrain.contains(this)) {
                    waitingForDrain.add(this);
                }
                return;
            }
            UUID agencyId = caller.caller().agencyId();
            long from = lastSeq;
            reads.run(() -> ended || closed ? Future.succeededFuture(List.<EventStore.Event>of())
                    : shard.hub().tenancy().inAgency(agencyId,
                    sql -> EventStore.since(sql, agencyId, clientId, from, REPLAY_PAGE)), read -> {
                if (ended || closed) {
                    return;
                }
                if (read.failed()) {
                    if (DatabaseUnavailable.is(read.cause())) {
                        // every subscription retries during an outage: one line each would flood the log
                        LOG.debug("Reading live events of client {} waits for the database: {}", clientId,
                                DatabaseUnavailable.reason(read.cause()));
                    } else {
                        LOG.warn("Reading live events of client {} failed; retrying", clientId, read.cause());
                    }
                    shard.context().owner().setTimer(1_000, retry -> catchUp());
                    return;
                }
                List<EventStore.Event> events = read.result();
                if (!events.isEmpty() && events.get(0).seq() > lastSeq + 1) {
                    // pruned meanwhile: say so rather than skip silently
                    lastSeq = events.get(0).seq() - 1;
                    send(null, null, LiveMessages.reset(clientId, lastSeq));
                }
                for (EventStore.Event event : events) {
                    if (event.seq() > lastSeq) {
                        deliver(event, LiveMessages.event(event));
                    }
                }
                if (events.size() == REPLAY_PAGE) {
                    catchUp();
                    return;
                }
                Iterator<Map.Entry<Long, Held>> it = held.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<Long, Held> next = it.next();
                    if (next.getKey() <= lastSeq) {
                        heldChars -= next.getValue().text().length();
                        it.remove();
                    } else if (next.getKey() == lastSeq + 1) {
                        it.remove();
                        heldChars -= next.getValue().text().length();
                        deliver(next.getValue().event(), next.getValue().text());
                        if (ended) {
                            return; // delivering closed a socket that could not keep up
                        }
                    } else {
                        break;
                    }
                }
                catchingUp = false;
                if (held.isEmpty()) {
                    emptyReads = 0;
                    return;
                }
                // announced but not yet visible to our read (or the read raced it): read again shortly
                emptyReads = events.isEmpty() ? emptyReads + 1 : 0;
                if (emptyReads > MAX_EMPTY_READS) {
                    // what is missing will not come (its client was deleted, or it was pruned): move on
                    lastSeq = held.firstKey() - 1;
                    send(null, null, LiveMessages.reset(clientId, lastSeq));
                    emptyReads = 0;
                }
                catchingUp = true;
                shard.context().owner().setTimer(events.isEmpty() ? 50 : 1, again -> catchUp());
            });
        }

        /** Every event moves the position; only those the holder's REST reads would show are sent. */
        private void deliver(EventStore.Event event, String text) {
            lastSeq = event.seq();
            if (LiveVisibility.allows(caller.caller(), event)) {
                send(clientId, event.kind(), text);
            }
        }

        /** Stops watching; completes when this socket's presence at the client has been withdrawn. */
        Future<Void> end() {
            if (ended) {
                return presenceChain;
            }
            ended = true;
            held.clear();
            heldChars = 0;
            waitingForDrain.remove(this);
            shard.unwatch(this);
            if (present && lastSeq >= 0) {
                LiveCaller who = caller;
                presenceChain = presenceChain.transform(done -> presence.leave(id, who, clientId));
            }
            return presenceChain;
        }
    }
}
