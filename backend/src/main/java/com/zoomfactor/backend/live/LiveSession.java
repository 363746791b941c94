package com.zoomfactor.backend.live;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.clients.ClientScope;
import com.zoomfactor.backend.http.ApiException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dashboard's WebSocket: its subscriptions, each resumed without gaps or repeats, and its outbound queue, which
 * is bounded: a socket that cannot keep up has its superseded score updates dropped, and is closed past the bound
 * (it reconnects and resumes). Lives on its shard's event loop.
 */
final class LiveSession {

    static final int MAX_SUBSCRIPTIONS = 1_000;
    /** Messages, and bytes of them, waiting for a slow socket before it is cut off. */
    static final int MAX_PENDING = 1_000;
    static final long MAX_PENDING_CHARS = 1024 * 1024;
    /** Bytes Vert.x may buffer for a socket before its queue counts as full. */
    static final int WRITE_QUEUE_BYTES = 64 * 1024;
    static final int REPLAY_PAGE = 1_000;
    /** Close code for a socket that could not keep up (private-use range). */
    static final short TOO_SLOW = 4008;

    private static final Logger LOG = LoggerFactory.getLogger(LiveSession.class);

    private final UUID id = UUID.randomUUID();
    private final LiveShard shard;
    private final ServerWebSocket socket;
    private final LiveCaller caller;
    private final Presence presence;
    private final Map<UUID, Subscription> subscriptions = new HashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private long pendingChars;
    private boolean closed;

    private record Pending(UUID clientId, String kind, String text) {
    }

    LiveSession(LiveShard shard, ServerWebSocket socket, LiveCaller caller) {
        this.shard = shard;
        this.socket = socket;
        this.caller = caller;
        this.presence = shard.hub().presence();
        socket.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
        socket.textMessageHandler(this::onMessage);
        socket.binaryMessageHandler(ignored -> send(null, null, LiveMessages.error("Send JSON text messages", null)));
        socket.drainHandler(ignored -> flush());
        socket.closeHandler(ignored -> closed());
        socket.exceptionHandler(failure -> LOG.debug("Live socket {} failed", id, failure));
        shard.added(this);
    }

    UUID id() {
        return id;
    }

    LiveCaller caller() {
        return caller;
    }

    // ------------------------------------------------------------------------------------------------ messages in

    private void onMessage(String text) {
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
                    subscribe(clientId, message.getValue("since"));
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

    private void subscribe(UUID clientId, Object sinceValue) {
        Long since = null;
        if (sinceValue != null) {
            if (!(sinceValue instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0) {
                send(null, null, LiveMessages.error("since must be a non-negative whole number", clientId));
                return;
            }
            since = n.longValue();
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
        if (previous != null) {
            previous.end();
        }
        Subscription subscription = new Subscription(clientId);
        subscriptions.put(clientId, subscription);
        subscription.start(since);
    }

    // ----------------------------------------------------------------------------------------------- messages out

    /** Sends now, or queues behind a full socket; {@code kind} "score" replaces a queued score of the same client. */
    private void send(UUID clientId, String kind, String text) {
        if (closed) {
            return;
        }
        if (pending.isEmpty() && !socket.writeQueueFull()) {
            socket.writeTextMessage(text);
            return;
        }
        if (LiveEvents.SCORE.equals(kind)) {
            // a newer score supersedes one still waiting: the dashboard only needs the latest
            pending.removeIf(p -> {
                boolean superseded = LiveEvents.SCORE.equals(p.kind()) && p.clientId().equals(clientId);
                if (superseded) {
                    pendingChars -= p.text().length();
                }
                return superseded;
            });
        }
        pending.add(new Pending(clientId, kind, text));
        pendingChars += text.length();
        if (pending.size() > MAX_PENDING || pendingChars > MAX_PENDING_CHARS) {
            LOG.info("Closing live socket {}: {} messages waiting, it cannot keep up", id, pending.size());
            close(TOO_SLOW, "Too slow: reconnect and resume");
        }
    }

    private void flush() {
        while (!closed && !pending.isEmpty() && !socket.writeQueueFull()) {
            String text = pending.poll().text();
            pendingChars -= text.length();
            socket.writeTextMessage(text);
        }
    }

    void close(short code, String reason) {
        if (!closed) {
            pending.clear();
            pendingChars = 0;
            socket.close(code, reason);
            closed();
        }
    }

    private void closed() {
        if (closed) {
            return;
        }
        closed = true;
        pending.clear();
        subscriptions.values().forEach(Subscription::end);
        subscriptions.clear();
        shard.removed(this);
    }

    /** Runs the continuation on this session's event loop, whichever thread completed the future. */
    private <T> void onLoop(Future<T> future, Handler<AsyncResult<T>> then) {
        future.onComplete(result -> shard.context().runOnContext(ignored -> then.handle(result)));
    }

    // -------------------------------------------------------------------------------------------- subscriptions

    /**
     * One watched client. Events are delivered strictly in seq order: an event that arrives early (a gap) or while
     * the subscription reads the stored events is held, and the gap is read from the database, where every
     * announced event already is.
     */
    final class Subscription {
        private final UUID clientId;
        private long lastSeq = -1;
        private boolean catchingUp = true;
        private boolean ended;
        private final TreeMap<Long, Held> held = new TreeMap<>();

        private record Held(LiveEvents.Event event, String text) {
        }

        Subscription(UUID clientId) {
            this.clientId = clientId;
        }

        UUID clientId() {
            return clientId;
        }

        void start(Long since) {
            UUID agencyId = caller.caller().agencyId();
            onLoop(shard.hub().tenancy().inAgency(agencyId, sql -> ClientScope.require(sql, agencyId, clientId)
                    .compose(exists -> LiveEvents.position(sql, agencyId, clientId))), found -> {
                if (ended) {
                    return;
                }
                if (found.failed()) {
                    subscriptions.remove(clientId, this);
                    ended = true;
                    boolean missing = found.cause() instanceof ApiException e && e.status() == 404;
                    if (!missing) {
                        LOG.warn("Subscribing to client {} failed", clientId, found.cause());
                    }
                    send(null, null, LiveMessages.error(missing ? ClientScope.NOT_FOUND
                            : "Could not subscribe: try again", clientId));
                    return;
                }
                LiveEvents.Position position = found.result();
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
                if (caller.isPerson()) {
                    presence.join(id, caller, clientId);
                }
                catchUp();
            });
        }

        void onEvent(LiveEvents.Event event, String text) {
            if (ended || event.seq() <= lastSeq) {
                return; // already delivered (replayed, or announced twice)
            }
            if (!catchingUp && event.seq() == lastSeq + 1) {
                deliver(event, text);
                return;
            }
            held.put(event.seq(), new Held(event, text));
            if (!catchingUp) {
                catchUp();
            }
        }

        /** Reads the stored events after lastSeq, then releases the held ones that follow on. */
        void catchUp() {
            if (ended) {
                return;
            }
            catchingUp = true;
            UUID agencyId = caller.caller().agencyId();
            long from = lastSeq;
            onLoop(shard.hub().tenancy().inAgency(agencyId,
                    sql -> LiveEvents.since(sql, agencyId, clientId, from, REPLAY_PAGE)), read -> {
                if (ended) {
                    return;
                }
                if (read.failed()) {
                    LOG.warn("Reading live events of client {} failed; retrying", clientId, read.cause());
                    shard.context().owner().setTimer(1_000, retry -> catchUp());
                    return;
                }
                for (LiveEvents.Event event : read.result()) {
                    if (event.seq() > lastSeq) {
                        deliver(event, LiveMessages.event(event));
                    }
                }
                if (read.result().size() == REPLAY_PAGE) {
                    catchUp();
                    return;
                }
                Iterator<Map.Entry<Long, Held>> it = held.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<Long, Held> next = it.next();
                    if (next.getKey() <= lastSeq) {
                        it.remove();
                    } else if (next.getKey() == lastSeq + 1) {
                        deliver(next.getValue().event(), next.getValue().text());
                        it.remove();
                    } else {
                        break;
                    }
                }
                catchingUp = false;
                if (!held.isEmpty()) {
                    // announced but not yet visible to our read (or the read raced it): read again shortly
                    catchingUp = true;
                    shard.context().owner().setTimer(read.result().isEmpty() ? 50 : 1, again -> catchUp());
                }
            });
        }

        private void deliver(LiveEvents.Event event, String text) {
            lastSeq = event.seq();
            send(clientId, event.kind(), text);
        }

        void end() {
            if (ended) {
                return;
            }
            ended = true;
            held.clear();
            shard.unwatch(this);
            if (caller.isPerson() && lastSeq >= 0) {
                presence.leave(id, caller, clientId);
            }
        }
    }

    /** The subscriptions of this socket (for presence heartbeats). */
    List<UUID> watchedClients() {
        return List.copyOf(subscriptions.keySet());
    }
}
