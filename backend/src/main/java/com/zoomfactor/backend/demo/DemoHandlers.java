package com.zoomfactor.backend.demo;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.alerts.AlertRuleStore;
import com.zoomfactor.backend.annotations.AnnotationStore;
import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.clients.ClientStore;
import com.zoomfactor.backend.clients.ClientView;
import com.zoomfactor.backend.comments.CommentStore;
import com.zoomfactor.backend.competitors.CompetitorStore;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.goals.GoalStore;
import com.zoomfactor.backend.observations.Point;
import com.zoomfactor.backend.observations.PointWriter;
import com.zoomfactor.backend.posts.PostWriter;
import com.zoomfactor.backend.scope.RequestScope;
import com.zoomfactor.backend.sites.SiteStore;
import com.zoomfactor.domain.Channel;
import com.zoomfactor.domain.alerts.AlertDirection;
import com.zoomfactor.domain.alerts.AlertRule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * POST /api/clients/demo: adds the agency's demo client with half a year of generated data written through the
 * same paths as real data (so its score, history, trends, goals and alerts are computed as for any client), and
 * the team's traces a real client gathers: a competitor, posts, annotations, goals, an alert rule, a comment and a
 * tracked site. All in one transaction: a failure leaves nothing behind. One per agency (409 for a second).
 */
public final class DemoHandlers {

    /** The seed of the generated data: every agency's demo tells the same story. */
    private static final long SEED = 18;
    static final String NAME = "Northwind Coffee (demo)";

    private final RequestScope scope;

    public DemoHandlers(Tenancy tenancy) {
        this.scope = new RequestScope(tenancy);
    }

    /** POST /api/clients/demo — 201 with the new client. */
    public void create(RoutingContext ctx) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        DemoData data = new DemoData(today, SEED);
        scope.inAgency(ctx, (caller, sql) -> ClientStore.createDemo(sql, caller.agencyId(), NAME,
                        "https://northwind-coffee.example", "Europe/Paris",
                        DemoData.CHANNELS.stream().map(Channel::key).toList())
                .compose(client -> fill(sql, caller, client, data, today).map(client))).created();
    }

    private static Future<Void> fill(SqlConnection sql, Caller caller, ClientView client, DemoData data,
                                     LocalDate today) {
        UUID agencyId = caller.agencyId();
        UUID clientId = client.id();
        UUID person = person(caller);
        LocalDate campaign = today.minusDays(DemoData.CAMPAIGN_DAYS_AGO);
        return CompetitorStore.insert(sql, agencyId, clientId, "Bluebird Roasters", "https://bluebird-roasters.example",
                        new JsonObject().put("twitter", "bluebirdroasters"))
                .compose(competitor -> {
                    List<Point> points = data.points(competitor.id());
                    return PointWriter.write(sql, agencyId, clientId, points, null).map(points);
                })
                .compose(points -> PostWriter.write(sql, agencyId, clientId, data.posts())
                        .compose(posts -> goals(sql, agencyId, clientId, person, points, today)))
                .compose(goals -> AnnotationStore.insert(sql, agencyId, clientId, campaign,
                        "Spring campaign: bring your own cup, second coffee free", null, "public", person))
                .compose(annotation -> AnnotationStore.insert(sql, agencyId, clientId, today.minusDays(120),
                        "New website launched", "web.pageviews", "internal", person))
                .compose(annotation -> CommentStore.insert(sql, agencyId, clientId, null,
                        "newsletter.new_subscribers", campaign.plusDays(7),
                        "Sign-ups nearly doubled in the campaign's first week: worth repeating in the autumn?",
                        person, Set.of(), null))
                .compose(comment -> AlertRuleStore.create(sql, agencyId, clientId, new AlertRuleStore.NewRule(
                        AlertRule.Kind.ADAPTIVE, "web.bounce_rate", AlertDirection.ABOVE, null, true,
                        List.of("in_app")), today, person))
                .compose(rule -> SiteStore.insert(sql, agencyId, clientId,
                        "northwind-" + clientId.toString().substring(0, 8) + ".example"))
                .compose(site -> ActivityStore.record(sql, caller, clientId, "client.demo_created",
                        "added the demo client " + NAME))
                .mapEmpty();
    }

    /**
     * A subscribers goal nearly reached (its start is the count 60 days ago, its target a little above today's) and
     * a Zoom Factor goal for the quarter.
     */
    private static Future<UUID> goals(SqlConnection sql, UUID agencyId, UUID clientId, UUID person,
                                      List<Point> points, LocalDate today) {
        double started = subscribers(points, today.minusDays(60));
        double now = subscribers(points, today);
        double target = Math.round(now + (now - started) * 0.08);
        return GoalStore.insert(sql, agencyId, clientId, "newsletter.subscribers", target, today.plusDays(30), 30,
                        started, person)
                .compose(id -> GoalStore.insert(sql, agencyId, clientId, null, 80, today.plusDays(90), 30, null,
                        person));
    }

    private static double subscribers(List<Point> points, LocalDate day) {
        return points.stream().filter(point -> point.metric().equals("newsletter.subscribers")
                && point.start().equals(day)).findFirst().orElseThrow().value();
    }

    /** Whom the demo's notes and comment are by: the person calling, or the maker of the token calling. */
    private static UUID person(Caller caller) {
        return caller instanceof Caller.Person person ? person.personId() : ((Caller.Machine) caller).makerId();
    }
}
