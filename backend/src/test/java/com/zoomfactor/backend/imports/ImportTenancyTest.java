package com.zoomfactor.backend.imports;

import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may see and make a client's imports (one import made by the agency's owner): another agency can neither list,
 * read (poll) nor upload (404, as if the client did not exist); a client viewer of another client of the same agency
 * cannot list or read them either (404; an upload is refused for its role first, 403); a viewer of the agency reads the list and the import but may not upload
 * (403); a client viewer of this very client reads them. An import id of another client, asked through this client's
 * path, is 404 too.
 */
class ImportTenancyTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private static Http http;
    private static Session owner;
    private static UUID client;
    private static UUID other;
    private static String importId;

    @BeforeAll
    static void anImport() {
        http = live.http();
        Accounts accounts = live.accounts();
        owner = accounts.signUp("Tenancy Agency");
        client = accounts.createClient(owner, "Watched Client");
        other = accounts.createClient(owner, "Other Client");
        HttpResponse<Buffer> made = upload(owner, client);
        assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
        importId = made.bodyAsJsonObject().getString("id");
    }

    private static HttpResponse<Buffer> upload(Session as, UUID into) {
        return http.sendBytes(HttpMethod.POST, "/api/clients/" + into + "/imports", as.accessToken(), "text/csv",
                Buffer.buffer("date,metric,value\n2026-10-01,web.pageviews,1\n".getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<Buffer> list(Session as, UUID of) {
        return http.call(HttpMethod.GET, "/api/clients/" + of + "/imports", as.accessToken(), null);
    }

    private static HttpResponse<Buffer> one(Session as, UUID of, String id) {
        return http.call(HttpMethod.GET, "/api/clients/" + of + "/imports/" + id, as.accessToken(), null);
    }

    @Test
    void anotherAgencySeesNothing() {
        Session stranger = live.accounts().signUp("Stranger Agency");
        assertError(list(stranger, client), 404);
        assertError(one(stranger, client, importId), 404);
        assertError(upload(stranger, client), 404);
        // its own client does not open a door to this import
        UUID own = live.accounts().createClient(stranger, "Stranger's Client");
        assertError(one(stranger, own, importId), 404);
        assertThat(list(stranger, own).bodyAsJsonArray()).isEmpty();
    }

    @Test
    void aClientViewerOfAnotherClientSeesNothing() {
        Session viewer = live.accounts().invite(owner, "viewer", other);
        assertError(list(viewer, client), 404);
        assertError(one(viewer, client, importId), 404);
        assertError(one(viewer, other, importId), 404);
        // a viewer never uploads: the role is refused before the client is looked at (as on every write route)
        assertError(upload(viewer, client), 403);
    }

    @Test
    void aClientViewerOfThisClientReadsButDoesNotUpload() {
        Session viewer = live.accounts().invite(owner, "viewer", client);
        assertThat(list(viewer, client).bodyAsJsonArray()).extracting(j -> ((JsonObject) j).getString("id"))
                .contains(importId);
        assertThat(one(viewer, client, importId).statusCode()).isEqualTo(200);
        assertError(upload(viewer, client), 403);
    }

    @Test
    void aViewerReadsButDoesNotUpload() {
        Session viewer = live.accounts().invite(owner, "viewer", null);
        HttpResponse<Buffer> listed = list(viewer, client);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.bodyAsJsonArray()).extracting(j -> ((JsonObject) j).getString("id")).contains(importId);
        HttpResponse<Buffer> read = one(viewer, client, importId);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.bodyAsJsonObject().getString("state")).isEqualTo("done");
        assertError(upload(viewer, client), 403);
        assertThat(list(owner, client).bodyAsJsonArray()).hasSize(1);
    }

    @Test
    void anImportIsOnlyFoundUnderItsOwnClient() {
        assertError(one(owner, other, importId), 404);
        assertThat(one(owner, client, importId).statusCode()).isEqualTo(200);
    }
}
