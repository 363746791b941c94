package com.zoomfactor.backend.goals;

import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.events.StreamConsumer;
import com.zoomfactor.backend.notifications.Notifier;
import com.zoomfactor.backend.outbox.Outbox;
import com.zoomfactor.backend.webhooks.WebhookEvents;
import com.zoomfactor.domain.live.LiveKind;
import com.zoomfactor.domain.metrics.HumanFormat;
import com.zoomfactor.domain.metrics.Unit;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people when a client's goal is reached: a consumer of the change stream (new observations, new scores) on any
 * instance, debounced per client, that forecasts the client's goals and, for each one reached whose target was not
 * reached before, notifies everyone who can see the client (in the app, by e-mail or in the digest as each chose) and
 * calls the webhooks that want {@code goal.reached}, in the transaction that marks it reached (once per target).
 */
public final class GoalWatcher extends VerticleBase {

    static final long QUIET_MS = 300;
    static final long MAX_WAIT_MS = 2_000;
    static final int PARALLEL = 1;
    static final long STOP_WAIT_MS = 5_000;
    /** Its key in stream_positions. */
    static final String CONSUMER = "goals";

    private static final Logger LOG = LoggerFactory.getLogger(GoalWatcher.class);

    private final Tenancy tenancy;
    private final Outbox outbox;
    private StreamConsumer<Boolean> stream;

    public GoalWatcher(Tenancy tenancy, Outbox outbox) {
        this.tenancy = tenancy;
        this.outbox = outbox;
    }

    @Override
    public Future<?> start() {
        GoalForecasts forecasts = new GoalForecasts(vertx);
        Notifier notifier = new Notifier(outbox);
        stream = new StreamConsumer<>(vertx, tenancy, CONSUMER, Set.of(LiveKind.OBSERVATIONS, LiveKind.SCORE),
                kinds -> true, (a, b) -> true, wake -> false,
                new StreamConsumer.Settings(QUIET_MS, MAX_WAIT_MS, PARALLEL, STOP_WAIT_MS),
                (sql, agencyId, clientId, wake) -> check(sql, forecasts, notifier, agencyId, clientId),
                LOG, "Checking the goals");
        return stream.start();
    }

    private Future<Void> check(SqlConnection sql, GoalForecasts forecasts, Notifier notifier, UUID agencyId,
                               UUID clientId) {
        return forecasts.all(sql, agencyId, clientId).compose(goals -> {
            Future<?> chain = Future.succeededFuture();
            for (Goal goal : goals) {
                if (!"reached".equals(goal.status())) {
                    continue;
                }
                chain = chain.compose(done -> GoalStore.markReached(sql, agencyId, clientId, goal.id()))
                        .compose(reached -> reached.isEmpty() ? Future.succeededFuture()
                                : tell(sql, notifier, agencyId, clientId, goal,
                                        goal.id() + ":" + reached.get().toInstant().toEpochMilli()));
            }
            return chain.mapEmpty();
        });
    }

    private Future<Void> tell(SqlConnection sql, Notifier notifier, UUID agencyId, UUID clientId, Goal goal,
                              String cause) {
        String sentence = sentence(goal);
        return notifier.goalReached(sql, agencyId, clientId, goal.id(), cause, sentence)
                .compose(done -> WebhookEvents.publish(sql, outbox, agencyId, clientId, WebhookEvents.GOAL_REACHED,
                        cause, "Goal reached: " + sentence, new JsonObject().put("goal", new JsonObject()
                                .put("id", goal.id().toString()).put("metric", goal.metric())
                                .put("target", goal.target()).put("current", goal.current())
                                .put("deadline", goal.deadline().toString()))));
    }

    /** "Unique visitors (last 7 days) reached 1,204, the target of 1,000 set for Sat 5 Dec." */
    static String sentence(Goal goal) {
        boolean score = Goal.SCORE.equals(goal.metric());
        String subject = score ? "The Zoom Factor" : HumanFormat.label(goal.metric()) + " (last " + goal.windowDays()
                + (goal.windowDays() == 1 ? " day)" : " days)");
        double current = goal.current() == null ? goal.target() : goal.current();
        return String.format(Locale.ROOT, "%s reached %s, the target of %s set for %s.", subject,
                value(goal, current), value(goal, goal.target()),
                HumanFormat.day(goal.deadline(), LocalDate.now(ZoneOffset.UTC)));
    }

    private static String value(Goal goal, double value) {
        return Goal.SCORE.equals(goal.metric()) ? HumanFormat.value(Unit.COUNT, value)
                : HumanFormat.value(goal.metric(), value);
    }

    /** Waits for the checks under way (a few seconds at most), so that they do not fail on a closed pool. */
    @Override
    public Future<?> stop() {
        return stream.stop();
    }
}
