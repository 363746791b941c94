package com.zoomfactor.backend.notifications;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.outbox.Email;
import com.zoomfactor.backend.outbox.MailLayout;
import com.zoomfactor.backend.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Tells people of what concerns them, inside the transaction of what happened: the in-app notification (announced
 * live), and an e-mail at once to those who chose it for the topic (the others read it in the app, or in their daily
 * digest). The e-mail names the client and links to it; it carries no token.
 */
public final class Notifier {

    /** Where a person changes what they receive: the footer and List-Unsubscribe of every notification e-mail. */
    public static final String SETTINGS_PATH = "/settings/notifications";

    /** What an e-mail about an alert says: its subject and sentences, in people's words. */
    public record AlertWords(String subject, List<String> paragraphs) {
    }

    private final Outbox outbox;

    public Notifier(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The mentioned people (never the author) are notified, and e-mailed when they chose it for mentions. */
    public Future<Void> mentioned(SqlConnection sql, Caller.Person author, String authorName, UUID clientId,
                                  UUID commentId, Set<UUID> mentioned, String text) {
        UUID[] people = mentioned.stream().filter(p -> !p.equals(author.personId())).toArray(UUID[]::new);
        if (people.length == 0) {
            return Future.succeededFuture();
        }
        UUID agencyId = author.agencyId();
        return NotificationStore.mentioned(sql, author, authorName, clientId, commentId, mentioned, text)
                .compose(done -> NotificationStore.clientName(sql, agencyId, clientId))
                .compose(client -> emailNow(sql, agencyId, clientId, "mention", people, "mention:" + commentId,
                        authorName + " mentioned you on " + client,
                        List.of(authorName + " wrote on " + client + ":", text), "Open " + client));
    }

    /**
     * Everyone who can see the client hears of a fired alert: in the app when the rule says {@code inApp}, by e-mail
     * at once (to those who chose it) when it says {@code email}.
     */
    public Future<Void> alerted(SqlConnection sql, UUID agencyId, UUID clientId, UUID alertId, String summary,
                                AlertWords words, boolean inApp, boolean email) {
        Future<Void> notified = inApp ? NotificationStore.alerted(sql, agencyId, clientId, alertId, summary)
                : Future.succeededFuture();
        if (!email) {
            return notified;
        }
        return notified.compose(done -> NotificationStore.clientName(sql, agencyId, clientId))
                .compose(client -> emailNow(sql, agencyId, clientId, "alert", null, "alert:" + alertId,
                        words.subject(), words.paragraphs(), "Open " + client));
    }

    /** Everyone who can see the client hears that a goal was reached: in the app, and by e-mail to those who chose it. */
    public Future<Void> goalReached(SqlConnection sql, UUID agencyId, UUID clientId, UUID goalId, String cause,
                                    String sentence) {
        return NotificationStore.goalReached(sql, agencyId, clientId, goalId, "Goal reached: " + sentence)
                .compose(done -> NotificationStore.clientName(sql, agencyId, clientId))
                .compose(client -> emailNow(sql, agencyId, clientId, "goal", null, "goal:" + cause,
                        "Goal reached on " + client, List.of(sentence), "Open " + client));
    }

    private Future<Void> emailNow(SqlConnection sql, UUID agencyId, UUID clientId, String topic, UUID[] people,
                                  String cause, String subject, List<String> paragraphs, String actionLabel) {
        if (!outbox.mail().configured()) {
            return Future.succeededFuture();
        }
        return NotificationStore.recipients(sql, agencyId, clientId, topic, people).compose(recipients -> {
            Future<?> chain = Future.succeededFuture();
            for (NotificationStore.Recipient r : recipients) {
                if (!"email".equals(r.delivery()) || !Email.deliverable(r.email())) {
                    continue;
                }
                chain = chain.compose(done -> outbox.enqueue(sql, agencyId, clientId, topic,
                        cause + ":" + r.personId(), MailLayout.compose(r.email(), subject, subject, paragraphs,
                                new MailLayout.Action(actionLabel, outbox.link("/clients/" + clientId)),
                                outbox.link(SETTINGS_PATH))));
            }
            return chain.mapEmpty();
        });
    }
}
