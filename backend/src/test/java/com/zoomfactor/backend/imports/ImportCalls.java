package com.zoomfactor.backend.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.LiveServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An import as the API sees it, for the integration tests of one client: upload a file (dry run or not), read back
 * what was stored (observations by day, period and breakdown line; posts), and check the round trip every format
 * must pass.
 */
final class ImportCalls {

    private final LiveServer live;
    private final Http http;
    private final Session owner;
    private final UUID client;

    ImportCalls(LiveServer live, Session owner, UUID client) {
        this.live = live;
        this.http = live.http();
        this.owner = owner;
        this.client = client;
    }

    static byte[] resource(String name) {
        try (InputStream in = ImportCalls.class.getResourceAsStream("/imports/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource /imports/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<Buffer> upload(byte[] file, boolean dryRun) {
        return upload(owner, file, dryRun);
    }

    HttpResponse<Buffer> upload(Session as, byte[] file, boolean dryRun) {
        return http.sendBytes(HttpMethod.POST, importsPath() + (dryRun ? "?dryRun=true" : ""), as.accessToken(),
                "application/octet-stream", Buffer.buffer(file), "X-File-Name", "sample");
    }

    String importsPath() {
        return "/api/clients/" + client + "/imports";
    }

    /**
     * The round trip of one file: a dry run (200, the format recognised, writes nothing), the import (201, the same
     * counts, every previewed point stored with its exact value, its source the format key), then the same file
     * again (201, nothing inserted or updated, the stored values unchanged). Answers the import's JSON.
     */
    JsonObject roundTrip(byte[] file, String formatKey) {
        HttpResponse<Buffer> dry = upload(file, true);
        assertThat(dry.statusCode()).as(dry.bodyAsString()).isEqualTo(200);
        JsonObject check = dry.bodyAsJsonObject();
        assertThat(check.getBoolean("dryRun")).isTrue();
        assertThat(check.getString("state")).isEqualTo("done");
        assertThat(check.getJsonObject("format").getString("key")).isEqualTo(formatKey);
        JsonArray preview = check.getJsonArray("preview");
        preview.forEach(p -> assertThat(((JsonObject) p).getString("source")).isEqualTo(formatKey));
        if (!preview.isEmpty()) {
            assertThat(stored(preview.getJsonObject(0))).as("a dry run writes nothing").isNull();
        }
        int postsBefore = posts().size();

        HttpResponse<Buffer> real = upload(file, false);
        assertThat(real.statusCode()).as(real.bodyAsString()).isEqualTo(201);
        JsonObject done = real.bodyAsJsonObject();
        assertThat(done.getJsonObject("format").getString("key")).isEqualTo(formatKey);
        assertThat(done.getLong("points")).isEqualTo(check.getLong("points"));
        assertThat(done.getLong("posts")).isEqualTo(check.getLong("posts"));
        assertThat(done.getLong("inserted") + done.getLong("updated") + done.getLong("unchanged"))
                .isEqualTo(done.getLong("points"));
        assertThat(done.getLong("inserted")).as("what the dry run said it would insert").isEqualTo(
                check.getLong("inserted"));
        for (Object p : preview) {
            JsonObject point = (JsonObject) p;
            assertThat(stored(point)).as("stored %s", point).isEqualTo(point.getDouble("value"));
        }
        assertThat(posts().size() - postsBefore).isEqualTo(done.getLong("postsInserted").intValue());
        if (done.getLong("points") > 0) {
            assertThat(sources()).as("each point keeps its format as source (a fresh client per test)")
                    .containsExactly(formatKey);
        }

        JsonArray postsAfter = posts();
        HttpResponse<Buffer> again = upload(file, false);
        assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(201);
        JsonObject twice = again.bodyAsJsonObject();
        assertThat(twice.getLong("inserted")).as("re-import inserts nothing").isZero();
        assertThat(twice.getLong("updated")).as("re-import updates nothing").isZero();
        assertThat(twice.getLong("unchanged")).isEqualTo(done.getLong("points"));
        assertThat(twice.getLong("postsInserted")).isZero();
        assertThat(twice.getLong("postsUpdated")).isZero();
        for (Object p : preview) {
            JsonObject point = (JsonObject) p;
            assertThat(stored(point)).isEqualTo(point.getDouble("value"));
        }
        assertThat(posts()).isEqualTo(postsAfter);
        return done;
    }

    /** The stored value of a previewed point (a day, or a period total; a total or a breakdown line), or null. */
    Double stored(JsonObject point) {
        String start = point.getString("start");
        String end = point.getString("end");
        String dimension = point.getString("dimension");
        return start.equals(end) ? day(point.getString("metric"), start, dimension)
                : period(point.getString("metric"), start, end, dimension);
    }

    JsonObject series(String metric, String from, String to, String dimension) {
        HttpResponse<Buffer> response = http.call(HttpMethod.GET, "/api/clients/" + client + "/observations?metric="
                + metric + "&from=" + from + "&to=" + to + (dimension == null ? "" : "&dimension="
                + URLEncoder.encode(dimension, StandardCharsets.UTF_8)), owner.accessToken(), null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    /** The day's stored value of the metric's total (or breakdown line), or null. */
    Double day(String metric, String date, String dimension) {
        JsonArray points = series(metric, date, date, dimension).getJsonArray("points");
        return points.isEmpty() ? null : points.getJsonObject(0).getDouble("value");
    }

    Double day(String metric, String date) {
        return day(metric, date, null);
    }

    /** The stored period total from..to of the metric (or breakdown line), or null. */
    Double period(String metric, String from, String to, String dimension) {
        for (Object p : series(metric, from, to, dimension).getJsonArray("periods")) {
            JsonObject period = (JsonObject) p;
            if (period.getString("from").equals(from) && period.getString("to").equals(to)) {
                return period.getDouble("value");
            }
        }
        return null;
    }

    /** The breakdown lines of a metric over a range: dimension → value. */
    JsonArray dimensions(String metric, String from, String to) {
        HttpResponse<Buffer> response = http.call(HttpMethod.GET, "/api/clients/" + client + "/dimensions?metric="
                + metric + "&from=" + from + "&to=" + to, owner.accessToken(), null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject().getJsonArray("values");
    }

    JsonArray posts() {
        HttpResponse<Buffer> response = http.call(HttpMethod.GET, "/api/clients/" + client
                + "/posts?from=2000-01-01&to=2100-01-01&limit=500", owner.accessToken(), null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonArray();
    }

    JsonObject post(String externalId) {
        return posts().stream().map(JsonObject.class::cast).filter(p -> p.getString("externalId").equals(externalId))
                .findFirst().orElseThrow(() -> new AssertionError("no post " + externalId));
    }

    /** The sources of the client's stored observations (read under the agency's row-level security). */
    Set<String> sources() {
        try {
            return new Tenancy(live.server().pool()).inAgency(owner.agencyId(), sql -> sql.preparedQuery(
                    "SELECT DISTINCT source FROM observations WHERE client_id = $1").execute(Tuple.of(client))
                    .map(rows -> {
                        Set<String> sources = new TreeSet<>();
                        rows.forEach(row -> sources.add(row.getString(0)));
                        return sources;
                    })).await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** How many observations the client has (any metric, any day). */
    long observationCount() {
        try {
            return new Tenancy(live.server().pool()).inAgency(owner.agencyId(), sql -> sql.preparedQuery(
                    "SELECT count(*) FROM observations WHERE client_id = $1").execute(Tuple.of(client))
                    .map(rows -> rows.iterator().next().getLong(0))).await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** The client's imports, newest first. */
    List<JsonObject> imports() {
        HttpResponse<Buffer> response = http.call(HttpMethod.GET, importsPath(), owner.accessToken(), null);
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonObject> jobs = new ArrayList<>();
        response.bodyAsJsonArray().forEach(job -> jobs.add((JsonObject) job));
        return jobs;
    }
}
