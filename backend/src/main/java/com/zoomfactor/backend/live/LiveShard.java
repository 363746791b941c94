package com.zoomfactor.backend.live;

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

    /** Keeps this loop's presence rows fresh, one statement per agency. */
    private void heartbeat() {
        Map<UUID, List<UUID>> byAgency = new HashMap<>();
        for (LiveSession session : sessions) {
            if (session.caller().isPerson() && !session.watchedClients().isEmpty()) {
                byAgency.computeIfAbsent(session.caller().caller().agencyId(), a -> new ArrayList<>()).add(session.id());
            }
        }
        byAgency.forEach(hub.presence()::heartbeat);
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

    void post(LiveEvents.Event event, String text) {
        context.runOnContext(ignored -> {
            Set<LiveSession.Subscription> watching = byClient.get(event.clientId());
            if (watching != null) {
                // a copy: delivering may close a slow socket, which unsubscribes it
                for (LiveSession.Subscription subscription : List.copyOf(watching)) {
                    subscription.onEvent(event, text);
                }
            }
        });
    }

    void resync() {
        context.runOnContext(ignored -> byClient.values().forEach(set -> List.copyOf(set)
                .forEach(LiveSession.Subscription::catchUp)));
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
