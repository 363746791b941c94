package com.zoomfactor.backend.live;

import com.zoomfactor.backend.events.CommitObserver;

import com.zoomfactor.backend.events.EventStore;

import com.zoomfactor.backend.auth.Authenticator;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.DatabaseUnavailable;
import com.zoomfactor.backend.db.Tenancy;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the events every instance hears (see {@link LiveRelay}) out to this instance's dashboards. The sockets live on
 * several event loops; each loop has one {@link LiveShard} and gets one task per event, and each event is encoded
 * once, whatever the number of sockets watching.
 */
public final class LiveHub {

    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);

    /**
     * Live sockets one person (across their tabs and agencies), or one API token, may hold open at once on this
     * instance; a further handshake is refused with 429 until one of them closes.
     */
    static final int MAX_SOCKETS_PER_HOLDER = 10;

    /** Open sockets (and handshakes under way) per holder: "person:<id>" or "token:<id>". */
    private final Map<String, Integer> openPerHolder = new ConcurrentHashMap<>();

    private final Tenancy tenancy;
    private final Authenticator authenticator;
    private final Presence presence;
    private final List<LiveShard> shards = new CopyOnWriteArrayList<>();
    /**
     * Per client, the last announcement still being handed on: events whose data must be read first would otherwise
     * overtake each other and make every dashboard read the gap again.
     */
    private final java.util.Map<UUID, Future<?>> inOrder = new java.util.concurrent.ConcurrentHashMap<>();

    /** The largest message a dashboard may send on the live socket (a larger one closes it with 1009). */
    public static final int MAX_MESSAGE_BYTES = 4096;

    private final List<CommitObserver> observers = new CopyOnWriteArrayList<>();

    public LiveHub(Tenancy tenancy, Authenticator authenticator) {
        this.tenancy = tenancy;
        this.authenticator = authenticator;
        this.presence = new Presence(tenancy);
    }

    /** Adds a consumer of the change stream (the score recomputer's and the alert watcher's bridge). */
    public void observe(CommitObserver observer) {
        observers.add(observer);
    }

    /** The relay listens on the channel: first after start, or again after a loss. */
    void listening() {
        observers.forEach(CommitObserver::listening);
    }

    Authenticator authenticator() {
        return authenticator;
    }

    Tenancy tenancy() {
        return tenancy;
    }

    Presence presence() {
        return presence;
    }

    /** The shard of the calling event loop (an HTTP verticle's), made on first use. */
    public synchronized LiveShard shardOf(Context context) {
        for (LiveShard shard : shards) {
            if (shard.context() == context) {
                return shard;
            }
        }
        LiveShard shard = new LiveShard(this, context);
        shards.add(shard);
        return shard;
    }

    void remove(LiveShard shard) {
        shards.remove(shard);
    }

    /** A NOTIFY payload: {agencyId, clientId, seq, kind, data}; data is null when it was too large to carry. */
    void onNotification(String payload) {
        JsonObject n;
        UUID agencyId;
        UUID clientId;
        try {
            n = new JsonObject(payload);
            agencyId = UUID.fromString(n.getString("agencyId"));
            clientId = UUID.fromString(n.getString("clientId"));
        } catch (RuntimeException e) {
            LOG.warn("Ignored a malformed live notification", e);
            return;
        }
        long seq = n.getLong("seq");
        String kind = n.getString("kind");
        observers.forEach(observer -> observer.committed(agencyId, clientId, seq, kind));
        JsonObject data = n.getJsonObject("data");
        Future<List<EventStore.Event>> events = data != null
                ? Future.succeededFuture(List.of(new EventStore.Event(agencyId, clientId, seq, kind, data)))
                // too large to carry: read it, while the client's next events wait their turn behind it
                : fetch(agencyId, clientId, seq);
        Future<?> before = inOrder.getOrDefault(clientId, Future.succeededFuture());
        Future<?> turn = before.transform(ignored -> events)
                .andThen(read -> {
                    if (read.succeeded()) {
                        read.result().forEach(this::dispatch);
                    } else {
                        if (DatabaseUnavailable.is(read.cause())) {
                            LOG.info("Could not read live event {} of client {}, the database is unavailable: its "
                                    + "watchers catch up", seq, clientId);
                        } else {
                            LOG.warn("Could not read live event {} of client {}: its watchers catch up", seq, clientId,
                                    read.cause());
                        }
                        shards.forEach(shard -> shard.catchUp(clientId));
                    }
                });
        inOrder.put(clientId, turn);
        turn.onComplete(done -> inOrder.remove(clientId, turn));
    }

    private Future<List<EventStore.Event>> fetch(UUID agencyId, UUID clientId, long seq) {
        return tenancy.inAgency(agencyId, sql -> EventStore.since(sql, agencyId, clientId, seq - 1, 1));
    }

    void dispatch(EventStore.Event event) {
        String text = LiveMessages.event(event);
        for (LiveShard shard : shards) {
            shard.post(event, text);
        }
    }

    /** After the relay lost and regained the database: every subscription reads what it may have missed. */
    void resync() {
        shards.forEach(LiveShard::resync);
    }

    /** The periodic presence refresh and access check, now (tests use it rather than wait for the period). */
    void heartbeatNow() {
        shards.forEach(shard -> shard.context().runOnContext(ignored -> shard.heartbeat()));
    }

    /**
     * Takes one of the holder's socket slots, or empty when they hold {@link #MAX_SOCKETS_PER_HOLDER} already. The slot
     * is given back once, by {@link Slot#release()}, when the socket closes or the handshake fails.
     */
    Optional<Slot> reserve(Caller caller) {
        String holder = caller instanceof Caller.Person person
                ? "person:" + person.personId()
                : "token:" + ((Caller.Machine) caller).tokenId();
        boolean[] taken = new boolean[1];
        openPerHolder.compute(holder, (key, open) -> {
            int now = open == null ? 0 : open;
            taken[0] = now < MAX_SOCKETS_PER_HOLDER;
            return taken[0] ? now + 1 : open;
        });
        return taken[0] ? Optional.of(new Slot(holder)) : Optional.empty();
    }

    /** One socket's place in its holder's count. */
    final class Slot {
        private final String holder;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String holder) {
            this.holder = holder;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                openPerHolder.computeIfPresent(holder, (key, open) -> open <= 1 ? null : open - 1);
            }
        }
    }

    public int sockets() {
        return shards.stream().mapToInt(LiveShard::sockets).sum();
    }
}
