package com.zoomfactor.backend.app;

import com.zoomfactor.backend.scope.ClientScope;

import com.zoomfactor.backend.http.AccessLog;
import com.zoomfactor.backend.http.SecurityHeaders;
import com.zoomfactor.backend.http.PathSegments;
import com.zoomfactor.backend.http.InFlight;
import com.zoomfactor.backend.http.WebApp;
import com.zoomfactor.backend.http.FailureHandler;
import com.zoomfactor.backend.http.UndecodableRequest;

import static com.zoomfactor.backend.app.ApiRoute.delete;
import static com.zoomfactor.backend.app.ApiRoute.get;
import static com.zoomfactor.backend.app.ApiRoute.patch;
import static com.zoomfactor.backend.app.ApiRoute.post;
import static com.zoomfactor.domain.access.Role.ADMIN;
import static com.zoomfactor.domain.access.Role.ANALYST;
import static com.zoomfactor.domain.access.Role.OWNER;
import static com.zoomfactor.domain.access.Role.VIEWER;

import com.zoomfactor.backend.app.Services;
import com.zoomfactor.backend.accounts.AccountHandlers;
import com.zoomfactor.backend.activity.ActivityHandlers;
import com.zoomfactor.backend.alerts.AlertEvaluator;
import com.zoomfactor.backend.alerts.AlertHandlers;
import com.zoomfactor.backend.alerts.AlertRuleHandlers;
import com.zoomfactor.backend.annotations.AnnotationHandlers;
import com.zoomfactor.backend.auth.Access;
import com.zoomfactor.backend.auth.Authenticator;
import com.zoomfactor.backend.clients.ClientHandlers;
import com.zoomfactor.backend.comments.CommentHandlers;
import com.zoomfactor.backend.competitors.CompetitorHandlers;
import com.zoomfactor.backend.demo.DemoHandlers;
import com.zoomfactor.backend.imports.ImportHandlers;
import com.zoomfactor.backend.live.LiveHandlers;
import com.zoomfactor.backend.metrics.MetricHandlers;
import com.zoomfactor.backend.notifications.NotificationHandlers;
import com.zoomfactor.backend.notifications.Notifier;
import com.zoomfactor.backend.notifications.PreferenceHandlers;
import com.zoomfactor.backend.webhooks.WebhookHandlers;
import com.zoomfactor.backend.observations.ObservationHandlers;
import com.zoomfactor.backend.posts.PostHandlers;
import com.zoomfactor.backend.reports.ReportHandlers;
import com.zoomfactor.backend.schedules.ReportReviewHandlers;
import com.zoomfactor.backend.schedules.ReportScheduleHandlers;
import com.zoomfactor.backend.schedules.ScheduledReports;
import com.zoomfactor.backend.schedules.UnsubscribeHandlers;
import com.zoomfactor.backend.branding.BrandingHandlers;
import com.zoomfactor.backend.http.MethodologyPage;
import com.zoomfactor.backend.scores.ScoreHandlers;
import com.zoomfactor.backend.sharing.ShareLinkHandlers;
import com.zoomfactor.backend.sharing.SharedDashboardHandlers;
import com.zoomfactor.backend.goals.GoalForecasts;
import com.zoomfactor.backend.goals.GoalHandlers;
import com.zoomfactor.backend.health.HealthHandler;
import com.zoomfactor.backend.members.MemberHandlers;
import com.zoomfactor.backend.openapi.OpenApiHandler;
import com.zoomfactor.backend.tokens.TokenHandlers;
import com.zoomfactor.backend.sites.SiteHandlers;
import com.zoomfactor.backend.tracking.TrackingHandlers;
import com.zoomfactor.backend.tracking.WebStatsHandlers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/** The router: the API's route table, the cross-cutting handlers around it, and the web app behind it. */
public final class ApiRouter {

    private ApiRouter() {
    }

    public static Future<Router> create(Vertx vertx, Services services) {
        return create(vertx, services, new InFlight());
    }

    public static Future<Router> create(Vertx vertx, Services services, InFlight inFlight) {
        Future<OpenApiHandler> openApi = OpenApiHandler.load(vertx);
        Future<WebApp> webApp = WebApp.load(vertx);
        return Future.all(openApi, webApp)
                .map(loaded -> build(vertx, services, inFlight, routes(vertx, services, openApi.result()),
                        webApp.result(), new TrackingHandlers(services.tracking())));
    }


    /**
     * Path → who may call it → handler, one line per endpoint: deny by default. Every line is documented in
     * {@code openapi/openapi.json}, and the role × route matrix is tested in {@code AccessMatrixTest}.
     */
    static List<ApiRoute> routes(Vertx vertx, Services services, OpenApiHandler openApi) {
        AccountHandlers accounts = new AccountHandlers(services.tenancy(), services.passwords(), services.jwt(),
                services.throttle());
        ClientHandlers clients = new ClientHandlers(vertx, services.tenancy());
        DemoHandlers demo = new DemoHandlers(services.tenancy());
        MemberHandlers members = new MemberHandlers(services.tenancy(), services.links(), services.outbox());
        TokenHandlers tokens = new TokenHandlers(services.tenancy());
        CompetitorHandlers competitors = new CompetitorHandlers(services.tenancy());
        ObservationHandlers observations = new ObservationHandlers(vertx, services.tenancy());
        PostHandlers posts = new PostHandlers(vertx, services.tenancy());
        ImportHandlers imports = new ImportHandlers(vertx, services.tenancy(), services.imports());
        ScoreHandlers scores = new ScoreHandlers(services.scores(), services.tenancy());
        LiveHandlers live = new LiveHandlers(services.live(), services.links());
        AnnotationHandlers annotations = new AnnotationHandlers(vertx, services.tenancy());
        ActivityHandlers activity = new ActivityHandlers(services.tenancy());
        CommentHandlers comments = new CommentHandlers(services.tenancy(), new Notifier(services.outbox()));
        PreferenceHandlers preferences = new PreferenceHandlers(services.tenancy(), services.outbox());
        WebhookHandlers webhooks = new WebhookHandlers(vertx, services.tenancy(), services.outbox());
        NotificationHandlers notifications = new NotificationHandlers(services.tenancy());
        GoalHandlers goals = new GoalHandlers(vertx, services.tenancy());
        GoalForecasts goalForecasts = new GoalForecasts(vertx);
        ShareLinkHandlers shareLinks = new ShareLinkHandlers(services.tenancy(), services.passwords(), services.links());
        SharedDashboardHandlers shared = new SharedDashboardHandlers(services.tenancy(), services.passwords(),
                services.jwt(), services.scores(), goalForecasts, services.sharedReads());
        AlertRuleHandlers alertRules = new AlertRuleHandlers(services.tenancy(),
                new AlertEvaluator(vertx, services.tenancy(), services.outbox()));
        AlertHandlers alerts = new AlertHandlers(services.tenancy());
        SiteHandlers sites = new SiteHandlers(services.tenancy(), services.links(),
                services.tracking()::siteRemoved);
        TrackingHandlers tracking = new TrackingHandlers(services.tracking());
        WebStatsHandlers web = new WebStatsHandlers(services.tenancy(), services.tracking());
        ReportHandlers reports = new ReportHandlers(vertx, services.tenancy(), services.scores(), goalForecasts,
                services.reports(), services.links());
        BrandingHandlers branding = new BrandingHandlers(vertx, services.tenancy());
        ReportScheduleHandlers schedules = new ReportScheduleHandlers(services.tenancy(), services.scheduledReports());
        ReportReviewHandlers reviews = new ReportReviewHandlers(services.tenancy(), services.scheduledReports());
        UnsubscribeHandlers unsubscribes = new UnsubscribeHandlers(services.tenancy(), services.scheduledReports());
        return List.of(
                // public: the tracking script's events; the site key is checked against the database. First in the
                // table: the busiest route by far, matched before the hundred others are tried
                post("/api/events", Access.PUBLIC, tracking::ingest).withBodyLimit(TrackingHandlers.MAX_BODY_BYTES),
                get("/api/health", Access.PUBLIC, new HealthHandler(services.pool())),
                get("/api/openapi.json", Access.PUBLIC, openApi),

                post("/api/auth/signup", Access.PUBLIC, accounts::signup),
                post("/api/auth/login", Access.PUBLIC, accounts::login),
                post("/api/auth/refresh", Access.PUBLIC, accounts::refresh),
                post("/api/auth/logout", Access.PUBLIC, accounts::logout),
                post("/api/auth/accept-invitation", Access.PUBLIC, accounts::acceptInvitation),
                get("/api/me", Access.SIGNED_IN, accounts::me),
                get("/api/me/notification-preferences", Access.people(OWNER, ADMIN, ANALYST, VIEWER).andClientViewers(),
                        preferences::get),
                ApiRoute.put("/api/me/notification-preferences",
                        Access.people(OWNER, ADMIN, ANALYST, VIEWER).andClientViewers(), preferences::put),

                get("/api/clients", Access.CLIENT_READERS, clients::list),
                post("/api/clients", Access.CLIENT_WRITERS, clients::create),
                post("/api/clients/demo", Access.CLIENT_WRITERS, demo::create),
                get("/api/clients/:id", Access.CLIENT_READERS, clients::get),
                patch("/api/clients/:id", Access.CLIENT_WRITERS, clients::update),
                delete("/api/clients/:id", Access.CLIENT_DELETERS, clients::delete),

                get("/api/metrics", Access.SIGNED_IN, new MetricHandlers()),
                get("/api/clients/:id/competitors", Access.CLIENT_READERS, competitors::list),
                post("/api/clients/:id/competitors", Access.CLIENT_WRITERS, competitors::create),
                patch("/api/clients/:id/competitors/:competitorId", Access.CLIENT_WRITERS, competitors::update),
                delete("/api/clients/:id/competitors/:competitorId", Access.CLIENT_WRITERS, competitors::delete),
                post("/api/clients/:id/observations", Access.DATA_WRITERS, observations::ingest)
                        .withBodyLimit(ObservationHandlers.MAX_BODY_BYTES),
                get("/api/clients/:id/observations", Access.CLIENT_READERS, observations::series),
                get("/api/clients/:id/dimensions", Access.CLIENT_READERS, observations::dimensions),
                get("/api/clients/:id/metrics/measured", Access.CLIENT_READERS, observations::measured),
                post("/api/clients/:id/posts", Access.DATA_WRITERS, posts::upsert).withBodyLimit(ObservationHandlers.MAX_BODY_BYTES),
                get("/api/clients/:id/posts", Access.CLIENT_READERS, posts::list),
                post("/api/clients/:id/imports", Access.DATA_WRITERS, imports::upload)
                        .streamingBodyOf(ImportHandlers.MAX_BODY_BYTES),
                get("/api/clients/:id/imports", Access.CLIENT_READERS, imports::list),
                get("/api/clients/:id/imports/:importId", Access.CLIENT_READERS, imports::get),
                get("/api/clients/:id/score", Access.CLIENT_READERS, scores::score),
                get("/api/clients/:id/score/history", Access.CLIENT_READERS, scores::history),
                get("/api/clients/:id/score/inputs", Access.CLIENT_READERS, scores::inputs),
                get("/api/clients/:id/weights", Access.CLIENT_READERS, scores::getWeights),
                ApiRoute.put("/api/clients/:id/weights", Access.CLIENT_WRITERS, scores::putWeights),

                get("/api/clients/:id/annotations", Access.CLIENT_READERS, annotations::list),
                post("/api/clients/:id/annotations", Access.CLIENT_WRITERS, annotations::create),
                get("/api/clients/:id/annotations/:annotationId", Access.CLIENT_READERS, annotations::get),
                patch("/api/clients/:id/annotations/:annotationId", Access.CLIENT_WRITERS, annotations::update),
                delete("/api/clients/:id/annotations/:annotationId", Access.CLIENT_WRITERS, annotations::delete),
                get("/api/clients/:id/annotations/:annotationId/impact", Access.CLIENT_READERS, annotations::impact),
                get("/api/clients/:id/activity", Access.CLIENT_READERS, activity::list),
                get("/api/goals", Access.CLIENT_READERS, goals::portfolio),
                get("/api/clients/:id/goals", Access.CLIENT_READERS, goals::list),
                post("/api/clients/:id/goals", Access.CLIENT_WRITERS, goals::create),
                get("/api/clients/:id/goals/:goalId", Access.CLIENT_READERS, goals::get),
                patch("/api/clients/:id/goals/:goalId", Access.CLIENT_WRITERS, goals::update),
                delete("/api/clients/:id/goals/:goalId", Access.CLIENT_WRITERS, goals::delete),
                get("/api/clients/:id/report-schedules", Access.CLIENT_WRITERS, schedules::list),
                post("/api/clients/:id/report-schedules", Access.CLIENT_WRITERS, schedules::create),
                get("/api/clients/:id/report-schedules/:scheduleId", Access.CLIENT_WRITERS, schedules::get),
                patch("/api/clients/:id/report-schedules/:scheduleId", Access.CLIENT_WRITERS, schedules::update),
                delete("/api/clients/:id/report-schedules/:scheduleId", Access.CLIENT_WRITERS, schedules::delete),
                post("/api/clients/:id/report-schedules/:scheduleId/send", Access.CLIENT_WRITERS, schedules::send),
                get("/api/clients/:id/report-unsubscribes", Access.CLIENT_WRITERS, schedules::unsubscribed),
                delete("/api/clients/:id/report-unsubscribes", Access.CLIENT_DELETERS, schedules::allowAgain),
                get("/api/clients/:id/report-reviews", Access.CLIENT_WRITERS, reviews::list),
                get("/api/report-reviews", Access.CLIENT_WRITERS, reviews::listAll),
                post("/api/clients/:id/report-reviews/:reviewId/approve", Access.CLIENT_WRITERS, reviews::approve),
                post("/api/clients/:id/report-reviews/:reviewId/skip", Access.CLIENT_WRITERS, reviews::skip),
                get("/api/clients/:id/alert-rules", Access.CLIENT_READERS, alertRules::list),
                post("/api/clients/:id/alert-rules", Access.CLIENT_WRITERS, alertRules::create),
                patch("/api/clients/:id/alert-rules/:ruleId", Access.CLIENT_WRITERS, alertRules::update),
                delete("/api/clients/:id/alert-rules/:ruleId", Access.CLIENT_WRITERS, alertRules::delete),
                get("/api/clients/:id/alerts", Access.CLIENT_READERS, alerts::list),
                // an acknowledgement is a person's: it says who looked
                post("/api/clients/:id/alerts/:alertId/acknowledge", Access.COMMENTERS, alerts::acknowledge),
                get("/api/clients/:id/sites", Access.CLIENT_READERS, sites::list),
                post("/api/clients/:id/sites", Access.CLIENT_WRITERS, sites::create),
                patch("/api/clients/:id/sites/:siteId", Access.CLIENT_WRITERS, sites::update),
                delete("/api/clients/:id/sites/:siteId", Access.CLIENT_WRITERS, sites::delete),
                get("/api/clients/:id/web/stats", Access.CLIENT_READERS, web::stats),
                get("/api/clients/:id/web/breakdown", Access.CLIENT_READERS, web::breakdown),
                get("/api/clients/:id/web/realtime", Access.CLIENT_READERS, web::realtime),
                get("/api/clients/:id/report.pdf", Access.CLIENT_READERS, reports::pdf),
                get("/api/clients/:id/report.csv", Access.CLIENT_READERS, reports::csv),
                get("/api/clients/:id/comments", Access.CLIENT_READERS, comments::list),
                post("/api/clients/:id/comments", Access.COMMENTERS, comments::create),
                get("/api/clients/:id/comments/mentionable", Access.COMMENTERS, comments::mentionable),
                patch("/api/clients/:id/comments/:commentId", Access.COMMENTERS, comments::update),
                delete("/api/clients/:id/comments/:commentId", Access.COMMENTERS, comments::delete),
                get("/api/clients/:id/share-links", Access.SHARERS, shareLinks::list),
                post("/api/clients/:id/share-links", Access.SHARERS, shareLinks::create),
                patch("/api/clients/:id/share-links/:linkId", Access.SHARERS, shareLinks::update),
                delete("/api/clients/:id/share-links/:linkId", Access.SHARERS, shareLinks::revoke),
                // public: the link's token is the credential, checked against the database on every request
                get("/api/shared/:token", Access.PUBLIC, shared::dashboard),
                get("/api/shared/:token/logo", Access.PUBLIC, shared::logo),
                post("/api/shared/:token/unlock", Access.PUBLIC, shared::unlock).withBodyLimit(4 * 1024),
                post("/api/unsubscribe", Access.PUBLIC, unsubscribes::confirm).withBodyLimit(UnsubscribeHandlers.MAX_BODY),
                get("/api/notifications", Access.people(OWNER, ADMIN, ANALYST, VIEWER).andClientViewers(),
                        notifications::list),
                post("/api/notifications/read-all", Access.people(OWNER, ADMIN, ANALYST, VIEWER).andClientViewers(),
                        notifications::markAllRead),
                post("/api/notifications/:notificationId/read",
                        Access.people(OWNER, ADMIN, ANALYST, VIEWER).andClientViewers(), notifications::markRead),

                post("/api/live/ticket", Access.CLIENT_READERS, live::ticket),
                // public at the HTTP level: the single-use ticket from the line above is the credential
                ApiRoute.webSocket("/api/live", Access.PUBLIC, live::connect),

                get("/api/members", Access.TEAM_MANAGERS, members::list),
                patch("/api/members/:userId", Access.TEAM_MANAGERS, members::update),
                delete("/api/members/:userId", Access.TEAM_MANAGERS, members::remove),
                post("/api/members/invitations", Access.TEAM_MANAGERS, members::invite),
                get("/api/members/invitations", Access.TEAM_MANAGERS, members::listInvitations),
                delete("/api/members/invitations/:id", Access.TEAM_MANAGERS, members::revokeInvitation),

                get("/api/agency/branding", Access.AGENCY_PEOPLE, branding::get),
                ApiRoute.put("/api/agency/branding", Access.BRAND_MANAGERS, branding::put).withBodyLimit(8 * 1024),
                get("/api/agency/branding/logo", Access.AGENCY_PEOPLE, branding::logo),
                ApiRoute.put("/api/agency/branding/logo", Access.BRAND_MANAGERS, branding::putLogo)
                        .withBodyLimit(BrandingHandlers.MAX_LOGO_BYTES),
                delete("/api/agency/branding/logo", Access.BRAND_MANAGERS, branding::deleteLogo),
                get("/api/webhooks", Access.TEAM_MANAGERS, webhooks::list),
                post("/api/webhooks", Access.TEAM_MANAGERS, webhooks::create),
                delete("/api/webhooks/:webhookId", Access.TEAM_MANAGERS, webhooks::delete),
                get("/api/webhooks/:webhookId/deliveries", Access.TEAM_MANAGERS, webhooks::deliveries),
                post("/api/webhooks/:webhookId/test", Access.TEAM_MANAGERS, webhooks::test),
                get("/api/deliveries", Access.TEAM_MANAGERS, webhooks::allDeliveries),

                get("/api/tokens", Access.TEAM_MANAGERS, tokens::list),
                post("/api/tokens", Access.TEAM_MANAGERS, tokens::create),
                delete("/api/tokens/:id", Access.TEAM_MANAGERS, tokens::revoke));
    }

    /**
     * Before a streamed route's checks: the body waits (paused) for its handler, a declared length over the limit is
     * a 413 at once, and a body left unread by an answer (a refusal) closes the connection rather than being drained.
     */
    private static void streamLater(io.vertx.ext.web.RoutingContext ctx, long limit) {
        io.vertx.core.http.HttpServerRequest request = ctx.request();
        request.pause();
        String declared = request.getHeader("Content-Length");
        if (declared != null && declared.trim().matches("\\d{1,18}") && Long.parseLong(declared.trim()) > limit) {
            ctx.response().putHeader("Connection", "close");
            closeAfterAnswer(ctx);
            ctx.fail(413);
            return;
        }
        ctx.addHeadersEndHandler(done -> {
            if (!request.isEnded()) {
                ctx.response().putHeader("Connection", "close");
                closeAfterAnswer(ctx);
            }
        });
        ctx.next();
    }

    /**
     * Closes the connection once the answer is sent: the Connection header alone left it open (the body paused) until
     * the idle timeout, and a client still writing its body waited that minute for the refusal.
     */
    private static void closeAfterAnswer(io.vertx.ext.web.RoutingContext ctx) {
        ctx.addEndHandler(answered -> ctx.request().connection().close());
    }

    /** Routes about one client: its id is checked (well-formed, visible to the caller) before the handler runs. */
    private static final String CLIENT_PATH = "/api/clients/:id";

    private static Router build(Vertx vertx, Services services, InFlight inFlight, List<ApiRoute> routes, WebApp webApp,
                                TrackingHandlers tracking) {
        Router router = Router.router(vertx);
        router.route().handler(new AccessLog()).handler(new SecurityHeaders()).handler(new PathSegments()).handler(inFlight);
        // the tracker: its script for any site, and its events from any origin (answers, errors too, readable by all)
        router.get("/zf.js").handler(tracking::script);
        router.route("/api/events").handler(TrackingHandlers::cors);
        router.options("/api/events").handler(tracking::preflight);
        MethodologyPage.mount(router);
        // a mail client's one-click unsubscribe (RFC 8058) posts to the e-mail's link itself, outside /api/
        router.post(ScheduledReports.UNSUBSCRIBE_PATH).handler(BodyHandler.create(false)
                .setBodyLimit(UnsubscribeHandlers.MAX_BODY))
                .handler(new UnsubscribeHandlers(services.tenancy(), services.scheduledReports())::oneClick);
        Authenticator authenticator = new Authenticator(services.jwt(), services.tenancy());
        for (ApiRoute route : routes) {
            Route mounted = router.route(route.method(), route.path());
            // a GET reads no body; Vert.x Web's body handler fails on one sent as a form (multipart decoding is for
            // POST, PUT, PATCH and DELETE only), so a stray Content-Type would have been a 500
            if (route.streamed()) {
                mounted.handler(ctx -> streamLater(ctx, route.bodyLimit()));
            } else if (!route.webSocket() && route.method() != io.vertx.core.http.HttpMethod.GET) {
                mounted.handler(BodyHandler.create(false).setBodyLimit(route.bodyLimit()));
            }
            if (!route.access().isPublic()) {
                mounted.handler(authenticator).handler(Authenticator.guard(route.access()));
                if (route.path().startsWith(CLIENT_PATH)) {
                    mounted.handler(ClientScope::requireVisible);
                }
            }
            mounted.handler(route.handler());
        }
        webApp.mount(router);

        FailureHandler failures = new FailureHandler();
        router.route().failureHandler(failures);
        // requests no route matched: unknown path (404) or known path with another method (405)
        router.errorHandler(404, failures);
        router.errorHandler(405, failures);
        // what Vert.x refuses before routing (a path or query that does not decode): JSON too
        router.errorHandler(400, new UndecodableRequest());
        return router;
    }
}
