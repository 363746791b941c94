package com.zoomfactor.backend.events;

import com.zoomfactor.backend.db.DatabaseUnavailable;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.events.StreamPositionStore.Behind;
import com.zoomfactor.backend.events.StreamPositionStore.Position;
import com.zoomfactor.domain.live.LiveKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * One background consumer of the change stream (the score recomputer, the alert watcher): woken by the commits every
 * instance hears ({@link ChangeStream}), it keeps the kinds it cares about, settles bursts per client
 * ({@link PerClientDebouncer}), and does its work for a client in one tenant transaction that
 * <ol>
 *   <li>takes a transaction-scoped advisory lock on (consumer, client) without waiting: when another instance holds
 *       it, this one skips (and looks again a moment later); the holder looks again after its commit, so a change
 *       committed meanwhile is not missed;</li>
 *   <li>reads the client's latest seq and the consumer's position: when no wanted event came since, there is nothing
 *       to do (another instance did it), unless the work was asked for explicitly;</li>
 *   <li>does the work, and advances the position to that latest seq, in the same transaction: the work read
 *       everything committed up to it.</li>
 * </ol>
 * Whenever the relay starts listening (at start, and again after a lost connection) it reads the clients whose
 * stream moved past its position while nobody listened ({@code stream_backlog}) and queues them: a change committed
 * just before a crash is worked on after the restart, without any further write.
 *
 * @param <W> what a client's work is for, merged while it waits
 */
public final class StreamConsumer<W> {

    /** The work inside the consumer's transaction for one client. */
    @FunctionalInterface
    public interface Work<W> {
        Future<?> run(SqlConnection sql, UUID agencyId, UUID clientId, W changed);
    }

    /** Settings of a consumer. */
    public record Settings(long quietMs, long maxWaitMs, int parallel, long stopWaitMs) {
    }

    /**
     * The days changed by the wanted events this consumer has not yet worked on (see {@link #changedDays}).
     *
     * @param any   whether any such event came (or may have: some were pruned)
     * @param known whether every one of them said which days it changed; when not, {@code first} and {@code last}
     *              are null: any day may have changed
     * @param first the earliest day they changed (null: none)
     * @param last  the latest day they changed (null: none)
     */
    public record ChangedDays(boolean any, boolean known, java.time.LocalDate first, java.time.LocalDate last) {
    }

    /** A skipped client (another instance works on it) is looked at again after this long. */
    static final long BUSY_RETRY_MS = 1_000;
    /**
     * A catch-up that failed is tried again after this long, doubling up to {@link #MAX_CATCH_UP_RETRY_MS}: for as long
     * as the database is unavailable, otherwise {@link #CATCH_UP_TRIES} times in all.
     */
    static final long CATCH_UP_RETRY_MS = 500;
    static final long MAX_CATCH_UP_RETRY_MS = 10_000;
    static final int CATCH_UP_TRIES = 5;

    private enum Outcome { BUSY, CURRENT, DONE }

    private final Vertx vertx;
    private final Tenancy tenancy;
    private final String name;
    private final Set<String> wanted;
    private final String[] wantedArray;
    private final Function<Set<String>, W> wake;
    private final Predicate<W> explicit;
    private final Work<W> work;
    private final Logger log;
    private final String what;
    private final PerClientDebouncer<W> debouncer;
    private final long stopWaitMs;
    private MessageConsumer<JsonObject> consumer;
    private boolean catchingUp;
    private boolean catchUpAgain;
    private boolean stopped;

    /**
     * {@code name} is the consumer's key in stream_positions; {@code wake} turns the kinds heard into the work's
     * argument, {@code merge} merges two of those; work for which {@code explicit} holds runs even when no wanted
     * event came since the position (a refresh asked for).
     */
    public StreamConsumer(Vertx vertx, Tenancy tenancy, String name, Set<LiveKind> kinds, Function<Set<String>, W> wake,
                          BinaryOperator<W> merge, Predicate<W> explicit, Settings settings, Work<W> work, Logger log,
                          String what) {
        this.vertx = vertx;
        this.tenancy = tenancy;
        this.name = name;
        this.wanted = new HashSet<>();
        kinds.forEach(kind -> wanted.add(kind.wire()));
        this.wantedArray = wanted.stream().sorted().toArray(String[]::new);
        this.wake = wake;
        this.explicit = explicit;
        this.work = work;
        this.log = log;
        this.what = what;
        this.stopWaitMs = settings.stopWaitMs();
        this.debouncer = new PerClientDebouncer<>(vertx, settings.quietMs(), settings.maxWaitMs(), settings.parallel(),
                merge, this::run, log, what);
    }

    /** Starts hearing the stream; call from the owning verticle's start. */
    public Future<Void> start() {
        consumer = vertx.eventBus().consumer(ChangeStream.ADDRESS, message -> {
            JsonObject event = message.body();
            if (event.getBoolean("listening", false)) {
                catchUp();
            } else if (wanted.contains(event.getString("kind"))) {
                debouncer.changed(UUID.fromString(event.getString("agencyId")),
                        UUID.fromString(event.getString("clientId")), wake.apply(Set.of(event.getString("kind"))));
            }
        });
        return consumer.completion();
    }

    /** Asks for the client's work outside the stream (e.g. {@code explicit} work); from the verticle's context. */
    public void request(UUID agencyId, UUID clientId, W changed) {
        debouncer.changed(agencyId, clientId, changed);
    }

    /**
     * Inside the work's transaction (before its position advances): which days the wanted events after the position
     * changed, from the {@code firstDay} and {@code lastDay} their writers put in their data.
     */
    public Future<ChangedDays> changedDays(SqlConnection sql, UUID agencyId, UUID clientId) {
        return StreamPositionStore.changedDays(sql, name, agencyId, clientId, wantedArray);
    }

    /** Stops hearing, drops what waits and waits for the work under way (its position stays where it was). */
    public Future<Void> stop() {
        stopped = true;
        Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
        return unregistered.transform(done -> debouncer.stop(stopWaitMs));
    }

    private Future<?> run(UUID agencyId, UUID clientId, W changed) {
        return tenancy.inAgency(agencyId, sql -> StreamPositionStore.tryLock(sql, name, clientId)
                        .compose(locked -> !locked
                                ? Future.succeededFuture(Outcome.BUSY)
                                : position(sql, agencyId, clientId).compose(position -> {
                                    if (position.kinds() == null && !explicit.test(changed)) {
                                        return Future.succeededFuture(Outcome.CURRENT);
                                    }
                                    return work.run(sql, agencyId, clientId, changed)
                                            .compose(done -> position.latest() == 0 ? Future.succeededFuture()
                                                    : StreamPositionStore.advance(sql, name, agencyId, clientId,
                                                            position.latest()))
                                            .map(Outcome.DONE);
                                })))
                .compose(outcome -> switch (outcome) {
                    case BUSY -> {
                        // another instance works on this client: look again once it should be done
                        vertx.setTimer(BUSY_RETRY_MS, again -> debouncer.changed(agencyId, clientId, changed));
                        yield Future.succeededFuture();
                    }
                    case CURRENT -> Future.succeededFuture();
                    // what another instance skipped while this one held the lock was committed before this commit
                    case DONE -> tenancy.inAgency(agencyId, sql -> position(sql, agencyId, clientId))
                            .onSuccess(position -> {
                                if (position.kinds() != null) {
                                    debouncer.changed(agencyId, clientId, wake.apply(position.kinds()));
                                }
                            });
                });
    }

    private Future<Position> position(SqlConnection sql, UUID agencyId, UUID clientId) {
        return StreamPositionStore.position(sql, name, agencyId, clientId, wantedArray);
    }

    /**
     * Queues every client whose stream moved past this consumer's position: one read across agencies (ids and kind
     * names only, through the SECURITY DEFINER function), the work itself then per agency as always.
     */
    private void catchUp() {
        if (catchingUp) {
            catchUpAgain = true;
            return;
        }
        catchingUp = true;
        catchUp(0);
    }

    private void catchUp(int attempt) {
        if (stopped) {
            catchingUp = false;
            return;
        }
        tenancy.outsideAnyAgency(sql -> StreamPositionStore.backlog(sql, name, wantedArray)).onComplete(read -> {
            if (read.failed()) {
                if (DatabaseUnavailable.is(read.cause())) {
                    log.info("{}: catching up waits for the database ({})", what, DatabaseUnavailable.reason(read.cause()));
                } else if (attempt + 1 < CATCH_UP_TRIES) {
                    log.warn("{}: catching up failed, trying again", what, read.cause());
                } else {
                    log.error("{}: catching up failed {} times: left until the relay listens again", what,
                            CATCH_UP_TRIES, read.cause());
                    catchingUp = false;
                    return;
                }
                long delay = Math.min(MAX_CATCH_UP_RETRY_MS, CATCH_UP_RETRY_MS << Math.min(attempt, 16));
                vertx.setTimer(delay, again -> catchUp(attempt + 1));
                return;
            }
            if (!read.result().isEmpty()) {
                log.info("{}: catching up with {} client(s) changed while nobody listened", what, read.result().size());
            }
            for (Behind client : read.result()) {
                debouncer.changed(client.agencyId(), client.clientId(), wake.apply(client.kinds()));
            }
            catchingUp = false;
            if (catchUpAgain) {
                catchUpAgain = false;
                catchUp();
            }
        });
    }
}
