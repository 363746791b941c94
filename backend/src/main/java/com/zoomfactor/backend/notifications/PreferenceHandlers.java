package com.zoomfactor.backend.notifications;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.outbox.Outbox;
import com.zoomfactor.backend.scope.RequestScope;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The caller's notification preferences in their agency: per topic (mentions, alerts), in the app only, by e-mail at
 * once, or in the daily digest. The answer says whether e-mail is configured at all: without it, the choice is kept
 * but nothing is e-mailed.
 */
public final class PreferenceHandlers {

    /** The preferences, and whether the server can send e-mail. */
    public record Preferences(Map<String, String> topics, Outbox.MailStatus mail, int digestHourUtc) {
    }

    private final RequestScope scope;
    private final Outbox outbox;

    public PreferenceHandlers(Tenancy tenancy, Outbox outbox) {
        this.scope = new RequestScope(tenancy);
        this.outbox = outbox;
    }

    /** GET /api/me/notification-preferences */
    public void get(RoutingContext ctx) {
        Caller.Person person = Caller.person(ctx);
        scope.inAgency(ctx, (caller, sql) -> PreferenceStore.read(sql, person.agencyId(), person.personId())
                .map(this::answer)).ok();
    }

    /** PUT /api/me/notification-preferences {"topics": {"mention": "email", "alert": "digest"}} — topics left out keep theirs. */
    public void put(RoutingContext ctx) {
        Caller.Person person = Caller.person(ctx);
        JsonBody body = JsonBody.of(ctx);
        body.refuseUnknownFields(Set.of("topics"));
        Map<String, String> changes = new LinkedHashMap<>();
        body.optionalObject("topics").orElseThrow(() -> ApiException.badRequest(
                "topics is required: an object of " + PreferenceStore.TOPICS + " to one of "
                        + PreferenceStore.DELIVERIES)).forEach(entry -> {
            if (!PreferenceStore.TOPICS.contains(entry.getKey())) {
                throw ApiException.badRequest("topics: unknown topic '" + entry.getKey() + "', one of "
                        + PreferenceStore.TOPICS);
            }
            if (!(entry.getValue() instanceof String delivery) || !PreferenceStore.DELIVERIES.contains(delivery)) {
                throw ApiException.badRequest("topics." + entry.getKey() + " must be one of "
                        + PreferenceStore.DELIVERIES);
            }
            changes.put(entry.getKey(), delivery);
        });
        scope.inAgency(ctx, (caller, sql) -> PreferenceStore.write(sql, person.agencyId(), person.personId(), changes)
                .compose(done -> PreferenceStore.read(sql, person.agencyId(), person.personId()))
                .map(this::answer)).ok();
    }

    private Preferences answer(Map<String, String> topics) {
        return new Preferences(topics, outbox.mail(), DigestScheduler.DIGEST_HOUR_UTC);
    }
}
