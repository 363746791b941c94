package com.zoomfactor.backend.db;

import com.zoomfactor.backend.config.AppConfig;
import com.zoomfactor.backend.config.DatabaseUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The product's database: the configured PostgreSQL, or an embedded one when none is configured; its schema
 * migrated before anyone uses it; and the connection pool the handlers share.
 */
public final class Database {

    static final int POOL_SIZE = 16;

    /**
     * The role every pooled connection works as (created by the migrations): it cannot bypass row-level
     * security, even when the configured user could. The embedded database signs in as it; an external one
     * signs in as the configured user and takes the role in the connection's startup packet, so a connection
     * that cannot take it fails to open instead of working with more rights.
     */
    public static final String APP_ROLE = "zoomfactor_app";
    /** How long a request waits for a pooled connection before it fails. */
    static final int CONNECTION_WAIT_SECONDS = 5;
    /**
     * Pooled connections are retired after this long unused, or this long in all. Vert.x drops a connection the
     * database closed (a restart) at once; these retire the ones a network silently cut, and spread reconnections.
     */
    static final int IDLE_MINUTES = 5;
    static final int MAX_LIFETIME_MINUTES = 30;

    private final Pool pool;
    private final PgConnectOptions connect;
    private final Optional<EmbeddedDatabase> embedded;

    private Database(Pool pool, PgConnectOptions connect, Optional<EmbeddedDatabase> embedded) {
        this.pool = pool;
        this.connect = connect;
        this.embedded = embedded;
    }

    /** Starts the embedded server if needed and migrates, both off the event loop, then opens the pool. */
    public static Future<Database> open(Vertx vertx, AppConfig config) {
        return vertx.executeBlocking(() -> prepare(config))
                .map(prepared -> {
                    PgConnectOptions connect = connectOptions(prepared.url());
                    return new Database(createPool(vertx, connect), connect, prepared.embedded());
                });
    }

    public Pool pool() {
        return pool;
    }

    /** Where and as whom the pool connects, for connections of their own (the live relay's LISTEN). */
    public PgConnectOptions connectOptions() {
        return new PgConnectOptions(connect);
    }

    public Tenancy tenancy() {
        return new Tenancy(pool);
    }

    /** Closes the pool, then stops the embedded server (if any) off the event loop. */
    public Future<Void> close(Vertx vertx) {
        return pool.close()
                .transform(ignored -> vertx.executeBlocking(() -> {
                    embedded.ifPresent(EmbeddedDatabase::close);
                    return null;
                }));
    }

    private record Prepared(DatabaseUrl url, Optional<EmbeddedDatabase> embedded) {
    }

    private static Prepared prepare(AppConfig config) {
        if (config.databaseUrl().isPresent()) {
            DatabaseUrl url = config.databaseUrl().get();
            Migrations.migrate(url);
            return new Prepared(url, Optional.empty());
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(config.dataDir(), config.embeddedDbPort());
        try {
            Migrations.migrate(embedded.url());
            return new Prepared(embedded.allowLogin(APP_ROLE), Optional.of(embedded));
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    private static Pool createPool(Vertx vertx, PgConnectOptions connect) {
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(POOL_SIZE).setName("zoom-factor")
                        .setConnectionTimeout(CONNECTION_WAIT_SECONDS).setConnectionTimeoutUnit(TimeUnit.SECONDS)
                        .setIdleTimeout(IDLE_MINUTES).setIdleTimeoutUnit(TimeUnit.MINUTES)
                        .setMaxLifetime(MAX_LIFETIME_MINUTES).setMaxLifetimeUnit(TimeUnit.MINUTES))
                .connectingTo(connect)
                .using(vertx)
                .build();
    }

    /** How the server connects: as the application role, under row-level security. */
    private static PgConnectOptions connectOptions(DatabaseUrl url) {
        return new PgConnectOptions()
                .setHost(url.host())
                .setPort(url.port())
                .setDatabase(url.database())
                .setUser(url.user())
                .setPassword(url.password())
                .setCachePreparedStatements(true)
                .addProperty("options", "-c role=" + APP_ROLE);
    }
}
