package com.zoomfactor.backend.sites;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SitesTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private Session owner;
    private UUID client;

    @BeforeEach
    void setUp() {
        http = live.http();
        owner = live.accounts().signUp("Sites Agency");
        client = live.accounts().createClient(owner, "Blue Bottle");
    }

    private String base() {
        return "/api/clients/" + client + "/sites";
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    @Test
    void aSiteIsCreatedWithAKeyAndASnippetListedChangedAndDeleted() {
        String domain = unique("Blue-Bottle");
        HttpResponse<Buffer> created = http.call(HttpMethod.POST, base(), owner.accessToken(),
                new JsonObject().put("domain", "  " + domain.toUpperCase() + ". "));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        JsonObject site = created.bodyAsJsonObject();
        assertThat(site.getString("domain")).isEqualTo(domain.toLowerCase());
        assertThat(site.getBoolean("returningVisitors")).isFalse();
        String key = site.getString("siteKey");
        assertThat(key).matches("[A-Za-z0-9_-]{22}");
        assertThat(site.getString("snippet")).isEqualTo("<script defer data-site=\"" + key + "\" src=\""
                + live.server().baseUrl() + "/zf.js\"></script>");

        JsonObject other = http.call(HttpMethod.POST, base(), owner.accessToken(),
                new JsonObject().put("domain", unique("other"))).bodyAsJsonObject();
        assertThat(other.getString("siteKey")).isNotEqualTo(key);
        JsonArray listed = http.call(HttpMethod.GET, base(), owner.accessToken(), null).bodyAsJsonArray();
        assertThat(listed).hasSize(2);

        HttpResponse<Buffer> changed = http.call(HttpMethod.PATCH, base() + "/" + site.getString("id"),
                owner.accessToken(), new JsonObject().put("returningVisitors", true));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.bodyAsJsonObject().getBoolean("returningVisitors")).isTrue();
        assertThat(changed.bodyAsJsonObject().getString("snippet")).contains("data-returning=\"1\"");
        assertError(http.call(HttpMethod.PATCH, base() + "/" + site.getString("id"), owner.accessToken(),
                new JsonObject().put("returningVisitors", "yes")), 400);

        assertThat(http.call(HttpMethod.DELETE, base() + "/" + site.getString("id"), owner.accessToken(), null)
                .statusCode()).isEqualTo(204);
        assertError(http.call(HttpMethod.DELETE, base() + "/" + site.getString("id"), owner.accessToken(), null), 404);
        assertThat(http.call(HttpMethod.GET, base(), owner.accessToken(), null).bodyAsJsonArray()).hasSize(1);
    }

    @Test
    void badDomainsAreRefusedAndADomainIsTrackedOnceAcrossAgencies() {
        for (String bad : new String[] {"", "localhost", "https://shop.example", "shop.example/path", "shop.example:8080",
                "-shop.example", "shop..example", "shop.example.123", "user@shop.example", "a".repeat(64) + ".example"}) {
            assertError(http.call(HttpMethod.POST, base(), owner.accessToken(), new JsonObject().put("domain", bad)), 400);
        }
        assertError(http.call(HttpMethod.POST, base(), owner.accessToken(), new JsonObject().put("domain", 42)), 400);
        assertError(http.call(HttpMethod.POST, base(), owner.accessToken(),
                new JsonObject().put("domain", unique("x")).put("extra", 1)), 400);

        String domain = unique("taken");
        assertThat(http.call(HttpMethod.POST, base(), owner.accessToken(), new JsonObject().put("domain", domain))
                .statusCode()).isEqualTo(201);
        assertError(http.call(HttpMethod.POST, base(), owner.accessToken(), new JsonObject().put("domain", domain)), 409);
        Session rival = live.accounts().signUp("Rival Agency");
        UUID theirClient = live.accounts().createClient(rival, "Theirs");
        assertError(http.call(HttpMethod.POST, "/api/clients/" + theirClient + "/sites", rival.accessToken(),
                new JsonObject().put("domain", domain)), 409);
    }

    @Test
    void anotherAgencysSitesAreNotFound() {
        JsonObject site = http.call(HttpMethod.POST, base(), owner.accessToken(),
                new JsonObject().put("domain", unique("mine"))).bodyAsJsonObject();
        Session rival = live.accounts().signUp("Rival Agency");
        UUID theirClient = live.accounts().createClient(rival, "Theirs");
        assertError(http.call(HttpMethod.GET, base(), rival.accessToken(), null), 404);
        assertError(http.call(HttpMethod.POST, base(), rival.accessToken(), new JsonObject().put("domain", unique("x"))), 404);
        assertError(http.call(HttpMethod.DELETE, base() + "/" + site.getString("id"), rival.accessToken(), null), 404);
        assertError(http.call(HttpMethod.DELETE, "/api/clients/" + theirClient + "/sites/" + site.getString("id"),
                rival.accessToken(), null), 404);
        assertError(http.call(HttpMethod.PATCH, "/api/clients/" + theirClient + "/sites/" + site.getString("id"),
                rival.accessToken(), new JsonObject().put("returningVisitors", true)), 404);
        assertThat(http.call(HttpMethod.GET, base(), owner.accessToken(), null).bodyAsJsonArray()).hasSize(1);
    }
}
