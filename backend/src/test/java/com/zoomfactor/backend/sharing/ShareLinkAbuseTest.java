package com.zoomfactor.backend.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Strangers cannot silence a share link, and no spelling of a token makes the server fail. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShareLinkAbuseTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Http http;
    private String token;

    @BeforeEach
    void setUp() {
        http = live.http();
        Session owner = live.accounts().signUp("Abused Agency");
        UUID client = live.accounts().createClient(owner, "Exposed Client");
        HttpResponse<Buffer> created = http.call(HttpMethod.POST, "/api/clients/" + client + "/share-links",
                owner.accessToken(), new JsonObject());
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        token = created.bodyAsJsonObject().getString("token");
    }

    /** The same id and agency with another secret: what someone who saw the link's id could send. */
    private String wrongSecret() {
        byte[] raw = Base64.getUrlDecoder().decode(token.substring(4));
        raw[raw.length - 1] ^= 0x55;
        return "zfs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static void assertJsonError(HttpResponse<Buffer> response, int status, String sent) {
        assertThat(response.statusCode()).as(sent + " → " + response.bodyAsString()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).as(sent).startsWith("application/json");
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getInteger("status")).as(sent).isEqualTo(status);
        assertThat(body.getString("message")).as(sent).isNotBlank();
    }

    @Test
    @Order(1)
    void everyShapeOfABadTokenAnswersTheSame404() {
        String rest = token.substring(4);
        List<String> shapes = new ArrayList<>(List.of(
                "zfs_", "zfs", "x", rest, "ZFS_" + rest, "zfs_zfs_" + rest, token + "=", token + "A", token.substring(0, 40),
                "zfk_" + rest, "zfs_+" + rest.substring(1), "zfs_" + rest.substring(1) + "/", token + "%00", "%00", "%zz", "zfs_%zz%",
                "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%E2%82%AC", "zfs_%C3%BC" + rest, "%25252F", "zfs_" + "A".repeat(3_000),
                "%F0%9F%98%80", "%C0%AF", "%ff%fe", "zfs_%20" + rest, "a;b=c", "zfs_" + rest + "%2F"));
        for (String shape : shapes) {
            assertJsonError(http.get("/api/shared/" + shape), 404, shape);
        }
        assertJsonError(http.call(HttpMethod.POST, "/api/shared/%zz/unlock", null,
                new JsonObject().put("password", "whatever it is")), 404, "unlock %zz");
        assertThat(http.get("/api/shared/" + token).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void wrongSecretsSlowDownTheirSenderButNeverSilenceTheLink() {
        String guess = wrongSecret();
        int refused = 0;
        for (int i = 0; i < 125; i++) {
            HttpResponse<Buffer> answer = http.get("/api/shared/" + guess);
            assertThat(answer.statusCode()).as(answer.bodyAsString()).isIn(404, 429);
            if (answer.statusCode() == 429) {
                refused++;
                assertThat(Long.parseLong(answer.getHeader("Retry-After"))).isBetween(1L, 60L);
            }
        }
        assertThat(refused).as("failures past the address's budget answer 429").isPositive();
        // the holder of the link — even at the same address — reads it as before
        for (int i = 0; i < 5; i++) {
            HttpResponse<Buffer> read = http.get("/api/shared/" + token);
            assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
        }
    }
}
