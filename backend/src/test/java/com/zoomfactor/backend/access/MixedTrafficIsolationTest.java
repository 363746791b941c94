package com.zoomfactor.backend.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault suite #3: three agencies full of data (every role, every token scope, something in every resource with an
 * id), then thousands of requests in a seeded random order over every authenticated route of {@code /api/openapi.json}
 * (so a new route is covered without touching this test), each from a random caller with ids drawn from all three
 * agencies. Whatever is asked, no answer may show another agency's data: a request naming another agency's id gets
 * exactly the answer of the same request with a never-existing id (404, or the route's 403), never a 2xx; no body
 * anywhere carries another agency's marker text or ids; nothing answers 5xx; and what another agency's callers tried
 * to change or delete is still as it was.
 *
 * <p>Replay a failure with {@code -Disolation.seed=<seed from the log>} (and {@code -Disolation.requests=N}).
 */
class MixedTrafficIsolationTest {

    private static final Logger LOG = LoggerFactory.getLogger(MixedTrafficIsolationTest.class);
    private static final long SEED = Long.getLong("isolation.seed", 20261206L);
    private static final int REQUESTS = Integer.getInteger("isolation.requests", 10_000);
    /** Bounded concurrency: a few requests in flight, as a busy team would make, not a load test. */
    private static final int IN_FLIGHT = 8;
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final String VISITORS = "web.unique_visitors";
    private static final Pattern UUIDS = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Every name and text of agency X contains "AGY-X-" (e-mail addresses its lower case). */
    private static final Pattern MARKERS = Pattern.compile("agy-([a-z])-", Pattern.CASE_INSENSITIVE);

    /** What an id names; the path segment before a parameter says which kind it is. */
    enum Kind { CLIENT, COMPETITOR, ANNOTATION, COMMENT, GOAL, RULE, ALERT, LINK, MEMBER, INVITATION, TOKEN, NOTIFICATION, IMPORT,
        SITE, WEBHOOK, SCHEDULE, REVIEW }

    private static final Map<String, Kind> KIND_BY_SEGMENT = Map.ofEntries(
            Map.entry("clients", Kind.CLIENT), Map.entry("competitors", Kind.COMPETITOR),
            Map.entry("annotations", Kind.ANNOTATION), Map.entry("comments", Kind.COMMENT),
            Map.entry("goals", Kind.GOAL), Map.entry("alert-rules", Kind.RULE), Map.entry("alerts", Kind.ALERT),
            Map.entry("share-links", Kind.LINK), Map.entry("members", Kind.MEMBER),
            Map.entry("invitations", Kind.INVITATION), Map.entry("tokens", Kind.TOKEN),
            Map.entry("notifications", Kind.NOTIFICATION), Map.entry("imports", Kind.IMPORT),
            Map.entry("sites", Kind.SITE), Map.entry("webhooks", Kind.WEBHOOK),
            Map.entry("report-schedules", Kind.SCHEDULE), Map.entry("report-reviews", Kind.REVIEW));

    /** One existing thing: its kind, agency, id, client (if any) and parent (an alert's rule, a reply's thread). */
    record Ref(Kind kind, int agency, String id, String clientId, String parentId) {
    }

    /** Someone who calls the API. */
    record Caller(String label, String bearer, boolean person, String userId) {
    }

    /** An operation of the OpenAPI document. */
    record Operation(HttpMethod method, String template, List<String> params, String query, String bodyType) {

        String route() {
            return method.name() + " " + template;
        }
    }

    /** An id a request carries (in its path or body), so that its twin can swap the foreign ones for missing ones. */
    record Carried(Ref ref, boolean inPath) {
    }

    /** One planned request. */
    record Planned(int index, Operation op, int agency, Caller caller, List<Carried> ids, String path, String body) {

        boolean foreign() {
            return ids.stream().anyMatch(c -> c.ref().agency() != agency);
        }

        boolean foreignInPath() {
            return ids.stream().anyMatch(c -> c.inPath() && c.ref().agency() != agency);
        }

        String describe() {
            StringBuilder text = new StringBuilder("#" + index + " " + op.method() + " " + path + " as " + agencyLetter(agency)
                    + "/" + caller.label());
            if (body != null) {
                text.append(" body ").append(body);
            }
            return text.toString();
        }
    }

    /** One agency of the test and everything in it. */
    static final class Agency {
        final int index;
        final String marker;
        Session owner;
        final List<Caller> callers = new ArrayList<>();
        final Map<Kind, List<Ref>> refs = new EnumMap<>(Kind.class);
        /** Ids that this agency's own deletes must spare: the callers themselves and the client viewer's client. */
        final Set<String> spared = new HashSet<>();
        /** Things only other agencies' callers write (the agency itself only reads them): they must end as they began. */
        final Set<String> sealed = new HashSet<>();
        String sealedClient;
        final Map<String, JsonObject> roleOf = new HashMap<>();

        Agency(int index) {
            this.index = index;
            this.marker = "AGY-" + agencyLetter(index) + "-";
            for (Kind kind : Kind.values()) {
                refs.put(kind, new ArrayList<>());
            }
        }

        Ref add(Kind kind, String id, String clientId, String parentId) {
            Ref ref = new Ref(kind, index, id, clientId, parentId);
            refs.get(kind).add(ref);
            return ref;
        }
    }

    @RegisterExtension
    static final LiveServer live = new LiveServer();
    private static Http http;
    private static final List<Agency> agencies = new ArrayList<>();
    /** Every id the test knows, with its agency: none may show up in another agency's answers. */
    private static final Map<String, Integer> agencyOfId = new HashMap<>();
    /** Each ref's state after setup, to find what a foreign request changed. */
    private static final Map<Ref, JsonObject> before = new HashMap<>();

    static String agencyLetter(int agency) {
        return String.valueOf((char) ('A' + agency));
    }

    @BeforeAll
    static void setUp() throws Exception {
        http = live.http();
        for (int i = 0; i < 3; i++) {
            agencies.add(populate(new Agency(i)));
        }
        for (Agency agency : agencies) {
            awaitAlerts(agency);
            collectNotifications(agency);
            agency.refs.values().forEach(list -> list.stream().filter(ref -> agency.sealedClient.equals(ref.clientId()))
                    .forEach(ref -> agency.sealed.add(ref.id())));
            agencyOfId.put(agency.owner.agencyId().toString(), agency.index);
            agency.refs.values().forEach(list -> list.forEach(ref -> agencyOfId.put(ref.id(), agency.index)));
        }
        for (Agency agency : agencies) {
            agency.refs.values().forEach(list -> list.forEach(ref -> before.put(ref, state(ref))));
        }
    }

    // ---------------------------------------------------------------- setup: three agencies full of data

    private static JsonObject created(HttpMethod method, String path, String bearer, JsonObject body) {
        HttpResponse<Buffer> response = http.call(method, path, bearer, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.bodyAsString()).isBetween(200, 201);
        return response.bodyAsJsonObject();
    }

    private static String email(Agency agency, String who) {
        return agency.marker.toLowerCase(Locale.ROOT) + who + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "@example.com";
    }

    private static Agency populate(Agency agency) {
        String m = agency.marker;
        HttpResponse<Buffer> signedUp = http.call(HttpMethod.POST, "/api/auth/signup", null, new JsonObject()
                .put("agencyName", m + "agency").put("name", m + "owner").put("email", email(agency, "owner"))
                .put("password", Accounts.PASSWORD));
        assertThat(signedUp.statusCode()).as(signedUp.bodyAsString()).isEqualTo(201);
        Session owner = session(signedUp.bodyAsJsonObject());
        agency.owner = owner;
        String bearer = owner.accessToken();
        agency.callers.add(new Caller("owner", bearer, true, owner.userId().toString()));
        agency.add(Kind.MEMBER, owner.userId().toString(), null, null);
        agency.roleOf.put(owner.userId().toString(), new JsonObject().put("role", "owner"));
        agency.spared.add(owner.userId().toString());

        List<String> clients = new ArrayList<>();
        for (int c = 1; c <= 4; c++) {
            JsonObject client = created(HttpMethod.POST, "/api/clients", bearer, new JsonObject().put("name", m + "client-" + c)
                    .put("website", "https://" + m.toLowerCase(Locale.ROOT) + c + ".example"));
            clients.add(client.getString("id"));
            agency.add(Kind.CLIENT, client.getString("id"), client.getString("id"), null);
        }
        agency.spared.add(clients.get(0));
        String sealedClient = clients.get(3);

        // people of every role (the client viewer sees client 1), two more who may be removed, two pending invitations
        for (String role : new String[] {"admin", "analyst", "viewer", "client-viewer", "spare-analyst", "spare-viewer",
                "sealed-analyst"}) {
            String clientId = role.equals("client-viewer") ? clients.get(0) : null;
            String apiRole = role.equals("client-viewer") ? "viewer" : role.replaceAll("^(spare|sealed)-", "");
            Session person = invite(agency, apiRole, clientId, role);
            agency.add(Kind.MEMBER, person.userId().toString(), null, null);
            JsonObject roleBody = new JsonObject().put("role", apiRole);
            if (clientId != null) {
                roleBody.put("clientId", clientId);
            }
            agency.roleOf.put(person.userId().toString(), roleBody);
            if (role.startsWith("sealed-")) {
                agency.sealed.add(person.userId().toString());
            } else if (!role.startsWith("spare-")) {
                agency.callers.add(new Caller(role, person.accessToken(), true, person.userId().toString()));
                agency.spared.add(person.userId().toString());
            }
        }
        for (int i = 1; i <= 3; i++) {
            JsonObject invitation = created(HttpMethod.POST, "/api/members/invitations", bearer, new JsonObject()
                    .put("email", email(agency, "pending-" + i)).put("role", "viewer"));
            agency.add(Kind.INVITATION, invitation.getString("id"), null, null);
            if (i == 3) {
                agency.sealed.add(invitation.getString("id"));
            }
        }
        // webhooks to a public address (documentation range: nothing answers there), one that only others may touch
        for (String which : new String[] {"spare", "sealed"}) {
            JsonObject webhook = created(HttpMethod.POST, "/api/webhooks", bearer, new JsonObject()
                    .put("url", "https://203.0.113.10/" + m.toLowerCase(Locale.ROOT) + which)
                    .put("events", new JsonArray().add("alert.fired")));
            agency.add(Kind.WEBHOOK, webhook.getString("id"), null, null);
            if (which.equals("sealed")) {
                agency.sealed.add(webhook.getString("id"));
            }
        }
        // a token of each scope (callers), and one more that may be revoked
        for (String scope : new String[] {"read", "metrics:write", "admin", "spare", "sealed"}) {
            boolean extra = scope.equals("spare") || scope.equals("sealed");
            JsonObject token = created(HttpMethod.POST, "/api/tokens", bearer, new JsonObject().put("name", m + "token-" + scope)
                    .put("scopes", new JsonArray().add(extra ? "read" : scope)));
            agency.add(Kind.TOKEN, token.getString("id"), null, null);
            if (scope.equals("sealed")) {
                agency.sealed.add(token.getString("id"));
            } else if (!extra) {
                agency.callers.add(new Caller("token-" + scope, token.getString("token"), false, null));
                agency.spared.add(token.getString("id"));
            }
        }
        String analystId = agency.callers.stream().filter(c -> c.label().equals("analyst")).findFirst().orElseThrow().userId();
        String analystBearer = agency.callers.stream().filter(c -> c.label().equals("analyst")).findFirst().orElseThrow().bearer();

        for (int c = 0; c < clients.size(); c++) {
            String client = clients.get(c);
            String base = "/api/clients/" + client;
            // a threshold rule first (it watches from today), then data that breaches it today: one alert per client
            JsonObject rule = created(HttpMethod.POST, base + "/alert-rules", bearer, new JsonObject().put("kind", "threshold")
                    .put("metric", VISITORS).put("direction", "above").put("threshold", 1000));
            agency.add(Kind.RULE, rule.getString("id"), client, null);
            agency.add(Kind.RULE, created(HttpMethod.POST, base + "/alert-rules", bearer, new JsonObject().put("kind", "adaptive")
                    .put("metric", "web.pageviews")).getString("id"), client, null);
            JsonObject competitor = created(HttpMethod.POST, base + "/competitors", bearer, new JsonObject()
                    .put("name", m + "competitor-" + c).put("handles", new JsonObject().put("twitter", "@" + m + c)));
            agency.add(Kind.COMPETITOR, competitor.getString("id"), client, null);
            JsonArray points = new JsonArray();
            for (int ago = 20; ago >= 1; ago--) {
                points.add(new JsonObject().put("metric", VISITORS).put("date", TODAY.minusDays(ago).toString()).put("value", 400 + ago));
                points.add(new JsonObject().put("metric", "web.pageviews").put("date", TODAY.minusDays(ago).toString())
                        .put("value", 900 + ago).put("dimension", "/" + m + "page"));
            }
            points.add(new JsonObject().put("metric", "search.avg_position").put("date", TODAY.minusDays(2).toString())
                    .put("value", 3.5).put("dimension", m + "query").put("competitorId", competitor.getString("id")));
            created(HttpMethod.POST, base + "/observations", bearer, new JsonObject().put("points", points));
            created(HttpMethod.POST, base + "/observations", bearer, new JsonObject().put("points", new JsonArray()
                    .add(new JsonObject().put("metric", VISITORS).put("date", TODAY.toString()).put("value", 5000))));
            created(HttpMethod.POST, base + "/posts", bearer, new JsonObject().put("posts", new JsonArray()
                    .add(new JsonObject().put("channel", "twitter").put("externalId", m + c).put("publishedAt",
                            TODAY.minusDays(3) + "T09:30:00Z").put("text", m + "post-" + c)
                            .put("metrics", new JsonObject().put("impressions", 1000).put("retweets", 5)))));
            // an import per client (its preview names the agency's page), to be read by id across agencies
            HttpResponse<Buffer> imported = http.sendText(HttpMethod.POST, base + "/imports", bearer, "text/csv",
                    "date,metric,value,dimension\n" + TODAY.minusDays(4) + ",web.pageviews,7,/" + m + "imported\n");
            assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(201);
            agency.add(Kind.IMPORT, imported.bodyAsJsonObject().getString("id"), client, null);
            for (int a = 0; a < 2; a++) {
                agency.add(Kind.ANNOTATION, created(HttpMethod.POST, base + "/annotations", bearer, new JsonObject()
                        .put("date", TODAY.minusDays(5 + a).toString()).put("text", m + "annotation-" + c + "-" + a))
                        .getString("id"), client, null);
            }
            // a thread that mentions the analyst (a notification), and the analyst's reply
            JsonObject thread = created(HttpMethod.POST, base + "/comments", bearer, new JsonObject().put("text", m + "comment-" + c)
                    .put("metric", VISITORS).put("mentions", new JsonArray().add(analystId)));
            agency.add(Kind.COMMENT, thread.getString("id"), client, null);
            agency.add(Kind.COMMENT, created(HttpMethod.POST, base + "/comments", analystBearer, new JsonObject()
                    .put("text", m + "reply-" + c).put("parentId", thread.getString("id"))).getString("id"), client,
                    thread.getString("id"));
            agency.add(Kind.GOAL, created(HttpMethod.POST, base + "/goals", bearer, new JsonObject().put("metric", VISITORS)
                    .put("target", 2000 + c).put("deadline", TODAY.plusDays(60).toString())).getString("id"), client, null);
            agency.add(Kind.GOAL, created(HttpMethod.POST, base + "/goals", bearer, new JsonObject().put("target", 70)
                    .put("deadline", TODAY.plusDays(90).toString())).getString("id"), client, null);
            for (int l = 0; l < 2; l++) {
                agency.add(Kind.LINK, created(HttpMethod.POST, base + "/share-links", bearer, new JsonObject()).getString("id"),
                        client, null);
            }
            created(HttpMethod.PUT, base + "/weights", bearer, weights(1));
            // two report schedules per client (their recipients name the agency), each with a report in review
            for (int r = 0; r < 2; r++) {
                JsonObject schedule = created(HttpMethod.POST, base + "/report-schedules", bearer, new JsonObject()
                        .put("frequency", "weekly").put("dayOfWeek", 1 + r).put("hour", 9).put("review", true)
                        .put("recipients", new JsonArray().add(email(agency, "report-" + c + "-" + r))));
                agency.add(Kind.SCHEDULE, schedule.getString("id"), client, null);
                agency.add(Kind.REVIEW, reviewFor(agency, client, schedule.getString("id"), m), client, null);
            }
            // a tracked site per client (its domain names the agency)
            agency.add(Kind.SITE, created(HttpMethod.POST, base + "/sites", bearer, new JsonObject().put("domain",
                    m.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "site-" + c + ".example")).getString("id"),
                    client, null);
        }
        // the agency's logo, so that reading it answers the agency's own data from the start
        assertThat(http.sendText(HttpMethod.PUT, "/api/agency/branding/logo", bearer, "image/svg+xml", svgLogo(m))
                .statusCode()).isEqualTo(200);
        agency.sealedClient = sealedClient;
        return agency;
    }

    /**
     * A report waiting for review, as the scheduler would queue it (the test server has no mail, so its scheduler
     * does not run); its summary names the agency.
     */
    private static String reviewFor(Agency agency, String client, String scheduleId, String marker) {
        com.zoomfactor.backend.db.Tenancy tenancy = new com.zoomfactor.backend.db.Tenancy(live.server().pool());
        return tenancy.inAgency(agency.owner.agencyId(), sql -> sql.preparedQuery("""
                        INSERT INTO report_reviews (agency_id, client_id, schedule_id, period_from, period_to, summary, pdf)
                        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""")
                .execute(io.vertx.sqlclient.Tuple.from(new Object[] {agency.owner.agencyId(), UUID.fromString(client),
                        UUID.fromString(scheduleId), TODAY.minusDays(14), TODAY.minusDays(8), marker + "summary",
                        Buffer.buffer("%PDF-")}))
                .map(rows -> rows.iterator().next().getUUID("id").toString()))
                .toCompletionStage().toCompletableFuture().join();
    }

    private static String svgLogo(String marker) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><text>" + marker + "logo</text></svg>";
    }

    private static Session session(JsonObject body) {
        return new Session(body.getString("accessToken"), body.getString("refreshToken"),
                UUID.fromString(body.getJsonObject("user").getString("id")),
                UUID.fromString(body.getJsonObject("agency").getString("id")), body.getJsonObject("user").getString("email"));
    }

    private static Session invite(Agency agency, String role, String clientId, String label) {
        JsonObject invitation = new JsonObject().put("email", email(agency, label)).put("role", role);
        if (clientId != null) {
            invitation.put("clientId", clientId);
        }
        String token = created(HttpMethod.POST, "/api/members/invitations", agency.owner.accessToken(), invitation).getString("token");
        HttpResponse<Buffer> accepted = http.call(HttpMethod.POST, "/api/auth/accept-invitation", null, new JsonObject()
                .put("token", token).put("name", agency.marker + label).put("password", Accounts.PASSWORD));
        assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(201);
        return session(accepted.bodyAsJsonObject());
    }

    private static JsonObject weights(double each) {
        JsonObject weights = new JsonObject();
        for (String component : new String[] {"attention", "loyalty", "reach", "amplification", "conversation",
                "discoverability", "momentum"}) {
            weights.put(component, each);
        }
        return weights;
    }

    /** The alert watcher fires in the background: wait (generously) until each client's breach has become an alert. */
    private static void awaitAlerts(Agency agency) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Ref client : agency.refs.get(Kind.CLIENT)) {
            JsonArray alerts;
            while ((alerts = http.call(HttpMethod.GET, "/api/clients/" + client.id() + "/alerts", agency.owner.accessToken(),
                    null).bodyAsJsonArray()).isEmpty()) {
                assertThat(System.nanoTime()).as("the breach of " + client.id() + " never fired an alert").isLessThan(deadline);
                Thread.sleep(100);
            }
            List<JsonObject> fired = new ArrayList<>();
            alerts.forEach(a -> fired.add((JsonObject) a));
            fired.sort(java.util.Comparator.comparing(a -> position(agency, Kind.RULE, a.getString("ruleId")) + a.getString("day")));
            for (JsonObject a : fired) {
                agency.add(Kind.ALERT, a.getString("id"), client.id(), a.getString("ruleId"));
            }
        }
    }

    /** Mentions and alerts notified the agency's people: their notifications (numbered ids) are ids to try too. */
    private static void collectNotifications(Agency agency) {
        for (Caller caller : agency.callers) {
            if (!caller.person()) {
                continue;
            }
            List<JsonObject> mine = new ArrayList<>();
            http.call(HttpMethod.GET, "/api/notifications", caller.bearer(), null).bodyAsJsonArray()
                    .forEach(n -> mine.add((JsonObject) n));
            // in the order of what they are about, not of their numbers (alerts fire in parallel): the same seed then
            // draws the same notifications on every run
            mine.sort(java.util.Comparator.comparing(n -> position(agency, Kind.CLIENT, n.getString("clientId"))
                    + "|" + n.getString("kind") + "|" + position(agency, Kind.COMMENT, n.getString("commentId"))
                    + "|" + position(agency, Kind.ALERT, n.getString("alertId"))));
            for (JsonObject n : mine) {
                agency.add(Kind.NOTIFICATION, String.valueOf(n.getLong("id")), n.getString("clientId"), caller.userId());
            }
        }
        assertThat(agency.refs.get(Kind.NOTIFICATION)).as("mentions and alerts notified people").isNotEmpty();
    }

    /** Where a ref stands in its agency's pool (creation order), as a sortable text; "-" for none. */
    private static String position(Agency agency, Kind kind, String id) {
        List<Ref> refs = agency.refs.get(kind);
        for (int i = 0; i < refs.size(); i++) {
            if (refs.get(i).id().equals(id)) {
                return String.format(Locale.ROOT, "%04d", i);
            }
        }
        return "-";
    }

    // ---------------------------------------------------------------- the routes, from the OpenAPI document

    private static List<Operation> operations() {
        JsonObject document = http.get("/api/openapi.json").bodyAsJsonObject();
        JsonArray globalSecurity = document.getJsonArray("security", new JsonArray());
        List<Operation> operations = new ArrayList<>();
        for (String template : new TreeMap<>(document.getJsonObject("paths").getMap()).keySet()) {
            JsonObject item = document.getJsonObject("paths").getJsonObject(template);
            for (String method : item.fieldNames()) {
                if (!Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    continue;
                }
                JsonObject op = item.getJsonObject(method);
                JsonArray security = op.getJsonArray("security", globalSecurity);
                // public routes are not the tenant's (sign-up, sign-in, share links whose token is the credential);
                // the WebSocket's ticket is its credential (LiveChannelTest)
                if (security.isEmpty() || op.getJsonObject("responses", new JsonObject()).containsKey("101")) {
                    continue;
                }
                List<String> params = new ArrayList<>();
                Matcher matcher = Pattern.compile("\\{(\\w+)}").matcher(template);
                while (matcher.find()) {
                    params.add(matcher.group(1));
                }
                StringBuilder query = new StringBuilder();
                for (Object p : op.getJsonArray("parameters", new JsonArray())) {
                    JsonObject param = (JsonObject) p;
                    if ("query".equals(param.getString("in")) && param.getBoolean("required", false)) {
                        JsonArray examples = param.getJsonObject("schema", new JsonObject()).getJsonArray("examples");
                        assertThat(examples).as("an example for the required " + param.getString("name") + " of "
                                + method + " " + template).isNotNull().isNotEmpty();
                        query.append(query.isEmpty() ? "?" : "&").append(param.getString("name")).append('=')
                                .append(examples.getValue(0));
                    }
                }
                JsonObject content = op.getJsonObject("requestBody", new JsonObject()).getJsonObject("content", new JsonObject());
                String bodyType = content.isEmpty() ? null
                        : content.containsKey("application/json") ? "application/json" : content.fieldNames().iterator().next();
                operations.add(new Operation(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)), template, params,
                        query.toString(), bodyType));
            }
        }
        return operations;
    }

    private static Kind kindOf(Operation op, String param) {
        String[] segments = op.template().split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].equals("{" + param + "}")) {
                Kind kind = KIND_BY_SEGMENT.get(segments[i - 1]);
                assertThat(kind).as("which ids {" + param + "} of " + op.route() + " takes: add its kind to KIND_BY_SEGMENT")
                        .isNotNull();
                return kind;
            }
        }
        throw new AssertionError("no {" + param + "} in " + op.template());
    }

    // ---------------------------------------------------------------- the plan: seeded, so a failure can be replayed

    private static List<Planned> plan(List<Operation> operations, Random random) {
        double[] weights = operations.stream().mapToDouble(op -> switch (op.method().name()) {
            case "GET" -> 1.0;
            case "DELETE" -> 0.15; // a small share, so that the data is not all gone half-way
            default -> 0.5;
        }).toArray();
        double total = java.util.Arrays.stream(weights).sum();
        List<Planned> plan = new ArrayList<>(REQUESTS);
        for (int i = 0; i < REQUESTS; i++) {
            double pick = random.nextDouble() * total;
            int o = 0;
            while (pick >= weights[o] && o < weights.length - 1) {
                pick -= weights[o++];
            }
            plan.add(planOne(i, operations.get(o), random));
        }
        return plan;
    }

    private static Planned planOne(int index, Operation op, Random random) {
        int agency = random.nextInt(3);
        Agency own = agencies.get(agency);
        Caller caller = own.callers.get(random.nextInt(own.callers.size()));
        List<Carried> ids = new ArrayList<>();
        Ref client = null;
        for (String param : op.params()) {
            Kind kind = kindOf(op, param);
            Ref ref = null;
            if (client != null && random.nextInt(10) < 6) {
                // usually a child of the client in the path (of whichever agency), so that own requests can succeed
                String clientId = client.id();
                List<Ref> children = agencies.get(client.agency()).refs.get(kind).stream()
                        .filter(r -> clientId.equals(r.clientId())).toList();
                ref = children.isEmpty() ? null : children.get(random.nextInt(children.size()));
            }
            if (ref == null) {
                ref = draw(kind, random.nextInt(3), random);
            }
            if (kind == Kind.CLIENT) {
                client = ref;
            }
            ids.add(new Carried(ref, true));
        }
        // the agency writes its sealed things never (another agency's callers do try): its own unsealed ones instead
        if (op.method() != HttpMethod.GET) {
            for (int p = 0; p < ids.size(); p++) {
                Ref ref = ids.get(p).ref();
                if (ref.agency() == agency && own.sealed.contains(ref.id())) {
                    List<Ref> open = own.refs.get(ref.kind()).stream().filter(r -> !own.sealed.contains(r.id())).toList();
                    ids.set(p, new Carried(open.get(random.nextInt(open.size())), true));
                }
            }
        }
        // the agency's own deletes spare its callers and the client viewer's client: otherwise they would sign out the
        // callers of the rest of the run; another agency's copy of the same kind is tried instead
        if (op.method() == HttpMethod.DELETE && !ids.isEmpty()) {
            Carried leaf = ids.get(ids.size() - 1);
            if (leaf.ref().agency() == agency && own.spared.contains(leaf.ref().id())) {
                ids.set(ids.size() - 1, new Carried(draw(leaf.ref().kind(), (agency + 1 + random.nextInt(2)) % 3, random), true));
            }
        }
        JsonObject body = body(op, own, ids, random);
        String path = op.template();
        for (int p = 0; p < op.params().size(); p++) {
            path = path.replace("{" + op.params().get(p) + "}", ids.get(p).ref().id());
        }
        String text = body == null ? null : op.bodyType().equals("application/json") ? body.encode() : body.getString("csv");
        return new Planned(index, op, agency, caller, List.copyOf(ids), path + op.query(), text);
    }

    private static Ref draw(Kind kind, int agency, Random random) {
        List<Ref> refs = agencies.get(agency).refs.get(kind);
        assertThat(refs).as("agency " + agencyLetter(agency) + " has " + kind + "s to name").isNotEmpty();
        return refs.get(random.nextInt(refs.size()));
    }

    /** A plausible body for the operation, in the caller's agency's words; ids in it are drawn from all agencies too. */
    private static JsonObject body(Operation op, Agency own, List<Carried> ids, Random random) {
        if (op.bodyType() == null) {
            return null;
        }
        String m = own.marker + "mixed-" + random.nextInt(1_000_000) + "-";
        String route = op.route();
        if (route.endsWith("/branding/logo")) {
            // an SVG logo naming its agency: served back, it must reach that agency's people only
            return new JsonObject().put("csv", svgLogo(m));
        }
        if (!op.bodyType().equals("application/json")) {
            // the CSV import's long form
            return new JsonObject().put("csv", "date,metric,value,dimension\n" + TODAY.minusDays(random.nextInt(30))
                    + ",web.pageviews," + random.nextInt(1000) + ",/" + m + "\n");
        }
        if (route.endsWith("/observations")) {
            JsonObject point = new JsonObject().put("metric", "web.pageviews").put("date", TODAY.minusDays(random.nextInt(30)).toString())
                    .put("value", random.nextInt(1000));
            if (random.nextBoolean()) {
                Ref competitor = draw(Kind.COMPETITOR, random.nextInt(3), random);
                ids.add(new Carried(competitor, false));
                point.put("metric", "search.avg_position").put("value", 1 + random.nextInt(20)).put("dimension", m + "query")
                        .put("competitorId", competitor.id());
            }
            return new JsonObject().put("points", new JsonArray().add(point));
        }
        if (route.endsWith("/posts")) {
            return new JsonObject().put("posts", new JsonArray().add(new JsonObject().put("channel", "twitter")
                    .put("externalId", m).put("publishedAt", TODAY.minusDays(random.nextInt(30)) + "T10:00:00Z").put("text", m + "post")
                    .put("metrics", new JsonObject().put("impressions", random.nextInt(5000)))));
        }
        if (route.endsWith("/weights")) {
            return weights(1 + random.nextInt(3));
        }
        if (route.startsWith("PATCH /api/clients/{id}/competitors") || route.equals("POST /api/clients/{id}/competitors")
                || route.equals("PATCH /api/clients/{id}") || route.equals("POST /api/clients")) {
            return new JsonObject().put("name", m + "named");
        }
        if (route.contains("/annotations")) {
            return new JsonObject().put("date", TODAY.minusDays(random.nextInt(30)).toString()).put("text", m + "annotation");
        }
        if (route.contains("/goals")) {
            JsonObject goal = new JsonObject().put("target", 50 + random.nextInt(40)).put("deadline", TODAY.plusDays(30).toString());
            return op.method() == HttpMethod.PATCH ? goal.put("windowDays", 7 + random.nextInt(20)) : goal;
        }
        if (route.contains("/comments")) {
            JsonObject comment = new JsonObject().put("text", m + "comment");
            if (op.method() == HttpMethod.POST && random.nextInt(3) == 0) {
                Ref parent = draw(Kind.COMMENT, random.nextInt(3), random);
                ids.add(new Carried(parent, false));
                comment.put("parentId", parent.id());
            }
            if (random.nextInt(3) == 0) {
                Ref person = draw(Kind.MEMBER, random.nextInt(3), random);
                ids.add(new Carried(person, false));
                comment.put("mentions", new JsonArray().add(person.id()));
            }
            return comment;
        }
        if (route.contains("/alert-rules")) {
            return op.method() == HttpMethod.PATCH ? new JsonObject().put("threshold", 100_000 + random.nextInt(1000))
                    : new JsonObject().put("kind", "threshold").put("metric", VISITORS).put("direction", "above")
                    .put("threshold", 100_000);
        }
        if (route.endsWith("/acknowledge")) {
            return new JsonObject().put("note", m + "acknowledged");
        }
        if (route.endsWith("/share-links")) {
            return new JsonObject().put("expiresAt", TODAY.plusDays(7) + "T00:00:00Z");
        }
        if (route.equals("PATCH /api/members/{userId}")) {
            // the member's own role again (a client viewer's with its client): plausible, and the team stays as it is
            Ref member = ids.get(0).ref();
            JsonObject role = agencies.get(member.agency()).roleOf.get(member.id()).copy();
            if (role.containsKey("clientId")) {
                ids.add(new Carried(agencies.get(member.agency()).refs.get(Kind.CLIENT).get(0), false));
            }
            return role;
        }
        if (route.equals("POST /api/members/invitations")) {
            JsonObject invitation = new JsonObject().put("email", m.toLowerCase(Locale.ROOT) + "invitee@example.com").put("role", "viewer");
            if (random.nextBoolean()) {
                Ref client = draw(Kind.CLIENT, random.nextInt(3), random);
                ids.add(new Carried(client, false));
                invitation.put("clientId", client.id());
            }
            return invitation;
        }
        if (route.equals("POST /api/clients/{id}/sites")) {
            return new JsonObject().put("domain", m.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "site.example");
        }
        if (route.equals("PATCH /api/clients/{id}/sites/{siteId}")) {
            return new JsonObject().put("returningVisitors", random.nextBoolean());
        }
        if (route.equals("POST /api/webhooks")) {
            JsonObject webhook = new JsonObject().put("url", "https://203.0.113.10/" + m.toLowerCase(Locale.ROOT) + "hook")
                    .put("events", new JsonArray().add("alert.fired"));
            if (random.nextBoolean()) {
                Ref client = draw(Kind.CLIENT, random.nextInt(3), random);
                ids.add(new Carried(client, false));
                webhook.put("clientId", client.id());
            }
            return webhook;
        }
        if (route.contains("/report-schedules") && !route.endsWith("/send")) {
            return new JsonObject().put("frequency", "weekly").put("dayOfWeek", 1 + random.nextInt(7))
                    .put("hour", random.nextInt(24)).put("recipients", new JsonArray().add(email(own, "report-mixed")));
        }
        if (route.endsWith("/approve")) {
            return new JsonObject().put("summary", m + "summary");
        }
        if (route.equals("PUT /api/me/notification-preferences")) {
            return new JsonObject().put("topics", new JsonObject().put("mention", random.nextBoolean() ? "digest" : "email"));
        }
        if (route.equals("POST /api/tokens")) {
            return new JsonObject().put("name", m + "token").put("scopes", new JsonArray().add("read"));
        }
        // a route this test does not know yet: an empty object still has to be refused like a missing id
        return new JsonObject();
    }

    // ---------------------------------------------------------------- running it

    /** What the run saw, gathered from the workers. */
    static final class Tally {
        final LongAdder requests = new LongAdder();
        final LongAdder twins = new LongAdder();
        final LongAdder foreign = new LongAdder();
        final LongAdder ownSuccesses = new LongAdder();
        final LongAdder throttled = new LongAdder();
        final LongAdder raced = new LongAdder();
        final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
        final Map<String, LongAdder> foreignByRoute = new ConcurrentHashMap<>();
        final Map<String, LongAdder> ownSuccessByRoute = new ConcurrentHashMap<>();
        final Queue failures = new Queue();
    }

    /** Failures, kept in full up to a limit and counted beyond it. */
    static final class Queue {
        final ConcurrentLinkedQueue<String> kept = new ConcurrentLinkedQueue<>();
        final AtomicInteger count = new AtomicInteger();

        void add(String failure) {
            if (count.incrementAndGet() <= 50) {
                kept.add(failure);
            }
        }
    }

    private static HttpResponse<Buffer> send(Planned request, String path, String body) {
        if (body != null && !request.op().bodyType().equals("application/json")) {
            return http.sendText(request.op().method(), path, request.caller().bearer(), request.op().bodyType(), body);
        }
        return http.call(request.op().method(), path, request.caller().bearer(), body == null ? null : new JsonObject(body));
    }

    /** The same request with every foreign id swapped for one that never existed. */
    private static String[] twin(Planned request) {
        String path = request.path();
        String body = request.body();
        for (Carried carried : request.ids()) {
            if (carried.ref().agency() == request.agency()) {
                continue;
            }
            String missing = missingId(carried.ref());
            if (carried.inPath()) {
                path = path.replace(carried.ref().id(), missing);
            } else {
                body = body.replace(carried.ref().id(), missing);
            }
        }
        return new String[] {path, body};
    }

    /** An id of the same kind that never existed (derived from the real one, so that a quote can be mapped back). */
    private static String missingId(Ref ref) {
        return ref.kind() == Kind.NOTIFICATION ? "9000000000" + ref.id()
                : UUID.nameUUIDFromBytes(("missing " + ref.id()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** Another agency's marker text, or id, that the request itself did not carry. */
    private static List<String> leaks(Planned request, String body) {
        List<String> leaks = new ArrayList<>();
        if (body == null) {
            return leaks;
        }
        String own = agencyLetter(request.agency());
        Matcher markers = MARKERS.matcher(body);
        while (markers.find()) {
            if (!markers.group(1).equalsIgnoreCase(own)) {
                leaks.add(body.substring(markers.start(), Math.min(body.length(), markers.end() + 30)));
            }
        }
        Matcher ids = UUIDS.matcher(body);
        while (ids.find()) {
            String id = ids.group().toLowerCase(Locale.ROOT);
            Integer agency = agencyOf(id);
            if (agency != null && agency != request.agency() && !request.path().contains(id)
                    && (request.body() == null || !request.body().contains(id))) {
                leaks.add("id " + id + " of agency " + agencyLetter(agency));
            }
        }
        return leaks;
    }

    private static Integer agencyOf(String id) {
        return agencyOfId.get(id);
    }

    private static void run(Planned request, Tally tally) {
        HttpResponse<Buffer> response = send(request, request.path(), request.body());
        tally.requests.increment();
        check(request, response, tally);
        if (!request.foreign()) {
            if (response.statusCode() < 300) {
                tally.ownSuccesses.increment();
                tally.ownSuccessByRoute.computeIfAbsent(request.op().route(), r -> new LongAdder()).increment();
            }
            return;
        }
        tally.foreign.increment();
        tally.foreignByRoute.computeIfAbsent(request.op().route(), r -> new LongAdder()).increment();
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            tally.failures.add(request.describe() + " named another agency's id and got " + status + " " + response.bodyAsString());
            return;
        }
        if (request.foreignInPath() && status != 403 && status != 404 && status != 429) {
            tally.failures.add(request.describe() + " named another agency's id in its path and got " + status
                    + " (expected 404 like a missing id, or the route's 403) " + response.bodyAsString());
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            String[] twin = twin(request);
            HttpResponse<Buffer> missing = send(request, twin[0], twin[1]);
            tally.twins.increment();
            check(request, missing, tally);
            if (status == 429 || missing.statusCode() == 429) {
                tally.throttled.increment(); // a queue or limit said "later": it says nothing of the data
                return;
            }
            // an error may quote the id it was given: quoted back as the foreign id, the two must be the same text
            String quoted = missing.bodyAsString();
            for (Carried carried : request.ids()) {
                if (carried.ref().agency() != request.agency() && quoted != null) {
                    quoted = quoted.replace(missingId(carried.ref()), carried.ref().id());
                }
            }
            if (missing.statusCode() == status && Objects.equals(json(quoted), json(response.bodyAsString()))) {
                if (attempt == 1) {
                    tally.raced.increment();
                }
                return;
            }
            if (attempt == 1) {
                tally.failures.add(request.describe() + " answered " + status + " " + response.bodyAsString()
                        + " but with a missing id instead " + missing.statusCode() + " " + missing.bodyAsString());
                return;
            }
            // another worker may have changed the caller's own data in between: ask both once more
            response = send(request, request.path(), request.body());
            tally.requests.increment();
            check(request, response, tally);
            status = response.statusCode();
            if (status >= 200 && status < 300) {
                tally.failures.add(request.describe() + " named another agency's id and, asked again, got " + status
                        + " " + response.bodyAsString());
                return;
            }
        }
    }

    private static Object json(String text) {
        try {
            return text == null ? null : io.vertx.core.json.Json.decodeValue(text);
        } catch (RuntimeException notJson) {
            return text;
        }
    }

    /** Every answer, own or foreign: no 5xx, nothing of another agency. */
    private static void check(Planned request, HttpResponse<Buffer> response, Tally tally) {
        tally.statuses.computeIfAbsent(request.op().method() + " " + response.statusCode(), s -> new LongAdder()).increment();
        if (response.statusCode() >= 500) {
            tally.failures.add(request.describe() + " got " + response.statusCode() + " " + response.bodyAsString());
        }
        List<String> leaks = leaks(request, response.bodyAsString());
        if (!leaks.isEmpty()) {
            tally.failures.add(request.describe() + " answered " + response.statusCode() + " with another agency's data: "
                    + leaks.subList(0, Math.min(5, leaks.size())));
        }
    }

    @Test
    void noAnswerToMixedRandomTrafficRevealsAnotherAgencysData() throws Exception {
        List<Operation> operations = operations();
        assertThat(operations).as("authenticated operations in the OpenAPI document").hasSizeGreaterThan(40);
        Map<Kind, Integer> pools = new EnumMap<>(Kind.class);
        agencies.forEach(a -> a.refs.forEach((kind, refs) -> pools.merge(kind, refs.size(), Integer::sum)));
        LOG.info("Mixed traffic: seed {} ({} requests over {} operations, ids {}; replay with -Disolation.seed={})", SEED,
                REQUESTS, operations.size(), pools, SEED);
        List<Planned> plan = plan(operations, new Random(SEED));

        Tally tally = new Tally();
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < IN_FLIGHT; w++) {
                running.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < plan.size(); i = next.getAndIncrement()) {
                        Planned request = plan.get(i);
                        try {
                            run(request, tally);
                        } catch (RuntimeException | AssertionError e) {
                            tally.failures.add(request.describe() + " failed: " + e);
                        }
                    }
                }));
            }
            for (Future<?> worker : running) {
                worker.get(10, TimeUnit.MINUTES);
            }
        } finally {
            workers.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info("Mixed traffic: seed {}: {} requests + {} twins in {} s; {} named another agency's id, {} own succeeded, "
                        + "{} throttled, {} raced; statuses {}; {} failures", SEED, tally.requests.sum(), tally.twins.sum(),
                String.format(Locale.ROOT, "%.1f", seconds), tally.foreign.sum(), tally.ownSuccesses.sum(),
                tally.throttled.sum(), tally.raced.sum(), new TreeMap<>(tally.statuses), tally.failures.count.get());

        assertThat(tally.failures.kept).as("answers that revealed another agency's data or failed (seed " + SEED + ", "
                + tally.failures.count.get() + " in all)").isEmpty();
        // the run must have tried what it claims: every operation with another agency's ids, every read successfully
        Set<String> routes = new HashSet<>();
        operations.forEach(op -> routes.add(op.route()));
        Set<String> withIds = new HashSet<>();
        plan.stream().filter(Planned::foreign).forEach(p -> withIds.add(p.op().route()));
        assertThat(tally.foreignByRoute.keySet()).as("operations tried with another agency's ids").containsAll(withIds);
        Set<String> idRoutes = new HashSet<>();
        operations.stream().filter(op -> !op.params().isEmpty()).forEach(op -> idRoutes.add(op.route()));
        assertThat(withIds).as("every operation with an id was tried with another agency's").containsAll(idRoutes);
        Set<String> reads = new HashSet<>();
        operations.stream().filter(op -> op.method() == HttpMethod.GET).forEach(op -> reads.add(op.route()));
        assertThat(tally.ownSuccessByRoute.keySet()).as("reads that answered the caller's own data at least once")
                .containsAll(reads);

        assertForeignWritesChangedNothing(plan);
    }

    // ---------------------------------------------------------------- nothing another agency tried has changed

    /** The fields of a ref that a write would change, read as its agency's owner (null: it is gone). */
    private static JsonObject state(Ref ref) {
        Agency agency = agencies.get(ref.agency());
        String owner = agency.owner.accessToken();
        String client = "/api/clients/" + ref.clientId();
        return switch (ref.kind()) {
            case CLIENT -> find(owner, "/api/clients", ref.id(), "name", "website");
            case COMPETITOR -> find(owner, client + "/competitors", ref.id(), "name", "handles");
            case ANNOTATION -> find(owner, client + "/annotations", ref.id(), "text", "date");
            case COMMENT -> find(owner, client + "/comments", ref.id(), "text");
            case GOAL -> find(owner, client + "/goals", ref.id(), "target", "deadline", "windowDays");
            case RULE -> find(owner, client + "/alert-rules", ref.id(), "threshold", "enabled");
            case ALERT -> find(owner, client + "/alerts", ref.id(), "state");
            case LINK -> find(owner, client + "/share-links", ref.id(), "status", "expiresAt");
            case MEMBER -> find(owner, "/api/members", ref.id(), "role", "clientId");
            case INVITATION -> find(owner, "/api/members/invitations", ref.id(), "email", "role");
            case TOKEN -> find(owner, "/api/tokens", ref.id(), "name");
            case IMPORT -> find(owner, client + "/imports", ref.id(), "state", "points");
            case SITE -> find(owner, client + "/sites", ref.id(), "domain", "returningVisitors");
            case WEBHOOK -> find(owner, "/api/webhooks", ref.id(), "url", "events");
            case SCHEDULE -> find(owner, client + "/report-schedules", ref.id(), "hour", "recipients", "review");
            case REVIEW -> find(owner, client + "/report-reviews", ref.id(), "state", "summary");
            case NOTIFICATION -> find(agency.callers.stream().filter(c -> ref.parentId().equals(c.userId())).findFirst()
                    .orElseThrow().bearer(), "/api/notifications", ref.id(), "readAt");
        };
    }

    private static JsonObject find(String bearer, String listPath, String id, String... fields) {
        HttpResponse<Buffer> response = http.call(HttpMethod.GET, listPath, bearer, null);
        if (response.statusCode() == 404) {
            return null;
        }
        assertThat(response.statusCode()).as(listPath + ": " + response.bodyAsString()).isEqualTo(200);
        return find(response.bodyAsJsonArray(), id, fields);
    }

    /** The item with this id (a member's userId), looking into replies too; its fields. */
    private static JsonObject find(JsonArray items, String id, String... fields) {
        for (Object item : items) {
            JsonObject object = (JsonObject) item;
            if (id.equals(String.valueOf(object.getValue(object.containsKey("id") ? "id" : "userId")))) {
                JsonObject state = new JsonObject();
                for (String field : fields) {
                    state.put(field, object.getValue(field));
                }
                return state;
            }
            JsonObject inReplies = find(object.getJsonArray("replies", new JsonArray()), id, fields);
            if (inReplies != null) {
                return inReplies;
            }
        }
        return null;
    }

    /**
     * Refs that only other agencies' callers tried to write (and that no own write could have reached, through a
     * parent either) must be exactly as they were after setup: a refused write leaves nothing half-done.
     */
    private static void assertForeignWritesChangedNothing(List<Planned> plan) {
        // what the agencies' own writes may have changed: the thing a write names last (or in its body), and whatever
        // went with a deleted parent (a client's data, a rule's alerts, a thread's replies, their notifications)
        Set<String> ownWritten = new HashSet<>();
        Set<String> ownDeleted = new HashSet<>();
        Set<Integer> notificationsTouched = new HashSet<>();
        Set<Ref> foreignWritten = new HashSet<>();
        for (Planned request : plan) {
            if (request.op().method() == HttpMethod.GET) {
                continue;
            }
            if (request.op().template().equals("/api/notifications/read-all")) {
                notificationsTouched.add(request.agency());
            }
            int leaf = (int) request.ids().stream().filter(Carried::inPath).count() - 1;
            for (int i = 0; i < request.ids().size(); i++) {
                Carried carried = request.ids().get(i);
                if (carried.ref().agency() != request.agency()) {
                    foreignWritten.add(carried.ref());
                } else if (i == leaf || !carried.inPath()) {
                    ownWritten.add(carried.ref().id());
                    if (i == leaf && request.op().method() == HttpMethod.DELETE) {
                        ownDeleted.add(carried.ref().id());
                        notificationsTouched.add(request.agency());
                    }
                }
            }
        }
        Map<String, String> mismatches = new LinkedHashMap<>();
        int checked = 0;
        for (Ref ref : foreignWritten) {
            boolean reachable = ownWritten.contains(ref.id())
                    || (ref.clientId() != null && ownDeleted.contains(ref.clientId()))
                    || (ref.parentId() != null && ownDeleted.contains(ref.parentId()))
                    || (ref.kind() == Kind.NOTIFICATION && notificationsTouched.contains(ref.agency()));
            if (reachable) {
                continue;
            }
            checked++;
            JsonObject now = state(ref);
            if (!Objects.equals(now, before.get(ref))) {
                mismatches.put(ref.kind() + " " + ref.id() + " of agency " + agencyLetter(ref.agency()),
                        before.get(ref) + " became " + now);
            }
        }
        LOG.info("Mixed traffic: {} things only other agencies tried to write were checked unchanged", checked);
        long sealedTried = foreignWritten.stream().filter(ref -> agencies.get(ref.agency()).sealed.contains(ref.id())).count();
        assertThat(sealedTried).as("sealed things (never written by their own agency) that others tried to write")
                .isGreaterThan(20);
        assertThat(mismatches).as("things changed by another agency's refused writes (seed " + SEED + ")").isEmpty();
    }
}
