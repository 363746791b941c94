package com.zoomfactor.backend.live;

import com.zoomfactor.backend.events.EventStore;
import com.zoomfactor.backend.health.HealthStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to the live channel of the database on a connection of its own, so that a change committed through any
 * instance reaches the dashboards of every instance. When the database goes away it reconnects, without end, after
 * {@link #RECONNECT_MS}, then twice that and so on up to {@link #MAX_RECONNECT_MS}; once it listens again, every
 * subscription reads from the stored events what was committed meanwhile (or is told to reset if that was pruned).
 */
public final class LiveRelay {

    static final long RECONNECT_MS = 100;
    static final long MAX_RECONNECT_MS = 5_000;
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
                .reconnectPolicy(LiveRelay::reconnectDelay);
        LiveRelay relay = new LiveRelay(subscriber);
        relay.vertx = vertx;
        subscriber.channel(EventStore.CHANNEL)
                .subscribeHandler(listening -> {
                    // the end of this connection is reported to the subscriber, which reconnects; not to stderr
                    io.vertx.pgclient.PgConnection connection = subscriber.actualConnection();
                    if (connection != null) {
                        connection.exceptionHandler(failure -> LOG.debug("Live relay's connection failed: {}",
                                com.zoomfactor.backend.db.DatabaseUnavailable.reason(failure)));
                    }
                    if (relay.everSubscribed.getAndSet(true)) {
                        LOG.info("Live relay listening again: dashboards catch up");
                        hub.resync();
                    }
                    // the stream's consumers read back what was committed before (at start) or meanwhile
                    hub.listening();
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

    /** The pause before reconnect attempt {@code attempt} (0 right after the loss): doubling, capped. */
    static long reconnectDelay(int attempt) {
        if (attempt == 0) {
            LOG.warn("Live relay lost its database connection: reconnecting");
        }
        return Math.min(MAX_RECONNECT_MS, RECONNECT_MS << Math.min(attempt, 16));
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
        HealthStore.ping(connection).onComplete(answered);
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
