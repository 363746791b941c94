package com.zoomfactor.backend.app;

import com.zoomfactor.backend.auth.Authenticator;
import com.zoomfactor.backend.auth.JwtTokens;
import com.zoomfactor.backend.auth.LoginThrottle;
import com.zoomfactor.backend.auth.Passwords;
import com.zoomfactor.backend.auth.SigningKey;
import com.zoomfactor.backend.config.AppConfig;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.goals.GoalForecasts;
import com.zoomfactor.backend.http.PublicLinks;
import com.zoomfactor.backend.imports.ImportRunner;
import com.zoomfactor.backend.live.LiveHub;
import com.zoomfactor.backend.outbox.Outbox;
import com.zoomfactor.backend.reports.ReportMaker;
import com.zoomfactor.backend.reports.ReportQueue;
import com.zoomfactor.backend.schedules.ScheduledReports;
import com.zoomfactor.backend.schedules.UnsubscribeTokens;
import com.zoomfactor.backend.scores.ScoreService;
import com.zoomfactor.backend.sharing.SharedRequestLimit;
import com.zoomfactor.backend.tracking.Tracking;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/** The long-lived collaborators that handlers share, made once per server. */
public record Services(Pool pool, Tenancy tenancy, JwtTokens jwt, Passwords passwords, LoginThrottle throttle,
                       ScoreService scores, LiveHub live, SharedRequestLimit sharedReads, ReportQueue reports,
                       PublicLinks links, ImportRunner imports, Tracking tracking, Outbox outbox,
                       ScheduledReports scheduledReports) {

    /** Loads (or first creates) the signing key and prepares password hashing, both off the event loop. */
    public static Future<Services> create(Vertx vertx, AppConfig config, Pool pool) {
        return vertx.executeBlocking(() -> SigningKey.load(config))
                .compose(key -> Passwords.create(vertx).map(passwords -> {
                    Tenancy tenancy = new Tenancy(pool);
                    JwtTokens jwt = new JwtTokens(vertx, key);
                    ScoreService scores = new ScoreService(vertx, tenancy);
                    PublicLinks links = new PublicLinks(config.publicUrl());
                    Outbox outbox = new Outbox(config);
                    GoalForecasts goals = new GoalForecasts(vertx);
                    return new Services(pool, tenancy, jwt, passwords, new LoginThrottle(),
                            scores, new LiveHub(tenancy, new Authenticator(jwt, tenancy)),
                            new SharedRequestLimit(), new ReportQueue(), links,
                            new ImportRunner(vertx, tenancy, config.dataDir().resolve("imports")),
                            new Tracking(vertx, pool, tenancy, config.trustProxy(),
                                    config.clickhouseUrl()), outbox,
                            new ScheduledReports(outbox, new ReportMaker(vertx, scores, goals, links), scores, goals,
                                    new UnsubscribeTokens(key)));
                }));
    }
}
