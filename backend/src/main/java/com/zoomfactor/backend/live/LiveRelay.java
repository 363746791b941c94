package com.zoomfactor.backend.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to the live channel of the database on a connection of its own, so that a change committed through any
 * instance reaches the dashboards of every instance. When the database goes away it reconnects (every half second),
 * and then every subscription reads what it may have missed meanwhile.
 */
public final class LiveRelay {

    static final long RECONNECT_MS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(LiveRelay.class);

    private final PgSubscriber subscriber;
    private final AtomicBoolean everSubscribed = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();

    private LiveRelay(PgSubscriber subscriber) {
        this.subscriber = subscriber;
    }

    public static Future<LiveRelay> start(Vertx vertx, PgConnectOptions options, LiveHub hub) {
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(attempt -> RECONNECT_MS);
        LiveRelay relay = new LiveRelay(subscriber);
        subscriber.channel(LiveEvents.CHANNEL)
                .subscribeHandler(listening -> {
                    if (relay.everSubscribed.getAndSet(true)) {
                        LOG.info("Live relay listening again: dashboards catch up");
                        hub.resync();
                    }
                })
                .handler(hub::onNotification);
        subscriber.closeHandler(closed -> {
            if (!relay.closing.get()) {
                LOG.warn("Live relay closed");
            }
        });
        return subscriber.connect().map(relay);
    }

    public Future<Void> close() {
        closing.set(true);
        return subscriber.close();
    }
}
