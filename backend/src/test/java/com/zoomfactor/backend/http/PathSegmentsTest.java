package com.zoomfactor.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.RawHttp;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A path with dot or empty segments names nothing, whatever the route it would normalise to. */
class PathSegmentsTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private RawHttp.Response send(String method, String path, Session session) throws IOException {
        try (RawHttp connection = new RawHttp(live.server().port())) {
            connection.send(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + session.accessToken() + "\r\nConnection: close\r\n\r\n");
            return connection.read();
        }
    }

    @Test
    void aDotSegmentNeverReachesTheResourceItWouldNormaliseTo() throws IOException {
        Session owner = live.accounts().signUp("Dotted Agency");
        UUID client = live.accounts().createClient(owner, "Kept");
        String base = "/api/clients/" + client;
        for (String path : new String[] {base + "/annotations/..", base + "/annotations/%2e%2e",
                base + "/annotations/%2E.", base + "/goals/../", base + "/./annotations", base + "//annotations",
                base + "/annotations/x/../..", "/api/shared/zfs_x/.."}) {
            for (String method : new String[] {"DELETE", "GET", "PATCH"}) {
                RawHttp.Response response = send(method, path, owner);
                assertThat(response.status()).as(method + " " + path).isEqualTo(404);
                JsonObject body = response.json();
                assertThat(body.getInteger("status")).isEqualTo(404);
                assertThat(body.getString("message")).isNotBlank();
            }
        }
        assertThat(live.http().call(HttpMethod.GET, base, owner.accessToken(), null).statusCode())
                .as("the client is still there").isEqualTo(200);
        assertThat(send("GET", base + "/annotations", owner).status()).as("a plain path is served").isEqualTo(200);
    }

    @Test
    void onlyDotAndEmptySegmentsAreRefused() {
        assertThat(PathSegments.plain("/")).isTrue();
        assertThat(PathSegments.plain("/api/clients/")).isTrue();
        assertThat(PathSegments.plain("/assets/app.3f2a.js")).isTrue();
        assertThat(PathSegments.plain("/api/clients/..x")).isTrue();
        assertThat(PathSegments.plain("/api/clients/..")).isFalse();
        assertThat(PathSegments.plain("/api/%2e/clients")).isFalse();
        assertThat(PathSegments.plain("/api//clients")).isFalse();
    }
}
