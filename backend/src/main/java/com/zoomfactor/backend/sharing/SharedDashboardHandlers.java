package com.zoomfactor.backend.sharing;

import com.zoomfactor.backend.annotations.Annotation;
import com.zoomfactor.backend.annotations.AnnotationStore;
import com.zoomfactor.backend.auth.JwtTokens;
import com.zoomfactor.backend.branding.Branding;
import com.zoomfactor.backend.branding.BrandingStore;
import com.zoomfactor.backend.branding.LogoResponse;
import com.zoomfactor.backend.auth.OpaqueToken;
import com.zoomfactor.backend.auth.Passwords;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.goals.Goal;
import com.zoomfactor.backend.goals.GoalForecasts;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonBody;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.observations.Series;
import com.zoomfactor.backend.scores.ScoreService;
import com.zoomfactor.backend.scores.ScoredClient;
import com.zoomfactor.backend.scores.ScoreSnapshot;
import com.zoomfactor.backend.scores.ScoreSnapshotStore;
import com.zoomfactor.backend.sharing.SharedLinkStore.Link;
import com.zoomfactor.backend.sharing.SharedLinkStore.SharedClient;
import com.zoomfactor.domain.access.PasswordPolicy;
import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The public side of share links: the read-only dashboard of the link's client, for whoever holds the link. Every
 * request reads the link's row (revoked or expired links answer 404 at once, on every instance); a password-protected
 * link also needs an access grant from {@link #unlock}, whose wrong guesses are counted in the database.
 */
public final class SharedDashboardHandlers {

    /** The header that carries an access grant to a password-protected link. */
    public static final String GRANT_HEADER = "X-Share-Grant";
    /** Wrong passwords a link takes per {@link #THROTTLE_WINDOW} before it answers 429 until the oldest one ages out. */
    static final int MAX_WRONG_PASSWORDS = 5;
    static final Duration THROTTLE_WINDOW = Duration.ofMinutes(15);
    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 366;
    /** The same answer for unknown, revoked and expired links: a holder learns nothing about which. */
    public static final String GONE = com.zoomfactor.backend.http.PathSegments.SHARE_LINK_GONE;

    /** An annotation as a link's holder sees it: without the agency people who wrote it. */
    public record SharedAnnotation(UUID id, LocalDate date, String text, String metric) {
    }

    public record SharedHistory(LocalDate from, LocalDate to, List<ScoreSnapshot> points, boolean truncated) {
    }

    /**
     * The answer to GET /api/shared/{token}, but for the score's explanation, added as it was computed when the link
     * shows the score ({@code scoreHistory} is null when it does not).
     */
    public record SharedDashboard(SharedClient client, LocalDate from, LocalDate to, OffsetDateTime expiresAt,
                                  ShareContent shows, SharedBranding branding, SharedHistory scoreHistory,
                                  List<Metric> metrics, List<Series> series, List<SharedAnnotation> annotations,
                                  List<Goal> goals) {
    }

    /** The agency as its client sees it; {@code logo} says whether GET /api/shared/{token}/logo has one. */
    public record SharedBranding(String name, String colour, String footer, boolean poweredBy, boolean logo) {

        static SharedBranding of(Branding branding) {
            return new SharedBranding(branding.name(), branding.colourOrDefault(), branding.footer(),
                    branding.poweredBy(), branding.logo() != null);
        }
    }

    public record Grant(String grant, String header, long expiresInSeconds) {
    }

    private final Tenancy tenancy;
    private final Passwords passwords;
    private final JwtTokens jwt;
    private final ScoreService scores;
    private final GoalForecasts goals;
    private final SharedRequestLimit limit;

    public SharedDashboardHandlers(Tenancy tenancy, Passwords passwords, JwtTokens jwt, ScoreService scores,
                                   GoalForecasts goals, SharedRequestLimit limit) {
        this.limit = limit;
        this.tenancy = tenancy;
        this.passwords = passwords;
        this.jwt = jwt;
        this.scores = scores;
        this.goals = goals;
    }

    /** GET /api/shared/{token}[?from=&to=] with {@value #GRANT_HEADER} for a password-protected link. */
    public void dashboard(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-store");
        String address = address(ctx);
        OpaqueToken token = token(ctx, address);
        // checked before the lookup (a bad period is the caller's mistake whatever the link); the link's own default
        // period applies once it is known
        QueryParams.dateRange(ctx, DEFAULT_DAYS, MAX_DAYS);
        countFailure(tenancy.inAgency(token.agencyId(), sql -> SharedLinkStore.find(sql, token)), address)
                .map(link -> {
                    // counted only now that the secret proved right: a stranger's wrong guesses cannot use it up
                    long wait = limit.acquire(link.id());
                    if (wait > 0) {
                        throw ApiException.tooManyRequests("This link is being read too often: try again in " + wait
                                + " s", wait);
                    }
                    return link;
                })
                .compose(link -> link.passwordHash() == null ? Future.succeededFuture(link) : granted(ctx, link))
                .compose(link -> load(link, QueryParams.dateRange(ctx, link.shows().defaultDays(), MAX_DAYS)))
                .onSuccess(dashboard -> JsonResponses.send(ctx.response(), 200, dashboard.toBuffer()))
                .onFailure(ctx::fail);
    }

    /**
     * GET /api/shared/{token}/logo — the link's agency's logo, for the page to show. A live link is enough (no
     * password grant: an image tag cannot send one, and the logo is what the agency shows every client).
     */
    public void logo(RoutingContext ctx) {
        String address = address(ctx);
        OpaqueToken token = token(ctx, address);
        countFailure(tenancy.inAgency(token.agencyId(), sql -> SharedLinkStore.find(sql, token)
                        .compose(link -> BrandingStore.logo(sql, link.agencyId()))), address)
                .onSuccess(logo -> LogoResponse.send(ctx, logo))
                .onFailure(ctx::fail);
    }

    /** POST /api/shared/{token}/unlock {password} → a grant for this link, valid for an hour. */
    public void unlock(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-store");
        String address = address(ctx);
        OpaqueToken token = token(ctx, address);
        String password = JsonBody.of(ctx).requiredRaw("password");
        if (password.length() > 4 * PasswordPolicy.MAX_LENGTH) {
            throw ApiException.badRequest("password: " + PasswordPolicy.problem(password).orElse("too long"));
        }
        UUID agencyId = token.agencyId();
        tenancy.inAgency(agencyId, sql -> countFailure(SharedLinkStore.findForGuess(sql, token), address)
                        .compose(link -> {
                            if (link.passwordHash() == null) {
                                throw ApiException.badRequest("This link has no password: GET it as it is");
                            }
                            return countGuess(sql, link);
                        }))
                .compose(guess -> passwords.matches(password, Optional.of(guess.link().passwordHash()))
                        .compose(right -> {
                            if (!right) {
                                return Future.failedFuture(passwordRequired("The password is wrong"));
                            }
                            // a right guess takes its attempt back: only wrong ones count against the link
                            return tenancy.inAgency(agencyId, sql -> ShareAttemptStore.forget(sql, agencyId,
                                            guess.attemptId()))
                                    .map(forgotten -> new Grant(jwt.issueShareGrant(guess.link().id()), GRANT_HEADER,
                                            JwtTokens.SHARE_GRANT_LIFETIME.toSeconds()));
                        }))
                .onSuccess(grant -> JsonResponses.send(ctx, 200, grant))
                .onFailure(ctx::fail);
    }

    private record Guess(Link link, long attemptId) {
    }

    /** Records a guess before its password is checked, or answers 429 while the link has had too many wrong ones. */
    private static Future<Guess> countGuess(SqlConnection sql, Link link) {
        int window = (int) THROTTLE_WINDOW.toSeconds();
        return ShareAttemptStore.forgetOlderThan(sql, link.agencyId(), link.id(), window)
                .compose(forgotten -> ShareAttemptStore.wait(sql, link.agencyId(), link.id(), window,
                        MAX_WRONG_PASSWORDS))
                .compose(wait -> {
                    if (wait.isPresent()) {
                        long seconds = Math.max(1, (long) Math.ceil(wait.get()));
                        throw ApiException.tooManyRequests("Too many wrong passwords for this link: try again in "
                                + seconds + " s", seconds);
                    }
                    return ShareAttemptStore.record(sql, link.agencyId(), link.id());
                })
                .map(attemptId -> new Guess(link, attemptId));
    }

    private Future<Link> granted(RoutingContext ctx, Link link) {
        String grant = ctx.request().getHeader(GRANT_HEADER);
        if (grant == null || grant.isBlank()) {
            return Future.failedFuture(passwordRequired("This link is protected by a password"));
        }
        return jwt.verifyShareGrant(grant.trim())
                .recover(invalid -> Future.failedFuture(passwordRequired(
                        "The access grant is not valid (it may have expired): enter the password again")))
                .compose(linkId -> linkId.equals(link.id()) ? Future.succeededFuture(link)
                        : Future.failedFuture(passwordRequired("The access grant is for another link")));
    }

    private static ApiException passwordRequired(String message) {
        return new ApiException(401, message, Map.of("passwordRequired", true), Map.of());
    }

    /**
     * The client's dashboard through the same loaders as the signed-in API, in one transaction, narrowed to what the
     * link shows: its metrics (and the goals and annotations about them), public annotations unless it chose all,
     * the score only when chosen.
     */
    private Future<JsonObject> load(Link link, QueryParams.DateRange range) {
        UUID agencyId = link.agencyId();
        UUID clientId = link.clientId();
        ShareContent shows = link.shows();
        List<Metric> metrics = MetricCatalogue.all().stream().filter(metric -> link.client().channels().isEmpty()
                || link.client().channels().contains(metric.channel().key())).toList();
        return tenancy.inAgency(agencyId, sql -> {
            Future<ScoredClient> score = shows.score() ? scores.scoreIn(sql, agencyId, clientId, ScoreService.today())
                    : Future.succeededFuture();
            Future<ScoreSnapshotStore.History> history = shows.score() ? ScoreSnapshotStore.history(sql, agencyId,
                    clientId, range.from(), range.to(), ScoreSnapshotStore.MAX_HISTORY_POINTS)
                    : Future.succeededFuture();
            List<Future<Series>> series = metrics.stream().filter(metric -> shows.showsMetric(metric.key()))
                    .map(metric -> Series.daily(sql, agencyId, clientId, metric, range)).toList();
            Future<List<Annotation>> annotations = ShareContent.NO_ANNOTATIONS.equals(shows.annotations())
                    ? Future.succeededFuture(List.of())
                    : AnnotationStore.between(sql, agencyId, clientId, range.from(), range.to());
            Future<List<Goal>> goalList = shows.goals() ? goals.all(sql, agencyId, clientId)
                    : Future.succeededFuture(List.of());
            Future<Branding> branding = BrandingStore.read(sql, agencyId);
            List<Future<?>> all = new ArrayList<>(series);
            all.add(score);
            all.add(history);
            all.add(annotations);
            all.add(goalList);
            all.add(branding);
            return Future.all(all).map(loaded -> {
                // only the series that have data in the range: the holder sees what was measured; every catalogue
                // entry of the client's channels, so that a driver naming another metric shows its name
                List<Series> measured = series.stream().map(Future::result)
                        .filter(s -> !s.points().isEmpty()).toList();
                boolean allAnnotations = ShareContent.ALL_ANNOTATIONS.equals(shows.annotations());
                List<SharedAnnotation> shownAnnotations = annotations.result().stream()
                        .filter(a -> allAnnotations || a.isPublic())
                        .filter(a -> a.metric() == null || shows.showsMetric(a.metric()))
                        .map(a -> new SharedAnnotation(a.id(), a.date(), a.text(), a.metric())).toList();
                List<Goal> shownGoals = goalList.result().stream()
                        .filter(g -> Goal.SCORE.equals(g.metric()) ? shows.score() : shows.showsMetric(g.metric()))
                        .toList();
                SharedDashboard dashboard = new SharedDashboard(link.client(), range.from(), range.to(),
                        link.expiresAt(), shows, SharedBranding.of(branding.result()),
                        shows.score() ? new SharedHistory(range.from(), range.to(), history.result().points(),
                                history.result().truncated()) : null,
                        metrics, measured, shownAnnotations, shownGoals);
                JsonObject answer = JsonResponses.toJsonObject(dashboard);
                return shows.score() ? answer.put("score", score.result().explanation()) : answer;
            });
        });
    }

    /**
     * The link's token, or 404 whatever its shape (429 once this address has named too many links that do not work
     * this minute). A well-formed token is always looked up, so that its holder is never refused for what others sent.
     */
    private OpaqueToken token(RoutingContext ctx, String address) {
        String text = ctx.pathParam("token");
        Optional<OpaqueToken> token = text == null ? Optional.empty() : OpaqueToken.parse(OpaqueToken.SHARE_LINK, text);
        if (token.isEmpty()) {
            throw failed(address);
        }
        return token.get();
    }

    /** A link that does not work: 404, or 429 once the address has sent too many of them this minute. */
    private ApiException failed(String address) {
        limit.failed(address);
        long wait = limit.failureWait(address);
        return wait > 0
                ? ApiException.tooManyRequests("Too many requests for links that do not work: try again in " + wait + " s",
                        wait)
                : ApiException.notFound(GONE);
    }

    private <T> Future<T> countFailure(Future<T> lookup, String address) {
        return lookup.recover(failure -> Future.failedFuture(failure instanceof ApiException e && e.status() == 404
                ? failed(address) : failure));
    }

    private static String address(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
    }
}
