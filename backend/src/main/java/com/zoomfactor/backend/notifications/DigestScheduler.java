package com.zoomfactor.backend.notifications;

import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.outbox.Email;
import com.zoomfactor.backend.outbox.MailLayout;
import com.zoomfactor.backend.outbox.Outbox;
import com.zoomfactor.backend.outbox.PeriodicLook;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily digest: once a day, from {@link #DIGEST_HOUR_UTC} on (people and agencies have no time zone of their own
 * yet), each person with notifications of a topic they take in the digest gets one e-mail listing what happened since
 * their last digest, by client. Every server looks; the digests table lets one of them send it, once per person,
 * agency and day. Time is the outbox's clock, so tests can move to the digest's hour.
 */
public final class DigestScheduler {

    /** The hour of the day (UTC) from which digests go out. */
    public static final int DIGEST_HOUR_UTC = 8;
    /** Lines in one digest; more are summed up as a count. */
    static final int MAX_LINES = 100;

    private static final Logger LOG = LoggerFactory.getLogger(DigestScheduler.class);

    private final Tenancy tenancy;
    private final Outbox outbox;
    private final PeriodicLook looks;

    public DigestScheduler(Vertx vertx, Tenancy tenancy, Outbox outbox) {
        this.tenancy = tenancy;
        this.outbox = outbox;
        this.looks = new PeriodicLook(vertx, outbox, this::runOnce, LOG, "Looking for due digests");
    }

    /** Looks now and then every 30 poll intervals of the outbox (30 s by default); nothing without e-mail. */
    public void start() {
        looks.start();
    }

    /** Enqueues the digests due now; how many. */
    public Future<Integer> runOnce() {
        Instant now = outbox.clock().instant();
        OffsetDateTime cutoff = now.atOffset(ZoneOffset.UTC);
        if (cutoff.getHour() < DIGEST_HOUR_UTC) {
            return Future.succeededFuture(0);
        }
        LocalDate day = cutoff.toLocalDate();
        return tenancy.outsideAnyAgency(sql -> DigestStore.due(sql, day, cutoff)).compose(due -> {
            Future<Integer> chain = Future.succeededFuture(0);
            for (DigestStore.Due one : due) {
                chain = chain.compose(sent -> tenancy.inAgency(one.agencyId(),
                        sql -> digest(sql, one.agencyId(), one.personId(), day, cutoff)).map(s -> sent + (s ? 1 : 0)));
            }
            return chain;
        });
    }

    private Future<Boolean> digest(SqlConnection sql, UUID agencyId, UUID personId, LocalDate day,
                                   OffsetDateTime cutoff) {
        return DigestStore.previous(sql, agencyId, personId).compose(previous -> {
            OffsetDateTime since = previous.orElse(cutoff.minusDays(1));
            return DigestStore.claim(sql, agencyId, personId, day, cutoff).compose(claimed -> !claimed
                    ? Future.succeededFuture(false)
                    : DigestStore.covered(sql, agencyId, personId, since, cutoff, MAX_LINES + 1)
                            .compose(lines -> DigestStore.person(sql, personId).compose(person ->
                                    enqueue(sql, agencyId, personId, day, person, lines))));
        });
    }

    private Future<Boolean> enqueue(SqlConnection sql, UUID agencyId, UUID personId, LocalDate day,
                                    Optional<DigestStore.Person> person, List<DigestStore.Line> lines) {
        if (person.isEmpty() || lines.isEmpty() || !Email.deliverable(person.get().email())) {
            return Future.succeededFuture(false);
        }
        List<String> paragraphs = new ArrayList<>();
        String client = null;
        StringBuilder block = null;
        for (DigestStore.Line line : lines.subList(0, Math.min(lines.size(), MAX_LINES))) {
            if (!line.clientName().equals(client)) {
                if (block != null) {
                    paragraphs.add(block.toString());
                }
                client = line.clientName();
                block = new StringBuilder(client + ":");
            }
            block.append("\n• ").append(line.summary());
        }
        paragraphs.add(block.toString());
        if (lines.size() > MAX_LINES) {
            paragraphs.add("And more: open Zoom Factor to see everything.");
        }
        int count = Math.min(lines.size(), MAX_LINES);
        String subject = "Your Zoom Factor digest: " + count + (lines.size() > MAX_LINES ? "+" : "")
                + (count == 1 ? " notification" : " notifications");
        return outbox.enqueue(sql, agencyId, null, "digest", "digest:" + personId + ":" + day,
                        MailLayout.compose(person.get().email(), subject, "Hello " + person.get().name()
                                        + ", here is what happened", paragraphs,
                                new MailLayout.Action("Open Zoom Factor", outbox.link("/clients")),
                                outbox.link(Notifier.SETTINGS_PATH)))
                .map(enqueued -> enqueued.isPresent());
    }

    /** Stops looking; completes when a look under way has ended. */
    public Future<Void> stop() {
        return looks.stop();
    }
}
