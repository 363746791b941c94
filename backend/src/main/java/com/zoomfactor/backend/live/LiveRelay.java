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
    static final long PROBE_MS = 15_000;
    static final long PROBE_TIMEOUT_MS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(LiveRelay.class);

    private final PgSubscriber subscriber;
    private final AtomicBoolean everSubscribed = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile long probe = -1;
    private Vertx vertx;

    private LiveRelay(PgSubscriber subscriber) {
        this.subscriber = subscriber;
    }

    public static Future<LiveRelay> start(Vertx vertx, PgConnectOptions options, LiveHub hub) {
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(attempt -> RECONNECT_MS);
        LiveRelay relay = new LiveRelay(subscriber);
        relay.vertx = vertx;
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
        return subscriber.connect().map(connected -> {
            relay.probe = vertx.setPeriodic(PROBE_MS, tick -> relay.probe());
            return relay;
        });
    }

    /**
     * Asks the listening connection a trivial question now and then: one that does not answer in time is closed, and
     * the subscriber reconnects (and the dashboards catch up) as after any loss.
     */
    private void probe() {
        io.vertx.pgclient.PgConnection connection = subscriber.actualConnection();
        if (connection == null || closing.get()) {
            return;
        }
        io.vertx.core.Promise<Void> answered = io.vertx.core.Promise.promise();
        connection.query("SELECT 1").execute().<Void>mapEmpty().onComplete(answered);
        answered.future().timeout(PROBE_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
                .onFailure(silent -> {
                    if (!closing.get()) {
                        LOG.warn("Live relay's connection does not answer; reconnecting");
                        connection.close();
                    }
                });
    }

    public Future<Void> close() {
        closing.set(true);
        if (probe >= 0) {
            vertx.cancelTimer(probe);
        }
        return subscriber.close();
    }
}
