package com.zoomfactor.backend.live;

import com.zoomfactor.backend.events.EventStore;

import com.zoomfactor.backend.auth.Access;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.domain.live.LiveKind;
import com.zoomfactor.domain.access.Role;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Who may receive each kind of live event: exactly who may read that resource through the API. Every kind names the
 * {@link Access} of its REST read (the same objects {@code ApiRouter} mounts), and an event addressed to one person
 * (a notification) also names whom. A kind not listed here reaches nobody (deny by default), so a new kind has to
 * say who sees it before any dashboard does. The socket's client scope (a client viewer's one client) is checked
 * when subscribing, as for the REST reads.
 */
final class LiveVisibility {

    /** Who an event is for, beyond the route's roles: everyone the route lets in, or one person. */
    private record Rule(Access readers, BiPredicate<Caller, JsonObject> addressedTo) {
    }

    private static final BiPredicate<Caller, JsonObject> ANYONE = (caller, data) -> true;

    /** GET /api/notifications: each person their own, whatever their role; never a token. */
    private static final Access NOTIFICATION_READERS = Access.people(Role.values()).andClientViewers();

    private static final Map<LiveKind, Rule> RULES = Map.ofEntries(
            // the client's data, score and collaboration: GET …/observations, /posts, /score, /annotations, /goals,
            // /alert-rules, /alerts, /comments, /activity, /web/realtime — everyone who reads the client
            Map.entry(LiveKind.OBSERVATIONS, new Rule(Access.CLIENT_READERS, ANYONE)),
            Map.entry(LiveKind.POSTS, new Rule(Access.CLIENT_READERS, ANYONE)),
            Map.entry(LiveKind.SCORE, new Rule(Access.CLIENT_READERS, ANYONE)),
            Map.entry(LiveKind.PRESENCE, new Rule(Access.CLIENT_READERS, ANYONE)),
            Map.entry(LiveKind.ANNOTATION, new Rule(Access.CLIENT_READERS, ANYONE)),
            Map.entry(LiveKind.COMMENT, new Rule(Access.CLIENT_READERS, ANYONE)),
            Map.entry(LiveKind.GOAL, new Rule(Access.CLIENT_READERS, ANYONE)),
            Map.entry(LiveKind.ALERT_RULE, new Rule(Access.CLIENT_READERS, ANYONE)),
            Map.entry(LiveKind.ALERT, new Rule(Access.CLIENT_READERS, ANYONE)),
            Map.entry(LiveKind.ACTIVITY, new Rule(Access.CLIENT_READERS, ANYONE)),
            // GET …/web/realtime: visitors now on the client's sites
            Map.entry(LiveKind.WEB, new Rule(Access.CLIENT_READERS, ANYONE)),
            // GET …/share-links: the people who manage links (no viewers, no tokens)
            Map.entry(LiveKind.SHARE_LINK, new Rule(Access.SHARERS, ANYONE)),
            // GET /api/notifications: only the person it is for
            Map.entry(LiveKind.NOTIFICATION, new Rule(NOTIFICATION_READERS, LiveVisibility::isFor)));

    private LiveVisibility() {
    }

    /** Whether this socket's holder, as they stand now, may receive this event. */
    static boolean allows(Caller caller, EventStore.Event event) {
        Rule rule = LiveKind.fromWire(event.kind()).map(RULES::get).orElse(null);
        return rule != null && rule.readers().allows(caller) && caller.maySee(event.clientId())
                && rule.addressedTo().test(caller, event.data() == null ? new JsonObject() : event.data());
    }

    /** Every kind that has a rule (tests check that each kind recorded anywhere is listed). */
    static java.util.Set<String> kinds() {
        return RULES.keySet().stream().map(LiveKind::wire).collect(java.util.stream.Collectors.toSet());
    }

    private static boolean isFor(Caller caller, JsonObject notification) {
        return caller instanceof Caller.Person person
                && person.personId().toString().equals(notification.getString("personId"));
    }
}
