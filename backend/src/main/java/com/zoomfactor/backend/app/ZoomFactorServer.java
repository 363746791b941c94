package com.zoomfactor.backend.app;

import com.zoomfactor.backend.alerts.AlertEvaluator;
import com.zoomfactor.backend.alerts.AlertWatcher;
import com.zoomfactor.backend.config.AppConfig;
import com.zoomfactor.backend.db.Database;
import com.zoomfactor.backend.events.ChangeStream;
import com.zoomfactor.backend.goals.GoalWatcher;
import com.zoomfactor.backend.app.HttpServerVerticle;
import com.zoomfactor.backend.http.InFlight;
import com.zoomfactor.backend.live.LiveHub;
import com.zoomfactor.backend.live.LiveRelay;
import com.zoomfactor.backend.notifications.DigestScheduler;
import com.zoomfactor.backend.schedules.ReportScheduler;
import com.zoomfactor.backend.outbox.DeliveryWorker;
import com.zoomfactor.backend.outbox.Outbox;
import com.zoomfactor.backend.scores.ScoreRecomputer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole product in one object: database (embedded or external, migrated), the score recomputer and the alert
 * watcher, then the HTTP server. Stopping reverses the order: stop accepting and drain requests, stop the recomputer
 * and the watcher, close the pool, stop the embedded database.
 */
public final class ZoomFactorServer {

    private static final Logger LOG = LoggerFactory.getLogger(ZoomFactorServer.class);

    /** HTTP verticles: one per core, so that request handling is not bound to a single event loop. */
    static final int HTTP_INSTANCES = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final AppConfig config;
    private final Vertx vertx = Vertx.vertx();
    private volatile Database database;
    private volatile String deploymentId;
    private volatile String recomputerId;
    private volatile String watcherId;
    private volatile String goalWatcherId;
    private volatile LiveRelay relay;
    private volatile LiveHub live;
    private volatile Services services;
    private volatile int port = -1;
    private volatile DeliveryWorker deliveries;
    private volatile DigestScheduler digests;
    private volatile ReportScheduler schedules;
    private Future<Void> stopping;

    public ZoomFactorServer(AppConfig config) {
        this.config = config;
    }

    /** Completes with the port the server listens on. */
    public Future<Integer> start() {
        return Database.open(vertx, config).compose(opened -> {
            database = opened;
            return Services.create(vertx, config, opened.pool());
        }).compose(services -> vertx.deployVerticle(new ScoreRecomputer(services.scores(), services.tenancy())).map(id -> {
            recomputerId = id;
            return services;
        })).compose(services -> vertx.deployVerticle(new AlertWatcher(new AlertEvaluator(vertx, services.tenancy(),
                        services.outbox()),
                        services.tenancy()))
                .map(id -> {
                    watcherId = id;
                    return services;
                })).compose(services -> vertx.deployVerticle(new GoalWatcher(services.tenancy(), services.outbox()))
                .map(id -> {
                    goalWatcherId = id;
                    return services;
                })).compose(services -> {
            // the recomputer and the watcher hear every commit through the relay, and catch up when it listens
            services.live().observe(new ChangeStream(vertx));
            return LiveRelay.start(vertx, database.connectOptions(), services.live()).map(started -> {
                live = services.live();
                relay = started;
                this.services = services;
                return services;
            });
        }).compose(services -> {
            // one HTTP verticle per event loop core; they share one listening port (a random one when the
            // configured port is 0: Vert.x shares "negative" ports between instances)
            int listenOn = config.port() == 0 ? -1 : config.port();
            List<HttpServerVerticle> instances = new CopyOnWriteArrayList<>();
            InFlight inFlight = new InFlight();
            DeploymentOptions options = new DeploymentOptions().setInstances(HTTP_INSTANCES);
            return vertx.deployVerticle(() -> {
                HttpServerVerticle http = new HttpServerVerticle(listenOn, services, inFlight);
                instances.add(http);
                return http;
            }, options).map(id -> {
                deploymentId = id;
                port = instances.get(0).actualPort();
                return port;
            });
        }).compose(listening -> {
            // imports a stopped server left unfinished run again from their files (their transactions wrote nothing)
            services.imports().resumeUnfinished().onFailure(failure ->
                    LOG.warn("Unfinished imports could not be resumed now: {}", failure.getMessage()));
            // the outbox's deliveries (what a stopped server left pending among them) and the daily digests
            deliveries = new DeliveryWorker(vertx, services.tenancy(), services.outbox(), config);
            deliveries.start();
            digests = new DigestScheduler(vertx, services.tenancy(), services.outbox());
            digests.start();
            schedules = new ReportScheduler(vertx, services.tenancy(), services.scheduledReports());
            schedules.start();
            // the tracker's storage for this month and the next two, and its periodic daily metrics
            return services.tracking().start().map(listening);
        });
    }

    /** Idempotent: every call returns the same stop. */
    public synchronized Future<Void> stop() {
        if (stopping == null) {
            long started = System.nanoTime();
            if (services != null) {
                services.imports().stop(); // an import under way is resumed at the next start
                services.tracking().stop();
            }
            Future<Void> undeployed = (deploymentId == null ? Future.<Void>succeededFuture() : vertx.undeploy(deploymentId))
                    // recomputations under way finish on the pool before it closes
                    .transform(http -> stopRecomputer().transform(ignored -> (Future<Void>) http))
                    // so do the deliveries and digests under way: a graceful stop repeats none of them
                    .transform(http -> stopDeliveries().transform(ignored -> (Future<Void>) http));
            // not bound to an event loop: the loops are gone by the time Vert.x has closed
            Promise<Void> stopped = Promise.promise();
            undeployed
                    .andThen(done -> LOG.info("HTTP server stopped after {} ms", elapsedMs(started)))
                    .transform(ignored -> database == null ? Future.<Void>succeededFuture() : database.close(vertx))
                    .andThen(done -> LOG.info("Database closed after {} ms", elapsedMs(started)))
                    .onComplete(drained -> vertx.close().onComplete(closed ->
                            stopped.handle(drained.failed() ? drained.mapEmpty() : closed)));
            stopping = stopped.future();
        }
        return stopping;
    }

    /**
     * Stops the score recomputer and the alert and goal watchers, and nothing else: what a server that died between a commit and
     * its recomputation leaves behind (tests of the change stream's catch-up and of work done by another instance).
     */
    public Future<Void> stopBackgroundWork() {
        String recomputer = recomputerId;
        String watcher = watcherId;
        String goals = goalWatcherId;
        recomputerId = null;
        watcherId = null;
        goalWatcherId = null;
        return (recomputer == null ? Future.<Void>succeededFuture() : vertx.undeploy(recomputer))
                .compose(done -> watcher == null ? Future.<Void>succeededFuture() : vertx.undeploy(watcher))
                .compose(done -> goals == null ? Future.<Void>succeededFuture() : vertx.undeploy(goals));
    }

    private Future<Void> stopRecomputer() {
        Future<Void> relayClosed = relay == null ? Future.succeededFuture() : relay.close();
        return relayClosed
                .transform(closed -> recomputerId == null ? Future.succeededFuture() : vertx.undeploy(recomputerId))
                // evaluations under way (woken by the recomputer's last scores too) finish before the pool closes
                .transform(undeployed -> watcherId == null ? Future.succeededFuture() : vertx.undeploy(watcherId))
                .transform(undeployed -> goalWatcherId == null ? Future.succeededFuture()
                        : vertx.undeploy(goalWatcherId));
    }

    private Future<Void> stopDeliveries() {
        Future<Void> schedulesStopped = schedules == null ? Future.succeededFuture() : schedules.stop();
        Future<Void> digestsStopped = schedulesStopped.transform(done -> digests == null ? Future.succeededFuture()
                : digests.stop());
        return digestsStopped.transform(done -> deliveries == null ? Future.succeededFuture() : deliveries.stop());
    }

    /** The outbox: its pacing and clock (tests shorten the waits and move to the digest's hour). */
    public Outbox outbox() {
        return services.outbox();
    }

    /** The daily digests (tests run a look at once rather than wait for the next). */
    public DigestScheduler digests() {
        return digests;
    }

    /** The scheduled reports (tests run a look at once, on the outbox's clock, rather than wait for the next). */
    public ReportScheduler reportSchedules() {
        return schedules;
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    public int port() {
        return port;
    }

    public Pool pool() {
        return database.pool();
    }

    /** The server's Vert.x: its event bus carries the change events. */
    public Vertx vertx() {
        return vertx;
    }

    /** This instance's live dashboards. */
    public LiveHub live() {
        return live;
    }

    /** How many times this server ran the score engine (tests count recomputations with it). */
    public long scoreEngineRuns() {
        return services.scores().engineRuns();
    }

    /** The tracker: its clock, event store and daily metrics (tests script time with it). */
    public com.zoomfactor.backend.tracking.Tracking tracking() {
        return services.tracking();
    }

    public AppConfig config() {
        return config;
    }
}
