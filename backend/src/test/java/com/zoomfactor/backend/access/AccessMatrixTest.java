package com.zoomfactor.backend.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.ApiRoutes;
import com.zoomfactor.backend.testing.Http;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Walks every route with every kind of caller and compares what happens with the matrix below, written out by
 * hand (not derived from the route table), so that a change of anyone's rights has to be made twice, on purpose.
 * Allowed: anything but 401/403. Denied: 403 for someone signed in, 401 for anonymous callers.
 */
@ExtendWith(VertxExtension.class)
class AccessMatrixTest {

    enum Actor { ANONYMOUS, OWNER, ADMIN, ANALYST, VIEWER, CLIENT_VIEWER, TOKEN_READ, TOKEN_METRICS_WRITE, TOKEN_ADMIN }

    private static final Set<Actor> EVERYONE = EnumSet.allOf(Actor.class);
    private static final Set<Actor> SIGNED_IN = EnumSet.complementOf(EnumSet.of(Actor.ANONYMOUS));
    private static final Set<Actor> READERS = EnumSet.of(Actor.OWNER, Actor.ADMIN, Actor.ANALYST, Actor.VIEWER,
            Actor.CLIENT_VIEWER, Actor.TOKEN_READ);
    private static final Set<Actor> WRITERS = EnumSet.of(Actor.OWNER, Actor.ADMIN, Actor.ANALYST, Actor.TOKEN_ADMIN);
    private static final Set<Actor> DELETERS = EnumSet.of(Actor.OWNER, Actor.ADMIN, Actor.TOKEN_ADMIN);
    private static final Set<Actor> MANAGERS = EnumSet.of(Actor.OWNER, Actor.ADMIN);
    private static final Set<Actor> COMMENTERS = EnumSet.of(Actor.OWNER, Actor.ADMIN, Actor.ANALYST);
    private static final Set<Actor> PEOPLE = EnumSet.of(Actor.OWNER, Actor.ADMIN, Actor.ANALYST, Actor.VIEWER,
            Actor.CLIENT_VIEWER);
    private static final Set<Actor> DATA_WRITERS = EnumSet.of(Actor.OWNER, Actor.ADMIN, Actor.ANALYST,
            Actor.TOKEN_METRICS_WRITE);

    /** One row of the matrix: the route, the request that exercises it, and who may make it. */
    private record Row(String route, HttpMethod method, String path, JsonObject body, Set<Actor> allowed) {
    }

    @RegisterExtension
    static final LiveServer live = new LiveServer();
    private static final Map<Actor, String> tokens = new EnumMap<>(Actor.class);
    private static UUID client;

    @BeforeAll
    static void setUp() {
        Accounts accounts = live.accounts();
        Session owner = accounts.signUp("Matrix Agency");
        client = accounts.createClient(owner, "Matrix Client");
        tokens.put(Actor.OWNER, owner.accessToken());
        tokens.put(Actor.ADMIN, accounts.invite(owner, "admin", null).accessToken());
        tokens.put(Actor.ANALYST, accounts.invite(owner, "analyst", null).accessToken());
        tokens.put(Actor.VIEWER, accounts.invite(owner, "viewer", null).accessToken());
        tokens.put(Actor.CLIENT_VIEWER, accounts.invite(owner, "viewer", client).accessToken());
        tokens.put(Actor.TOKEN_READ, accounts.createToken(owner, "read"));
        tokens.put(Actor.TOKEN_METRICS_WRITE, accounts.createToken(owner, "metrics:write"));
        tokens.put(Actor.TOKEN_ADMIN, accounts.createToken(owner, "admin"));
    }

    private static List<Row> matrix() {
        UUID nobody = UUID.randomUUID();
        JsonObject empty = new JsonObject();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("GET /api/health", HttpMethod.GET, "/api/health", null, EVERYONE));
        rows.add(new Row("GET /api/openapi.json", HttpMethod.GET, "/api/openapi.json", null, EVERYONE));
        rows.add(new Row("POST /api/auth/signup", HttpMethod.POST, "/api/auth/signup", empty, EVERYONE));
        rows.add(new Row("POST /api/auth/login", HttpMethod.POST, "/api/auth/login", empty, EVERYONE));
        rows.add(new Row("POST /api/auth/refresh", HttpMethod.POST, "/api/auth/refresh",
                new JsonObject().put("refreshToken", 42), EVERYONE));
        rows.add(new Row("POST /api/auth/logout", HttpMethod.POST, "/api/auth/logout", empty, EVERYONE));
        rows.add(new Row("POST /api/auth/accept-invitation", HttpMethod.POST, "/api/auth/accept-invitation", empty, EVERYONE));
        rows.add(new Row("GET /api/me", HttpMethod.GET, "/api/me", null, SIGNED_IN));
        rows.add(new Row("GET /api/clients", HttpMethod.GET, "/api/clients", null, READERS));
        rows.add(new Row("POST /api/clients", HttpMethod.POST, "/api/clients", empty, WRITERS));
        rows.add(new Row("POST /api/clients/demo", HttpMethod.POST, "/api/clients/demo", null, WRITERS));
        rows.add(new Row("GET /api/clients/{id}", HttpMethod.GET, "/api/clients/" + client, null, READERS));
        rows.add(new Row("PATCH /api/clients/{id}", HttpMethod.PATCH, "/api/clients/" + client, empty, WRITERS));
        rows.add(new Row("DELETE /api/clients/{id}", HttpMethod.DELETE, "/api/clients/" + nobody, null, DELETERS));
        rows.add(new Row("GET /api/metrics", HttpMethod.GET, "/api/metrics", null, SIGNED_IN));
        String ofClient = "/api/clients/" + client;
        rows.add(new Row("GET /api/clients/{id}/competitors", HttpMethod.GET, ofClient + "/competitors", null, READERS));
        rows.add(new Row("POST /api/clients/{id}/competitors", HttpMethod.POST, ofClient + "/competitors", empty, WRITERS));
        rows.add(new Row("PATCH /api/clients/{id}/competitors/{competitorId}", HttpMethod.PATCH,
                ofClient + "/competitors/" + nobody, empty, WRITERS));
        rows.add(new Row("DELETE /api/clients/{id}/competitors/{competitorId}", HttpMethod.DELETE,
                ofClient + "/competitors/" + nobody, null, WRITERS));
        rows.add(new Row("POST /api/clients/{id}/observations", HttpMethod.POST, ofClient + "/observations", empty,
                DATA_WRITERS));
        rows.add(new Row("GET /api/clients/{id}/observations", HttpMethod.GET,
                ofClient + "/observations?metric=web.pageviews", null, READERS));
        rows.add(new Row("GET /api/clients/{id}/dimensions", HttpMethod.GET, ofClient + "/dimensions?metric=web.pageviews",
                null, READERS));
        rows.add(new Row("GET /api/clients/{id}/metrics/measured", HttpMethod.GET, ofClient + "/metrics/measured",
                null, READERS));
        rows.add(new Row("POST /api/clients/{id}/posts", HttpMethod.POST, ofClient + "/posts", empty, DATA_WRITERS));
        rows.add(new Row("GET /api/clients/{id}/posts", HttpMethod.GET, ofClient + "/posts", null, READERS));
        rows.add(new Row("GET /api/clients/{id}/score", HttpMethod.GET, ofClient + "/score", null, READERS));
        rows.add(new Row("GET /api/clients/{id}/score/history", HttpMethod.GET, ofClient + "/score/history", null,
                READERS));
        rows.add(new Row("GET /api/clients/{id}/score/inputs", HttpMethod.GET, ofClient + "/score/inputs", null,
                READERS));
        rows.add(new Row("GET /api/clients/{id}/weights", HttpMethod.GET, ofClient + "/weights", null, READERS));
        rows.add(new Row("PUT /api/clients/{id}/weights", HttpMethod.PUT, ofClient + "/weights", empty, WRITERS));
        rows.add(new Row("POST /api/clients/{id}/imports", HttpMethod.POST, ofClient + "/imports", empty, DATA_WRITERS));
        rows.add(new Row("GET /api/clients/{id}/imports", HttpMethod.GET, ofClient + "/imports", null, READERS));
        rows.add(new Row("GET /api/clients/{id}/imports/{importId}", HttpMethod.GET, ofClient + "/imports/" + nobody,
                null, READERS));
        String ofAnnotation = ofClient + "/annotations/" + nobody;
        rows.add(new Row("GET /api/clients/{id}/annotations", HttpMethod.GET, ofClient + "/annotations", null, READERS));
        rows.add(new Row("POST /api/clients/{id}/annotations", HttpMethod.POST, ofClient + "/annotations", empty, WRITERS));
        rows.add(new Row("GET /api/clients/{id}/annotations/{annotationId}", HttpMethod.GET, ofAnnotation, null, READERS));
        rows.add(new Row("PATCH /api/clients/{id}/annotations/{annotationId}", HttpMethod.PATCH, ofAnnotation, empty,
                WRITERS));
        rows.add(new Row("DELETE /api/clients/{id}/annotations/{annotationId}", HttpMethod.DELETE, ofAnnotation, null,
                WRITERS));
        rows.add(new Row("GET /api/clients/{id}/annotations/{annotationId}/impact", HttpMethod.GET,
                ofAnnotation + "/impact", null, READERS));
        rows.add(new Row("GET /api/clients/{id}/activity", HttpMethod.GET, ofClient + "/activity", null, READERS));
        String ofGoal = ofClient + "/goals/" + nobody;
        rows.add(new Row("GET /api/goals", HttpMethod.GET, "/api/goals", null, READERS));
        rows.add(new Row("GET /api/clients/{id}/goals", HttpMethod.GET, ofClient + "/goals", null, READERS));
        rows.add(new Row("POST /api/clients/{id}/goals", HttpMethod.POST, ofClient + "/goals", empty, WRITERS));
        rows.add(new Row("GET /api/clients/{id}/goals/{goalId}", HttpMethod.GET, ofGoal, null, READERS));
        rows.add(new Row("PATCH /api/clients/{id}/goals/{goalId}", HttpMethod.PATCH, ofGoal, empty, WRITERS));
        rows.add(new Row("DELETE /api/clients/{id}/goals/{goalId}", HttpMethod.DELETE, ofGoal, null, WRITERS));
        String ofSchedule = ofClient + "/report-schedules/" + nobody;
        String ofReview = ofClient + "/report-reviews/" + nobody;
        rows.add(new Row("GET /api/clients/{id}/report-schedules", HttpMethod.GET, ofClient + "/report-schedules", null,
                WRITERS));
        rows.add(new Row("POST /api/clients/{id}/report-schedules", HttpMethod.POST, ofClient + "/report-schedules",
                empty, WRITERS));
        rows.add(new Row("GET /api/clients/{id}/report-schedules/{scheduleId}", HttpMethod.GET, ofSchedule, null,
                WRITERS));
        rows.add(new Row("PATCH /api/clients/{id}/report-schedules/{scheduleId}", HttpMethod.PATCH, ofSchedule, empty,
                WRITERS));
        rows.add(new Row("DELETE /api/clients/{id}/report-schedules/{scheduleId}", HttpMethod.DELETE, ofSchedule, null,
                WRITERS));
        rows.add(new Row("POST /api/clients/{id}/report-schedules/{scheduleId}/send", HttpMethod.POST,
                ofSchedule + "/send", null, WRITERS));
        rows.add(new Row("GET /api/clients/{id}/report-unsubscribes", HttpMethod.GET,
                ofClient + "/report-unsubscribes", null, WRITERS));
        rows.add(new Row("DELETE /api/clients/{id}/report-unsubscribes", HttpMethod.DELETE,
                ofClient + "/report-unsubscribes?address=someone%40example.com", null, DELETERS));
        rows.add(new Row("GET /api/clients/{id}/report-reviews", HttpMethod.GET, ofClient + "/report-reviews", null,
                WRITERS));
        rows.add(new Row("POST /api/clients/{id}/report-reviews/{reviewId}/approve", HttpMethod.POST,
                ofReview + "/approve", null, WRITERS));
        rows.add(new Row("POST /api/clients/{id}/report-reviews/{reviewId}/skip", HttpMethod.POST, ofReview + "/skip",
                null, WRITERS));
        rows.add(new Row("GET /api/report-reviews", HttpMethod.GET, "/api/report-reviews", null, WRITERS));
        String ofRule = ofClient + "/alert-rules/" + nobody;
        rows.add(new Row("GET /api/clients/{id}/alert-rules", HttpMethod.GET, ofClient + "/alert-rules", null, READERS));
        rows.add(new Row("POST /api/clients/{id}/alert-rules", HttpMethod.POST, ofClient + "/alert-rules", empty,
                WRITERS));
        rows.add(new Row("PATCH /api/clients/{id}/alert-rules/{ruleId}", HttpMethod.PATCH, ofRule, empty, WRITERS));
        rows.add(new Row("DELETE /api/clients/{id}/alert-rules/{ruleId}", HttpMethod.DELETE, ofRule, null, WRITERS));
        rows.add(new Row("GET /api/clients/{id}/alerts", HttpMethod.GET, ofClient + "/alerts", null, READERS));
        rows.add(new Row("POST /api/clients/{id}/alerts/{alertId}/acknowledge", HttpMethod.POST,
                ofClient + "/alerts/" + nobody + "/acknowledge", empty, COMMENTERS));
        rows.add(new Row("GET /api/clients/{id}/report.pdf", HttpMethod.GET, ofClient + "/report.pdf", null, READERS));
        rows.add(new Row("GET /api/clients/{id}/report.csv", HttpMethod.GET, ofClient + "/report.csv", null, READERS));
        String ofComment = ofClient + "/comments/" + nobody;
        rows.add(new Row("GET /api/clients/{id}/comments", HttpMethod.GET, ofClient + "/comments", null, READERS));
        rows.add(new Row("POST /api/clients/{id}/comments", HttpMethod.POST, ofClient + "/comments", empty, COMMENTERS));
        rows.add(new Row("GET /api/clients/{id}/comments/mentionable", HttpMethod.GET, ofClient + "/comments/mentionable",
                null, COMMENTERS));
        rows.add(new Row("PATCH /api/clients/{id}/comments/{commentId}", HttpMethod.PATCH, ofComment, empty,
                COMMENTERS));
        rows.add(new Row("DELETE /api/clients/{id}/comments/{commentId}", HttpMethod.DELETE, ofComment, null,
                COMMENTERS));
        rows.add(new Row("GET /api/clients/{id}/share-links", HttpMethod.GET, ofClient + "/share-links", null, COMMENTERS));
        // a body with an unknown field: allowed callers get a 400 and no link is made
        rows.add(new Row("POST /api/clients/{id}/share-links", HttpMethod.POST, ofClient + "/share-links",
                new JsonObject().put("nonsense", 1), COMMENTERS));
        // an unknown link: allowed callers get a 404 and nothing changes
        rows.add(new Row("PATCH /api/clients/{id}/share-links/{linkId}", HttpMethod.PATCH,
                ofClient + "/share-links/" + nobody, new JsonObject().put("defaultDays", 30), COMMENTERS));
        rows.add(new Row("DELETE /api/clients/{id}/share-links/{linkId}", HttpMethod.DELETE,
                ofClient + "/share-links/" + nobody, null, COMMENTERS));
        // the link's token is the credential: an unknown one is a 404 for everyone
        rows.add(new Row("GET /api/shared/{token}", HttpMethod.GET, "/api/shared/zfs_unknown", null, EVERYONE));
        rows.add(new Row("GET /api/shared/{token}/logo", HttpMethod.GET, "/api/shared/zfs_unknown/logo", null,
                EVERYONE));
        rows.add(new Row("POST /api/shared/{token}/unlock", HttpMethod.POST, "/api/shared/zfs_unknown/unlock",
                new JsonObject().put("password", "guess"), EVERYONE));
        // the e-mail's signed token is the credential: anyone may post one, a forged one is a 404
        rows.add(new Row("POST /api/unsubscribe", HttpMethod.POST, "/api/unsubscribe",
                new JsonObject().put("token", "forged"), EVERYONE));
        rows.add(new Row("GET /api/clients/{id}/sites", HttpMethod.GET, ofClient + "/sites", null, READERS));
        // an empty body: allowed callers get a 400 and no site is made
        rows.add(new Row("POST /api/clients/{id}/sites", HttpMethod.POST, ofClient + "/sites", empty, WRITERS));
        rows.add(new Row("PATCH /api/clients/{id}/sites/{siteId}", HttpMethod.PATCH, ofClient + "/sites/" + nobody,
                new JsonObject().put("returningVisitors", true), WRITERS));
        rows.add(new Row("DELETE /api/clients/{id}/sites/{siteId}", HttpMethod.DELETE, ofClient + "/sites/" + nobody,
                null, WRITERS));
        rows.add(new Row("GET /api/clients/{id}/web/stats", HttpMethod.GET, ofClient + "/web/stats", null, READERS));
        rows.add(new Row("GET /api/clients/{id}/web/breakdown", HttpMethod.GET, ofClient + "/web/breakdown?by=page",
                null, READERS));
        rows.add(new Row("GET /api/clients/{id}/web/realtime", HttpMethod.GET, ofClient + "/web/realtime", null, READERS));
        // the site key is the credential: an unknown one is a 404 for everyone
        rows.add(new Row("POST /api/events", HttpMethod.POST, "/api/events", new JsonObject()
                .put("site", "unknown-site-key-0000").put("name", "pageview").put("url", "https://nowhere.example/"),
                EVERYONE));
        rows.add(new Row("OPTIONS /api/events", HttpMethod.OPTIONS, "/api/events", null, EVERYONE));
        rows.add(new Row("GET /api/notifications", HttpMethod.GET, "/api/notifications", null, PEOPLE));
        rows.add(new Row("POST /api/notifications/read-all", HttpMethod.POST, "/api/notifications/read-all", null,
                PEOPLE));
        rows.add(new Row("POST /api/notifications/{notificationId}/read", HttpMethod.POST, "/api/notifications/1/read",
                null, PEOPLE));
        rows.add(new Row("POST /api/live/ticket", HttpMethod.POST, "/api/live/ticket", null, READERS));
        // the socket's credential is its ticket (LiveChannelTest); a plain GET is a 400 for anyone
        rows.add(new Row("GET /api/live", HttpMethod.GET, "/api/live", null, EVERYONE));
        rows.add(new Row("GET /api/members", HttpMethod.GET, "/api/members", null, MANAGERS));
        rows.add(new Row("PATCH /api/members/{userId}", HttpMethod.PATCH, "/api/members/" + nobody, empty, MANAGERS));
        rows.add(new Row("DELETE /api/members/{userId}", HttpMethod.DELETE, "/api/members/" + nobody, null, MANAGERS));
        rows.add(new Row("POST /api/members/invitations", HttpMethod.POST, "/api/members/invitations", empty, MANAGERS));
        rows.add(new Row("GET /api/members/invitations", HttpMethod.GET, "/api/members/invitations", null, MANAGERS));
        rows.add(new Row("DELETE /api/members/invitations/{id}", HttpMethod.DELETE, "/api/members/invitations/" + nobody,
                null, MANAGERS));
        Set<Actor> agencyPeople = EnumSet.of(Actor.OWNER, Actor.ADMIN, Actor.ANALYST, Actor.VIEWER);
        rows.add(new Row("GET /api/agency/branding", HttpMethod.GET, "/api/agency/branding", null, agencyPeople));
        // an unknown field: allowed callers get a 400 and nothing changes
        rows.add(new Row("PUT /api/agency/branding", HttpMethod.PUT, "/api/agency/branding",
                new JsonObject().put("unknown", 1), MANAGERS));
        rows.add(new Row("GET /api/agency/branding/logo", HttpMethod.GET, "/api/agency/branding/logo", null,
                agencyPeople));
        // JSON is not an image: allowed callers get a 415 and no logo is stored
        rows.add(new Row("PUT /api/agency/branding/logo", HttpMethod.PUT, "/api/agency/branding/logo", empty,
                MANAGERS));
        rows.add(new Row("DELETE /api/agency/branding/logo", HttpMethod.DELETE, "/api/agency/branding/logo", null,
                MANAGERS));
        rows.add(new Row("GET /api/me/notification-preferences", HttpMethod.GET, "/api/me/notification-preferences",
                null, PEOPLE));
        rows.add(new Row("PUT /api/me/notification-preferences", HttpMethod.PUT, "/api/me/notification-preferences",
                empty, PEOPLE));
        rows.add(new Row("GET /api/webhooks", HttpMethod.GET, "/api/webhooks", null, MANAGERS));
        rows.add(new Row("POST /api/webhooks", HttpMethod.POST, "/api/webhooks", empty, MANAGERS));
        rows.add(new Row("DELETE /api/webhooks/{webhookId}", HttpMethod.DELETE, "/api/webhooks/" + nobody, null,
                MANAGERS));
        rows.add(new Row("GET /api/webhooks/{webhookId}/deliveries", HttpMethod.GET,
                "/api/webhooks/" + nobody + "/deliveries", null, MANAGERS));
        rows.add(new Row("POST /api/webhooks/{webhookId}/test", HttpMethod.POST, "/api/webhooks/" + nobody + "/test",
                null, MANAGERS));
        rows.add(new Row("GET /api/deliveries", HttpMethod.GET, "/api/deliveries", null, MANAGERS));
        rows.add(new Row("GET /api/tokens", HttpMethod.GET, "/api/tokens", null, MANAGERS));
        rows.add(new Row("POST /api/tokens", HttpMethod.POST, "/api/tokens", empty, MANAGERS));
        rows.add(new Row("DELETE /api/tokens/{id}", HttpMethod.DELETE, "/api/tokens/" + nobody, null, MANAGERS));
        return rows;
    }

    @Test
    void theMatrixCoversEveryRouteOfTheRouter(Vertx vertx) throws Exception {
        assertThat(matrix().stream().map(Row::route).toList()).containsExactlyInAnyOrderElementsOf(ApiRoutes.of(vertx));
    }

    @Test
    void everyCallerGetsExactlyTheAccessTheMatrixGives() {
        Http http = live.http();
        Map<String, String> mismatches = new LinkedHashMap<>();
        for (Row row : matrix()) {
            for (Actor actor : Actor.values()) {
                HttpResponse<Buffer> response = http.call(row.method(), row.path(), tokens.get(actor), row.body());
                int status = response.statusCode();
                boolean allowed = row.allowed().contains(actor);
                boolean asExpected = allowed
                        ? status != 401 && status != 403 && status < 500
                        : status == (actor == Actor.ANONYMOUS ? 401 : 403);
                if (!asExpected) {
                    mismatches.put(row.route() + " as " + actor, status + " " + response.bodyAsString());
                }
            }
        }
        assertThat(mismatches).as("route × caller answers that differ from the matrix").isEmpty();
    }
}
