package com.zoomfactor.backend.branding;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agency's white label over HTTP: settings, logo checks and sanitising, and who reaches whose. */
class BrandingTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static final String BRANDING = "/api/agency/branding";
    private static final String LOGO = "/api/agency/branding/logo";

    private Http http;
    private Session owner;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Branding Agency");
    }

    private HttpResponse<Buffer> call(HttpMethod method, String path, Session who, JsonObject body) {
        return http.call(method, path, who.accessToken(), body);
    }

    private HttpResponse<Buffer> upload(Session who, String type, Buffer file) {
        return http.sendBytes(HttpMethod.PUT, LOGO, who.accessToken(), type, file);
    }

    @Test
    void anAgencyStartsWithDefaultsAndSetsItsNameColourFooterAndPoweredBy() {
        JsonObject initial = call(HttpMethod.GET, BRANDING, owner, null).bodyAsJsonObject();
        assertThat(initial.getString("name")).isEqualTo("Branding Agency");
        assertThat(initial.getValue("customName")).isNull();
        assertThat(initial.getValue("colour")).isNull();
        assertThat(initial.getBoolean("poweredBy")).isTrue();
        assertThat(initial.getValue("logo")).isNull();

        HttpResponse<Buffer> set = call(HttpMethod.PUT, BRANDING, owner, new JsonObject().put("name", "Northwind Studio")
                .put("colour", "#AA3300").put("footer", "Northwind Studio · hello@northwind.example")
                .put("poweredBy", false));
        assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);
        JsonObject read = call(HttpMethod.GET, BRANDING, owner, null).bodyAsJsonObject();
        assertThat(read.getString("name")).isEqualTo("Northwind Studio");
        assertThat(read.getString("customName")).isEqualTo("Northwind Studio");
        assertThat(read.getString("colour")).isEqualTo("#aa3300");
        assertThat(read.getString("footer")).isEqualTo("Northwind Studio · hello@northwind.example");
        assertThat(read.getBoolean("poweredBy")).isFalse();

        // a PUT replaces: what it leaves out returns to its default
        call(HttpMethod.PUT, BRANDING, owner, new JsonObject().put("colour", "#112233"));
        JsonObject replaced = call(HttpMethod.GET, BRANDING, owner, null).bodyAsJsonObject();
        assertThat(replaced.getString("name")).isEqualTo("Branding Agency");
        assertThat(replaced.getBoolean("poweredBy")).isTrue();
        assertThat(replaced.getValue("footer")).isNull();
    }

    @Test
    void badSettingsAreRefusedWithTheProblemNamed() {
        for (String colour : new String[] {"red", "#12345", "#1234567", "#GGHHII", "javascript:1"}) {
            HttpResponse<Buffer> bad = call(HttpMethod.PUT, BRANDING, owner, new JsonObject().put("colour", colour));
            assertError(bad, 400);
            assertThat(bad.bodyAsJsonObject().getString("message")).contains("colour");
        }
        assertError(call(HttpMethod.PUT, BRANDING, owner, new JsonObject().put("poweredBy", "no")), 400);
        assertError(call(HttpMethod.PUT, BRANDING, owner, new JsonObject().put("footer", "x".repeat(501))), 400);
        assertError(call(HttpMethod.PUT, BRANDING, owner, new JsonObject().put("name", "x".repeat(201))), 400);
        assertError(call(HttpMethod.PUT, BRANDING, owner, new JsonObject().put("logo", "x")), 400);
    }

    @Test
    void aPngLogoIsCheckedStoredAndServedAsItWasSent() {
        Buffer png = Logos.png(240, 80, new Color(0xaa, 0x33, 0x00));
        HttpResponse<Buffer> stored = upload(owner, "image/png", png);
        assertThat(stored.statusCode()).as(stored.bodyAsString()).isEqualTo(200);
        JsonObject logo = stored.bodyAsJsonObject().getJsonObject("logo");
        assertThat(logo.getString("type")).isEqualTo("image/png");
        assertThat(logo.getInteger("width")).isEqualTo(240);
        assertThat(logo.getInteger("height")).isEqualTo(80);

        HttpResponse<Buffer> served = call(HttpMethod.GET, LOGO, owner, null);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.getHeader("Content-Type")).isEqualTo("image/png");
        assertThat(served.getHeader("Content-Security-Policy")).contains("default-src 'none'", "sandbox");
        assertThat(served.body().getBytes()).isEqualTo(png.getBytes());

        assertThat(call(HttpMethod.DELETE, LOGO, owner, null).statusCode()).isEqualTo(204);
        assertError(call(HttpMethod.GET, LOGO, owner, null), 404);
        assertError(call(HttpMethod.DELETE, LOGO, owner, null), 404);
    }

    @Test
    void logosThatAreNotWhatTheySayOrTooLargeAreRefused() {
        // over 256 KB: refused before it is read whole
        Buffer huge = Buffer.buffer(new byte[256 * 1024 + 1]);
        assertError(upload(owner, "image/png", huge), 413);
        // a PNG that is not one, a truncated one, one too large in pixels
        assertError(upload(owner, "image/png", Buffer.buffer("not a png at all")), 422);
        Buffer png = Logos.png(100, 40, Color.BLUE);
        assertError(upload(owner, "image/png", png.getBuffer(0, 60)), 422);
        assertError(upload(owner, "image/png", Logos.png(2049, 10, Color.BLUE)), 422);
        // a PNG sent as an SVG, an SVG that is not XML, XML that is not SVG, a DOCTYPE (entities)
        assertError(upload(owner, "image/svg+xml", png), 422);
        assertError(upload(owner, "image/svg+xml", Buffer.buffer("<svg")), 422);
        assertError(upload(owner, "image/svg+xml", Buffer.buffer("<html xmlns=\"http://www.w3.org/1999/xhtml\"/>")), 422);
        assertError(upload(owner, "image/svg+xml", Buffer.buffer("<?xml version=\"1.0\"?><!DOCTYPE svg ["
                + "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><svg xmlns=\"http://www.w3.org/2000/svg\">"
                + "<text>&xxe;</text></svg>")), 422);
        // neither PNG nor SVG
        assertError(upload(owner, "image/gif", Buffer.buffer("GIF89a")), 415);
        assertError(upload(owner, null, png), 415);
        assertThat(call(HttpMethod.GET, BRANDING, owner, null).bodyAsJsonObject().getValue("logo")).isNull();
    }

    @Test
    void anSvgLogoIsStoredWithNothingThatRunsOrFetches() {
        HttpResponse<Buffer> stored = upload(owner, "image/svg+xml", Buffer.buffer(Logos.HOSTILE_SVG));
        assertThat(stored.statusCode()).as(stored.bodyAsString()).isEqualTo(200);
        assertThat(stored.bodyAsJsonObject().getJsonObject("logo").getString("type")).isEqualTo("image/svg+xml");
        assertThat(stored.bodyAsJsonObject().getJsonObject("logo").getInteger("width")).isEqualTo(100);

        HttpResponse<Buffer> served = call(HttpMethod.GET, LOGO, owner, null);
        assertThat(served.getHeader("Content-Type")).isEqualTo("image/svg+xml");
        String svg = served.body().toString(StandardCharsets.UTF_8);
        assertThat(svg.toLowerCase(java.util.Locale.ROOT))
                .doesNotContain("<script", "alert", "onload", "onclick", "onmouseover", "foreignobject", "<image",
                        "<a ", "<a>", "javascript:", "evil.example", "@import", "<style", "<animate", "<set", "fetch(");
        // what draws survives: shapes, text, a gradient used by reference within the document
        assertThat(svg).contains("<rect", "<circle", "url(#grad)", "<linearGradient", "xlink:href=\"#dot\"");

        HttpResponse<Buffer> clean = upload(owner, "image/svg+xml", Buffer.buffer(Logos.CLEAN_SVG));
        assertThat(clean.statusCode()).isEqualTo(200);
        assertThat(call(HttpMethod.GET, LOGO, owner, null).body().toString(StandardCharsets.UTF_8))
                .contains("Northwind", "#aa3300", "viewBox=\"0 0 120 40\"");
    }

    @Test
    void onlyOwnersAndAdminsSetItAndNoAgencyReachesAnothersBranding() {
        Session analyst = live.accounts().invite(owner, "analyst", null);
        Session viewer = live.accounts().invite(owner, "viewer", null);
        Session admin = live.accounts().invite(owner, "admin", null);
        assertError(call(HttpMethod.PUT, BRANDING, analyst, new JsonObject().put("name", "Hijack")), 403);
        assertError(upload(viewer, "image/png", Logos.png(10, 10, Color.RED)), 403);
        assertThat(call(HttpMethod.GET, BRANDING, viewer, null).statusCode()).isEqualTo(200);
        assertThat(call(HttpMethod.PUT, BRANDING, admin, new JsonObject().put("name", "Admin's name")).statusCode())
                .isEqualTo(200);
        assertThat(upload(owner, "image/png", Logos.png(50, 20, Color.GREEN)).statusCode()).isEqualTo(200);
        UUID client = live.accounts().createClient(owner, "Client");
        Session clientViewer = live.accounts().invite(owner, "viewer", client);
        assertError(call(HttpMethod.GET, BRANDING, clientViewer, null), 403);

        // another agency sees its own (defaults), never this one's; its logo route has no logo to give
        Session stranger = live.accounts().signUp("Stranger Agency");
        JsonObject theirs = call(HttpMethod.GET, BRANDING, stranger, null).bodyAsJsonObject();
        assertThat(theirs.getString("name")).isEqualTo("Stranger Agency");
        assertThat(theirs.getValue("logo")).isNull();
        assertError(call(HttpMethod.GET, LOGO, stranger, null), 404);
        // and its changes stay its own
        call(HttpMethod.PUT, BRANDING, stranger, new JsonObject().put("colour", "#000000"));
        assertThat(call(HttpMethod.GET, BRANDING, owner, null).bodyAsJsonObject().getString("name"))
                .isEqualTo("Admin's name");
        assertThat(call(HttpMethod.GET, BRANDING, owner, null).bodyAsJsonObject().getValue("colour")).isNull();
    }
}
