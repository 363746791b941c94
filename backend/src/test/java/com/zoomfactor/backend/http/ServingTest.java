package com.zoomfactor.backend.http;

import com.zoomfactor.backend.app.ApiRoute;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.config.BuildInfo;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real server on port 0 against a real PostgreSQL: API basics, error format, headers, the served SPA. */
class ServingTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;

    @BeforeEach
    void client() {
        http = live.http();
    }

    @Test
    void healthSaysOkWithTheDatabaseUpAndTheVersion() {
        HttpResponse<Buffer> response = http.get("/api/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
                .put("status", "ok").put("db", "up").put("version", BuildInfo.version()));
        assertThat(BuildInfo.version()).isNotBlank().isNotEqualTo("unknown");
    }

    @Test
    void anUnknownApiPathAnswers404AsJson() {
        HttpResponse<Buffer> response = http.get("/api/no-such-thing");
        assertError(response, 404);
        assertThat(response.bodyAsJsonObject().getString("message")).contains("/api/no-such-thing");
    }

    @Test
    void theApiRootIsNotTheWebApp() {
        assertError(http.get("/api"), 404);
        assertError(http.get("/api/"), 404);
    }

    @Test
    void aKnownPathWithAnotherMethodAnswers405AsJson() {
        assertError(http.send(HttpMethod.DELETE, "/api/health", null), 405);
    }

    @Test
    void aBodyOverTheLimitAnswers413AsJson() {
        Buffer big = Buffer.buffer(new byte[(int) ApiRoute.DEFAULT_BODY_LIMIT + 1]);
        assertError(http.send(HttpMethod.POST, "/api/auth/login", big), 413);
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (String path : new String[] {"/api/health", "/", "/api/missing"}) {
            HttpResponse<Buffer> response = http.get(path);
            assertThat(response.getHeader("Content-Security-Policy"))
                    .as(path).contains("default-src 'self'").contains("frame-ancestors 'none'");
            assertThat(response.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(response.getHeader("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(response.getHeader("Strict-Transport-Security")).as(path + " over plain HTTP").isNull();
        }
    }

    @Test
    void hstsOfAYearIsSentWhenAProxyTerminatedTls() {
        HttpResponse<Buffer> response = http.get("/api/health", "X-Forwarded-Proto", "https");
        assertThat(response.getHeader("Strict-Transport-Security")).startsWith("max-age=31536000");
    }

    @Test
    void theRootServesTheSpaWithoutCaching() {
        HttpResponse<Buffer> response = http.get("/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("text/html");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-cache");
        assertThat(response.bodyAsString()).contains("<div id=\"root\">");
    }

    @Test
    void aDeepLinkServesTheSameIndexHtml() {
        HttpResponse<Buffer> root = http.get("/");
        HttpResponse<Buffer> deep = http.get("/clients/x/y");
        assertThat(deep.statusCode()).isEqualTo(200);
        assertThat(deep.getHeader("Content-Type")).startsWith("text/html");
        assertThat(deep.getHeader("Cache-Control")).isEqualTo("no-cache");
        assertThat(deep.bodyAsString()).isEqualTo(root.bodyAsString());
    }

    @Test
    void hashedAssetsAreCachedForAYear() {
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(http.get("/").bodyAsString());
        assertThat(script.find()).as("index.html references a hashed script").isTrue();
        HttpResponse<Buffer> asset = http.get(script.group(1));
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.getHeader("Content-Type")).contains("javascript");
        assertThat(asset.getHeader("Cache-Control")).contains("max-age=31536000").contains("immutable");
    }

    @Test
    void aMissingAssetIs404NotTheIndexPage() {
        HttpResponse<Buffer> response = http.get("/assets/missing-abc123.js");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.bodyAsString()).doesNotContain("<html");
    }

    @Test
    void theOpenApiDocumentIsServedWithThisBuildsVersion() {
        HttpResponse<Buffer> response = http.get("/api/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject doc = response.bodyAsJsonObject();
        assertThat(doc.getString("openapi")).isEqualTo("3.1.0");
        assertThat(doc.getJsonObject("info").getString("version")).isEqualTo(BuildInfo.version());
    }
}
