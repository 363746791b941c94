package com.zoomfactor.backend.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.app.ZoomFactorServer;
import com.zoomfactor.backend.config.AppConfig;
import com.zoomfactor.backend.config.DatabaseUrl;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.Http;
import com.zoomfactor.backend.testing.TestDatabase;
import com.zoomfactor.backend.testing.TestPaths;
import com.zoomfactor.backend.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Durability of import jobs across a server stop, with real servers on one data directory and one database (the
 * second started where the first stopped, as a restart does). A server stopped while an import is writing (its
 * transaction has written batches, not committed) leaves no observation of it behind and the job unfinished; at the
 * next start the job runs again from the kept upload and ends {@code done} with every point, exactly once. A job whose
 * upload is gone by then ends {@code failed} with a message that says to upload it again, writing nothing.
 */
class ImportResumeTest {

    /** Rows of the big file: enough for the import to take seconds (it is stopped after its first progress). */
    private static final int DAYS = 400;
    private static final int PAGES = 1_500;

    private final Vertx clientVertx = Vertx.vertx();
    private ZoomFactorServer running;

    @AfterEach
    void stop() throws Exception {
        if (running != null) {
            running.stop().await(30, TimeUnit.SECONDS);
        }
        clientVertx.close().await(10, TimeUnit.SECONDS);
    }

    private ZoomFactorServer start(Path dataDir, DatabaseUrl database) throws Exception {
        ZoomFactorServer server = new ZoomFactorServer(new AppConfig(0, dataDir, Optional.of(database),
                OptionalInt.empty(), Optional.of(TestServer.JWT_KEY)));
        server.start().await(60, TimeUnit.SECONDS);
        running = server;
        return server;
    }

    @Test
    void aStoppedImportWritesNothingAndIsResumedAtTheNextStart() throws Exception {
        Path dataDir = TestPaths.newDirectory("import-resume-");
        DatabaseUrl database = TestDatabase.freshDatabase(ImportResumeTest.class);
        ZoomFactorServer first = start(dataDir, database);
        Http http = new Http(clientVertx, first.port());
        Accounts accounts = new Accounts(http);
        Session owner = accounts.signUp("Resume Agency");
        UUID client = accounts.createClient(owner, "Resumed Client");
        String imports = "/api/clients/" + client + "/imports";

        // the big import, sent without waiting for its answer, then a small one queued behind it
        byte[] big = bigCsv();
        try (Socket socket = new Socket("localhost", first.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + imports + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + owner.accessToken() + "\r\nContent-Type: text/csv\r\nContent-Length: " + big.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(big);
            out.flush();
            JsonObject bigJob = awaitJob(http, owner, imports, job -> job.getString("state").equals("running")
                    && job.getLong("rows") > 0);
            String queuedAnswer = sendQueued(first.port(), owner, imports);
            // the small file's row appears once its body is received; the big import is still running then (it takes
            // seconds), so the small one waits behind it
            JsonArray listed = new JsonArray();
            for (int i = 0; i < 200 && listed.size() < 2; i++) {
                Thread.sleep(25);
                listed = http.call(HttpMethod.GET, imports, owner.accessToken(), null).bodyAsJsonArray();
            }
            assertThat(listed).hasSize(2);
            JsonObject small = listed.getJsonObject(0);
            assertThat(small.getString("state")).as(queuedAnswer).isEqualTo("queued");

            first.stop().await(30, TimeUnit.SECONDS);
            running = null;

            // between the two servers: the job unfinished, nothing of it written
            assertThat(state(database, bigJob.getString("id"))).isEqualTo("running");
            assertThat(observations(database, client)).as("a stopped import leaves nothing half-written").isZero();
            Path upload = dataDir.resolve("imports").resolve(bigJob.getString("id") + ".upload");
            assertThat(upload).exists();
            // the small job's upload is lost (a disk replaced, a cleanup run)
            Files.delete(dataDir.resolve("imports").resolve(small.getString("id") + ".upload"));

            ZoomFactorServer second = start(dataDir, database);
            Http again = new Http(clientVertx, second.port());
            String bigPath = imports + "/" + bigJob.getString("id");
            JsonObject resumed = awaitOne(again, owner, bigPath);
            assertThat(resumed.getString("state")).as(resumed.encodePrettily()).isEqualTo("done");
            assertThat(resumed.getLong("points")).isEqualTo((long) DAYS * PAGES);
            assertThat(resumed.getLong("inserted")).isEqualTo((long) DAYS * PAGES);
            assertThat(observations(database, client)).isEqualTo((long) DAYS * PAGES);
            assertThat(upload).as("the upload is removed once its job ended").doesNotExist();

            JsonObject lost = awaitOne(again, owner, imports + "/" + small.getString("id"));
            assertThat(lost.getString("state")).isEqualTo("failed");
            assertThat(lost.getString("message")).contains("no longer on this server").contains("upload it again");
            assertThat(new ImportCallsOn(again, owner, client).day("web.unique_visitors", "2026-10-01"))
                    .as("the lost job wrote nothing").isNull();
        }
    }

    /** A small Zoom Factor CSV, sent while the big import runs: it waits its turn (202 after the POST's wait). */
    private static String sendQueued(int port, Session owner, String imports) throws Exception {
        byte[] small = "date,metric,value\n2026-10-01,web.unique_visitors,5\n".getBytes(StandardCharsets.UTF_8);
        Socket socket = new Socket("localhost", port);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + imports + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + owner.accessToken() + "\r\nContent-Type: text/csv\r\nContent-Length: " + small.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(small);
        out.flush();
        // its answer is not waited for (the socket closes with the server): the caller sees its row appear
        return "sent";
    }

    private static JsonObject awaitJob(Http http, Session owner, String imports,
                                       java.util.function.Predicate<JsonObject> until) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonArray jobs = http.call(HttpMethod.GET, imports, owner.accessToken(), null).bodyAsJsonArray();
            if (!jobs.isEmpty() && until.test(jobs.getJsonObject(0))) {
                return jobs.getJsonObject(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the import did not get there within 60 s");
    }

    private static JsonObject awaitOne(Http http, Session owner, String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonObject job = null;
        while (System.nanoTime() < deadline) {
            job = http.call(HttpMethod.GET, path, owner.accessToken(), null).bodyAsJsonObject();
            if (job.getString("state").equals("done") || job.getString("state").equals("failed")) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the import did not end within 120 s: " + job);
    }

    /** The product's long form: page views by page, DAYS days of PAGES pages. */
    private static byte[] bigCsv() {
        StringBuilder csv = new StringBuilder(DAYS * PAGES * 40).append("date,metric,value,dimension\n");
        LocalDate first = LocalDate.of(2024, 1, 1);
        for (int d = 0; d < DAYS; d++) {
            String day = first.plusDays(d).toString();
            for (int p = 0; p < PAGES; p++) {
                csv.append(day).append(",web.pageviews,").append(d + p).append(",/page/").append(p).append('\n');
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String state(DatabaseUrl database, String id) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             PreparedStatement query = c.prepareStatement("SELECT state FROM imports WHERE id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }

    private static long observations(DatabaseUrl database, UUID client) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             PreparedStatement query = c.prepareStatement("SELECT count(*) FROM observations WHERE client_id = ?")) {
            query.setObject(1, client);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Reads a day's value through the API of a server that is not a LiveServer. */
    private record ImportCallsOn(Http http, Session owner, UUID client) {
        Double day(String metric, String date) {
            JsonArray points = http.call(HttpMethod.GET, "/api/clients/" + client + "/observations?metric=" + metric
                    + "&from=" + date + "&to=" + date, owner.accessToken(), null).bodyAsJsonObject()
                    .getJsonArray("points");
            return points.isEmpty() ? null : points.getJsonObject(0).getDouble("value");
        }
    }
}
