package com.zoomfactor.backend.live;

import com.zoomfactor.backend.events.EventStore;

import com.zoomfactor.backend.auth.Caller;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live sockets of one event loop and what they watch. Touched only on its own context: events from elsewhere are
 * posted to it, one task per event for all of its sockets.
 */
public final class LiveShard {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveShard.class);

    static final int RESYNC_BATCH = 8;
    static final long RESYNC_PAUSE_MS = 20;

    private final LiveHub hub;
    private final Context context;
    private final Set<LiveSession> sessions = new LinkedHashSet<>();
    private final Map<UUID, Set<LiveSession.Subscription>> byClient = new HashMap<>();
    private final AtomicInteger socketCount = new AtomicInteger();

    private final long heartbeat;

    LiveShard(LiveHub hub, Context context) {
        this.hub = hub;
        this.context = context;
        this.heartbeat = context.owner().setPeriodic(Presence.HEARTBEAT_MS, tick -> context.runOnContext(ignored ->
                heartbeat()));
    }

    /**
     * Every {@link Presence#HEARTBEAT_MS}: keeps this loop's presence rows fresh (one statement per agency), and
     * checks each holder's access again (once per person or token), so that a removed member or a revoked token loses
     * the live channel too.
     */
    void heartbeat() {
        Map<UUID, List<Presence.Look>> looks = new HashMap<>();
        Map<LiveTickets.Holder, List<LiveSession>> holders = new HashMap<>();
        for (LiveSession session : sessions) {
            session.ping();
            Caller caller = session.caller().caller();
            UUID person = session.caller().personId();
            for (UUID clientId : session.presentAt()) {
                looks.computeIfAbsent(caller.agencyId(), a -> new ArrayList<>())
                        .add(new Presence.Look(session.id(), clientId, person));
            }
            UUID token = caller instanceof Caller.Machine m ? m.tokenId() : null;
            holders.computeIfAbsent(new LiveTickets.Holder(caller.agencyId(), person, token), h -> new ArrayList<>())
                    .add(session);
        }
        looks.forEach(hub.presence()::heartbeat);
        holders.forEach((holder, held) -> hub.authenticator()
                .recheck(holder.agencyId(), holder.personId(), holder.tokenId())
                .onComplete(now -> context.runOnContext(ignored -> held.forEach(session -> session.recheckedAs(now)))));
    }

    Context context() {
        return context;
    }

    LiveHub hub() {
        return hub;
    }

    int sockets() {
        return socketCount.get();
    }

    void post(EventStore.Event event, String text) {
        context.runOnContext(ignored -> {
            Set<LiveSession.Subscription> watching = byClient.get(event.clientId());
            if (watching != null) {
                // a copy: delivering may close a slow socket, which unsubscribes it
                for (LiveSession.Subscription subscription : List.copyOf(watching)) {
                    try {
                        subscription.onEvent(event, text);
                    } catch (RuntimeException e) {
                        // one socket's trouble must not cost its neighbours the event
                        LOG.warn("Delivering live event {} of client {} failed", event.seq(), event.clientId(), e);
                    }
                }
            }
        });
    }

    /** After the relay reconnected: every subscription catches up, a few at a time so as not to flood the pool. */
    void resync() {
        context.runOnContext(ignored -> {
            java.util.Deque<LiveSession.Subscription> all = new java.util.ArrayDeque<>();
            byClient.values().forEach(all::addAll);
            resyncSome(all);
        });
    }

    private void resyncSome(java.util.Deque<LiveSession.Subscription> left) {
        for (int i = 0; i < RESYNC_BATCH && !left.isEmpty(); i++) {
            left.poll().catchUp();
        }
        if (!left.isEmpty()) {
            context.owner().setTimer(RESYNC_PAUSE_MS, next -> context.runOnContext(ignored -> resyncSome(left)));
        }
    }

    /** The subscriptions of one client catch up (its event could not be read when announced). */
    void catchUp(UUID clientId) {
        context.runOnContext(ignored -> {
            Set<LiveSession.Subscription> watching = byClient.get(clientId);
            if (watching != null) {
                List.copyOf(watching).forEach(LiveSession.Subscription::catchUp);
            }
        });
    }

    void added(LiveSession session) {
        sessions.add(session);
        socketCount.incrementAndGet();
    }

    void removed(LiveSession session) {
        if (sessions.remove(session)) {
            socketCount.decrementAndGet();
        }
    }

    void watch(LiveSession.Subscription subscription) {
        byClient.computeIfAbsent(subscription.clientId(), id -> new LinkedHashSet<>()).add(subscription);
    }

    void unwatch(LiveSession.Subscription subscription) {
        Set<LiveSession.Subscription> set = byClient.get(subscription.clientId());
        if (set != null && set.remove(subscription) && set.isEmpty()) {
            byClient.remove(subscription.clientId());
        }
    }

    /** Every socket of this loop, e.g. to close them all when the server stops. */
    List<LiveSession> sessions() {
        return new ArrayList<>(sessions);
    }

    /** Closes this loop's sockets ("going away": the dashboards reconnect, to another instance if there is one). */
    public void closeAll() {
        context.owner().cancelTimer(heartbeat);
        sessions().forEach(session -> session.close((short) 1001, "The server is restarting"));
        hub.remove(this);
    }
}
