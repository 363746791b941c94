package com.zoomfactor.backend.sharing;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.branding.Logos;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.awt.Color;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A share link shows what it chose: score, metrics, annotations (internal ones only when chosen), goals, period. */
class ShareLinkContentTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private Http http;
    private Session owner;
    private UUID client;
    private String base;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Content Agency");
        client = live.accounts().createClient(owner, "Content Client");
        base = "/api/clients/" + client + "/share-links";
        JsonArray points = new JsonArray();
        for (int ago = 0; ago < 120; ago++) {
            String day = TODAY.minusDays(ago).toString();
            points.add(new JsonObject().put("metric", "web.unique_visitors").put("date", day).put("value", 500 + ago));
            points.add(new JsonObject().put("metric", "web.pageviews").put("date", day).put("value", 3333));
            points.add(new JsonObject().put("metric", "web.time_on_page").put("date", day).put("value", 65));
        }
        assertThat(call(HttpMethod.POST, "/api/clients/" + client + "/observations",
                new JsonObject().put("points", points)).statusCode()).isEqualTo(200);
        annotate("Launch day for everyone", "public", null);
        annotate("Internal: the client's budget was cut", null, null);
        annotate("About page views, public", "public", "web.pageviews");
        goal("web.unique_visitors", 1000);
        goal("web.pageviews", 5000);
    }

    private HttpResponse<Buffer> call(HttpMethod method, String path, JsonObject body) {
        return http.call(method, path, owner.accessToken(), body);
    }

    private void annotate(String text, String visibility, String metric) {
        JsonObject body = new JsonObject().put("date", TODAY.minusDays(2).toString()).put("text", text);
        if (visibility != null) {
            body.put("visibility", visibility);
        }
        if (metric != null) {
            body.put("metric", metric);
        }
        HttpResponse<Buffer> made = call(HttpMethod.POST, "/api/clients/" + client + "/annotations", body);
        assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
        assertThat(made.bodyAsJsonObject().getString("visibility")).isEqualTo(visibility == null ? "internal" : visibility);
    }

    private void goal(String metric, double target) {
        assertThat(call(HttpMethod.POST, "/api/clients/" + client + "/goals", new JsonObject().put("metric", metric)
                .put("target", target).put("deadline", TODAY.plusDays(30).toString())).statusCode()).isEqualTo(201);
    }

    private JsonObject link(JsonObject body) {
        HttpResponse<Buffer> created = call(HttpMethod.POST, base, body);
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        return created.bodyAsJsonObject();
    }

    private JsonObject open(String token) {
        HttpResponse<Buffer> shared = http.get("/api/shared/" + token);
        assertThat(shared.statusCode()).as(shared.bodyAsString()).isEqualTo(200);
        return shared.bodyAsJsonObject();
    }

    @Test
    void aLinkThatChoseNothingShowsPublicAnnotationsOnlyAndNeverComments() {
        assertThat(call(HttpMethod.POST, "/api/clients/" + client + "/comments",
                new JsonObject().put("text", "Comment for the team only")).statusCode()).isEqualTo(201);
        JsonObject link = link(new JsonObject());
        assertThat(link.getJsonObject("shows").getString("annotations")).isEqualTo("public");
        assertThat(link.getJsonObject("shows").getValue("metrics")).isNull();
        JsonObject dashboard = open(link.getString("token"));
        assertThat(dashboard.getJsonArray("annotations").stream().map(a -> ((JsonObject) a).getString("text")))
                .containsExactlyInAnyOrder("Launch day for everyone", "About page views, public");
        assertThat(dashboard.encode()).doesNotContain("budget was cut", "Comment for the team only");
        assertThat(dashboard.getJsonObject("score")).isNotNull();
        assertThat(dashboard.getJsonArray("goals")).hasSize(2);
        assertThat(dashboard.getString("from")).isEqualTo(TODAY.minusDays(89).toString());
        // the agency's face: its name, the product's colour, "powered by" on, no logo yet
        JsonObject branding = dashboard.getJsonObject("branding");
        assertThat(branding.getString("name")).isEqualTo("Content Agency");
        assertThat(branding.getBoolean("poweredBy")).isTrue();
        assertThat(branding.getBoolean("logo")).isFalse();
        assertError(http.get("/api/shared/" + link.getString("token") + "/logo"), 404);
    }

    @Test
    void internalAnnotationsAppearOnlyWhenTheLinkChoseAll() {
        JsonObject dashboard = open(link(new JsonObject().put("shows", new JsonObject().put("annotations", "all")))
                .getString("token"));
        assertThat(dashboard.getJsonArray("annotations").stream().map(a -> ((JsonObject) a).getString("text")))
                .contains("Internal: the client's budget was cut", "Launch day for everyone");
        JsonObject none = open(link(new JsonObject().put("shows", new JsonObject().put("annotations", "none")))
                .getString("token"));
        assertThat(none.getJsonArray("annotations")).isEmpty();

        // an annotation made public later shows on a link that chose public ones
        String token = link(new JsonObject()).getString("token");
        JsonArray all = call(HttpMethod.GET, "/api/clients/" + client + "/annotations", null).bodyAsJsonArray();
        String internal = all.stream().map(a -> (JsonObject) a)
                .filter(a -> a.getString("text").startsWith("Internal")).findFirst().orElseThrow().getString("id");
        assertThat(call(HttpMethod.PATCH, "/api/clients/" + client + "/annotations/" + internal,
                new JsonObject().put("visibility", "public")).statusCode()).isEqualTo(200);
        assertThat(open(token).encode()).contains("budget was cut");
        assertError(call(HttpMethod.PATCH, "/api/clients/" + client + "/annotations/" + internal,
                new JsonObject().put("visibility", "secret")), 400);
    }

    @Test
    void aLinkShowsOnlyTheMetricsItChoseAndTheGoalsAndAnnotationsAboutThem() {
        JsonObject link = link(new JsonObject().put("shows", new JsonObject()
                .put("metrics", new JsonArray().add("web.unique_visitors").add("web.time_on_page"))
                .put("score", false)).put("defaultDays", 30));
        assertThat(link.getJsonObject("shows").getJsonArray("metrics"))
                .containsExactly("web.unique_visitors", "web.time_on_page");
        JsonObject dashboard = open(link.getString("token"));
        assertThat(dashboard.getJsonArray("series").stream().map(s -> ((JsonObject) s).getString("metric")))
                .containsExactlyInAnyOrder("web.unique_visitors", "web.time_on_page");
        assertThat(dashboard.encode()).doesNotContain("3333", "About page views");
        assertThat(dashboard.getJsonArray("goals").stream().map(g -> ((JsonObject) g).getString("metric")))
                .containsExactly("web.unique_visitors");
        // no score: neither the explanation nor its history
        assertThat(dashboard.containsKey("score")).isFalse();
        assertThat(dashboard.getValue("scoreHistory")).isNull();
        // the link's own default period, which the holder may still change
        assertThat(dashboard.getString("from")).isEqualTo(TODAY.minusDays(29).toString());
        assertThat(dashboard.getJsonArray("series").getJsonObject(0).getJsonArray("points")).hasSize(30);
        JsonObject week = http.get("/api/shared/" + link.getString("token") + "?from=" + TODAY.minusDays(6))
                .bodyAsJsonObject();
        assertThat(week.getString("from")).isEqualTo(TODAY.minusDays(6).toString());

        JsonObject noGoals = open(link(new JsonObject().put("shows", new JsonObject().put("goals", false)))
                .getString("token"));
        assertThat(noGoals.getJsonArray("goals")).isEmpty();
    }

    @Test
    void badChoicesAreRefusedWithTheFieldNamed() {
        String[][] cases = {
            {"{\"shows\": {\"metrics\": [\"web.nope\"]}}", "web.nope"},
            {"{\"shows\": {\"metrics\": \"web.pageviews\"}}", "shows.metrics"},
            {"{\"shows\": {\"annotations\": \"internal\"}}", "shows.annotations"},
            {"{\"shows\": {\"score\": \"yes\"}}", "shows.score"},
            {"{\"shows\": {\"comments\": true}}", "shows.comments"},
            {"{\"shows\": []}", "shows"},
            {"{\"defaultDays\": 0}", "defaultDays"},
            {"{\"defaultDays\": 367}", "defaultDays"},
            {"{\"defaultDays\": 7.5}", "defaultDays"},
        };
        for (String[] c : cases) {
            HttpResponse<Buffer> bad = call(HttpMethod.POST, base, new JsonObject(c[0]));
            assertError(bad, 400);
            assertThat(bad.bodyAsJsonObject().getString("message")).as(c[0]).contains(c[1]);
        }
        assertThat(call(HttpMethod.GET, base, null).bodyAsJsonArray()).isEmpty();
    }

    @Test
    void theSharedDashboardCarriesTheAgencysBrandingAndLogoButNoOtherAgencys() {
        assertThat(call(HttpMethod.PUT, "/api/agency/branding", new JsonObject().put("name", "Northwind Studio")
                .put("colour", "#aa3300").put("footer", "Northwind Studio · Confidential").put("poweredBy", false))
                .statusCode()).isEqualTo(200);
        Buffer png = Logos.png(90, 30, new Color(0xaa, 0x33, 0x00));
        assertThat(http.sendBytes(HttpMethod.PUT, "/api/agency/branding/logo", owner.accessToken(), "image/png", png)
                .statusCode()).isEqualTo(200);
        Session stranger = live.accounts().signUp("Other Agency");
        http.sendBytes(HttpMethod.PUT, "/api/agency/branding/logo", stranger.accessToken(), "image/svg+xml",
                Buffer.buffer(Logos.CLEAN_SVG));

        JsonObject link = link(new JsonObject());
        JsonObject branding = open(link.getString("token")).getJsonObject("branding");
        assertThat(branding.getString("name")).isEqualTo("Northwind Studio");
        assertThat(branding.getString("colour")).isEqualTo("#aa3300");
        assertThat(branding.getString("footer")).isEqualTo("Northwind Studio · Confidential");
        assertThat(branding.getBoolean("poweredBy")).isFalse();
        assertThat(branding.getBoolean("logo")).isTrue();
        HttpResponse<Buffer> logo = http.get("/api/shared/" + link.getString("token") + "/logo");
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.getHeader("Content-Type")).isEqualTo("image/png");
        assertThat(logo.body().getBytes()).isEqualTo(png.getBytes());

        // a revoked link no longer gives the logo; a forged token never did
        assertThat(call(HttpMethod.DELETE, base + "/" + link.getString("id"), null).statusCode()).isEqualTo(204);
        assertError(http.get("/api/shared/" + link.getString("token") + "/logo"), 404);
        assertError(http.get("/api/shared/zfs_forged/logo"), 404);
    }
}
