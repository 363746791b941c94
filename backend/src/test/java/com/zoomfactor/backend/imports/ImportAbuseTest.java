package com.zoomfactor.backend.imports;

import static com.zoomfactor.backend.imports.ImportCalls.bytes;
import static com.zoomfactor.backend.imports.ImportCalls.resource;
import static com.zoomfactor.backend.imports.formats.LinkedInFormatsTest.row;
import static com.zoomfactor.backend.imports.formats.LinkedInFormatsTest.workbook;
import static com.zoomfactor.backend.testing.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.zoomfactor.backend.imports.formats.SearchConsolePerformanceTest;
import com.zoomfactor.backend.testing.Accounts;
import com.zoomfactor.backend.testing.Accounts.Session;
import com.zoomfactor.backend.testing.LiveServer;
import com.zoomfactor.backend.testing.OpenApiContract;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.Deflater;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What hostile or broken uploads do to {@code POST /api/clients/{id}/imports}. Every case answers a clear 4xx as
 * {@code {status, message}} and writes nothing (the client's observations stay empty); the cases that got as far as a
 * job (422) leave an import row in state {@code failed} with a message that says why. Also proved: a declared 2 GB
 * body is refused with 413 before it is read, and a chunked body that runs over the 512 MB limit is cut off with 413
 * (the first read ~1 MB: the answer comes at once; the second ~512 MB: it comes at the limit), both closing the
 * connection right after the answer; a CSV of 10 million empty lines is refused with 422 in about a second while the
 * server keeps answering; a zip entry that says it unpacks to 3 GB is refused at once, and one that lies about its
 * size is stopped at 100 times its packed size (seconds, not the minutes that reading 2 GB would hold the one import
 * runner for). Timings are printed, never asserted.
 */
class ImportAbuseTest {

    @RegisterExtension
    static final LiveServer live = new LiveServer();

    private Session owner;
    private UUID client;
    private ImportCalls imports;

    @BeforeEach
    void setUp() {
        Accounts accounts = live.accounts();
        owner = accounts.signUp("Abuse Agency");
        client = accounts.createClient(owner, "Abused Client");
        imports = new ImportCalls(live, owner, client);
    }

    /** A 422: the job failed with a message, its row says so, and nothing was written. */
    private JsonObject refused(HttpResponse<Buffer> response, String messagePart) {
        assertError(response, 422);
        JsonObject error = response.bodyAsJsonObject();
        assertThat(error.getString("message")).containsIgnoringCase(messagePart);
        String importId = error.getString("importId");
        assertThat(importId).isNotNull();
        JsonObject job = live.http().call(HttpMethod.GET, imports.importsPath() + "/" + importId,
                owner.accessToken(), null).bodyAsJsonObject();
        assertThat(job.getString("state")).isEqualTo("failed");
        assertThat(job.getString("message")).isEqualTo(error.getString("message"));
        assertNothingWritten();
        return error;
    }

    private void assertNothingWritten() {
        assertThat(imports.observationCount()).isZero();
        assertThat(imports.posts()).isEmpty();
    }

    @Test
    void aTruncatedZipIsDamaged() throws IOException {
        Path zip = SearchConsolePerformanceTest.zip(Map.of("Dates.csv", "en/Dates.csv", "Queries.csv",
                "en/Queries.csv", "Filters.csv", "en/Filters.csv"));
        byte[] whole = bytes(zip);
        Files.delete(zip);
        refused(imports.upload(Arrays.copyOf(whole, whole.length / 2), false), "damaged or incomplete");
    }

    @Test
    void aUtf16FileWithTheWrongBomIsNotRecognised() {
        // Meta's UTF-16LE series with a UTF-16BE byte-order mark in front of its little-endian text
        byte[] file = resource("social/meta-facebook-reach.csv");
        assertThat(file[0] & 0xFF).isEqualTo(0xFF);
        file[0] = (byte) 0xFE;
        file[1] = (byte) 0xFF;
        refused(imports.upload(file, false), "Not a file this product reads");
    }

    @Test
    void workbooksWithNoRecognisableSheet() {
        Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
        sheets.put("Sheet1", List.of(row("Budget 2025"), row("Month", "Spend", "Impressions"), row("January", 10, 100)));
        for (boolean xls : new boolean[] {true, false}) {
            JsonObject error = refused(imports.upload(bytes(workbook(xls, sheets)), false), "Not a file this product"
                    + " reads");
            assertThat(error.getString("message")).contains("a workbook file (Sheet1: Month, Spend, Impressions)");
        }
    }

    @Test
    void aWorkbookThatDoesNotOpen() {
        // the OLE2 magic bytes, then nothing of a workbook
        byte[] file = new byte[4096];
        byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(magic, 0, file, 0, magic.length);
        refused(imports.upload(file, false), "workbook");
    }

    @Test
    void randomBytesAreNoExport() {
        byte[] noise = new byte[64 * 1024];
        new Random(14).nextBytes(noise);
        noise[0] = 'x'; // not by chance a zip's or a workbook's magic
        JsonObject error = refused(imports.upload(noise, false), "");
        assertThat(error.getString("message")).isNotBlank();
    }

    @Test
    void anEmptyBodyAndFormsAreRefusedBeforeAnyJob() {
        assertError(imports.upload(new byte[0], false), 400);
        HttpResponse<Buffer> multipart = live.http().sendBytes(HttpMethod.POST, imports.importsPath(),
                owner.accessToken(), "multipart/form-data; boundary=xyz", Buffer.buffer(
                        "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n"
                                + "date,metric,value\n2026-10-01,web.pageviews,1\n\r\n--xyz--\r\n"));
        assertError(multipart, 415);
        assertThat(multipart.bodyAsJsonObject().getString("message")).contains("not as a form upload");
        assertThat(imports.imports()).isEmpty();
        assertNothingWritten();
    }

    @Test
    void aDeclaredTwoGigabyteBodyIsRefusedAtOnce() throws IOException {
        long started = System.nanoTime();
        try (Socket socket = new Socket("localhost", live.server().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + imports.importsPath() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + owner.accessToken() + "\r\nContent-Type: text/csv\r\nContent-Length: 2147483648\r\n\r\n"
                    + "date,metric,value\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Answer answer = Answer.read(socket.getInputStream());
            assertThat(answer.status).isEqualTo(413);
            assertThat(answer.json().getInteger("status")).isEqualTo(413);
            assertThat(answer.json().getString("message")).isNotBlank();
            assertThat(answer.headers).containsIgnoringCase("connection: close");
            OpenApiContract.get().check("POST", imports.importsPath(), 413, "application/json", answer.body);
            assertClosedSoon(socket);
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("2 GB declared: 413 after " + ms + " ms");
        assertThat(imports.imports()).isEmpty();
        assertNothingWritten();
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOff() throws IOException {
        long sent = 0;
        try (Socket socket = new Socket("localhost", live.server().port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST " + imports.importsPath() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + owner.accessToken() + "\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[1024 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] tail = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
            try {
                // up to 600 MB, until the answer comes
                while (sent < 600L * 1024 * 1024 && in.available() == 0) {
                    out.write(head);
                    out.write(chunk);
                    out.write(tail);
                    sent += chunk.length;
                }
            } catch (IOException closed) {
                // the server stopped reading and closed: its answer is already on the way
            }
            Answer answer = Answer.read(in);
            assertThat(answer.status).isEqualTo(413);
            assertThat(answer.json().getString("message")).contains("512 MB");
            assertClosedSoon(socket);
        }
        assertThat(sent).as("cut off near the limit").isLessThanOrEqualTo(ImportHandlers.MAX_BODY_BYTES + 64L * 1024 * 1024);
        assertThat(imports.imports()).isEmpty();
        assertNothingWritten();
    }

    /** The server closes the connection after its refusal (rather than leaving it to the idle timeout). */
    private static void assertClosedSoon(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        try {
            assertThat(socket.getInputStream().read()).as("the connection closes after the answer").isEqualTo(-1);
        } catch (java.net.SocketException reset) {
            // closed with the unread body still coming: a reset is a close too
        } catch (java.net.SocketTimeoutException open) {
            throw new AssertionError("the connection is still open 5 s after the refusal", open);
        }
    }

    @Test
    void aCsvBombOfTenMillionEmptyLinesIsRefusedQuickly() throws IOException {
        long lines = 10_000_000;
        long started = System.nanoTime();
        Answer answer;
        try (Socket socket = new Socket("localhost", live.server().port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + imports.importsPath() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + owner.accessToken() + "\r\nContent-Type: text/csv\r\nContent-Length: " + lines
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) '\n');
            for (long left = lines; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
            out.flush();
            // the server answers the others meanwhile
            HttpResponse<Buffer> list = live.http().call(HttpMethod.GET, imports.importsPath(), owner.accessToken(),
                    null);
            assertThat(list.statusCode()).isEqualTo(200);
            answer = Answer.read(socket.getInputStream());
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("10 million empty lines: " + answer.status + " after " + ms + " ms: " + answer.body);
        assertThat(answer.status).as(answer.body).isEqualTo(422);
        assertThat(answer.json().getString("message")).isNotBlank();
        OpenApiContract.get().check("POST", imports.importsPath(), 422, "application/json", answer.body);
        JsonObject job = imports.imports().get(0);
        assertThat(job.getString("state")).isEqualTo("failed");
        assertNothingWritten();
    }

    @Test
    void aZipBombDeclaringItsSizeIsRefusedAtOnce() {
        HttpResponse<Buffer> response = imports.upload(zipBomb(3L * 1024 * 1024 * 1024, 3L * 1024 * 1024 * 1024),
                false);
        refused(response, "Queries.csv unpacks to 3072 MB");
    }

    @Test
    void aZipBombLyingAboutItsSizeIsStoppedByItsRatio() {
        long started = System.nanoTime();
        HttpResponse<Buffer> response = imports.upload(zipBomb(3L * 1024 * 1024 * 1024, 1_000), false);
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("zip bomb (lying): " + response.statusCode() + " after " + ms + " ms: "
                + response.bodyAsString());
        refused(response, "Queries.csv unpacks to more than 100 times its packed size");
    }

    /**
     * A zip of one entry, Queries.csv, that unpacks to {@code size} bytes of line breaks (a multiple of 1 MB) from a
     * few MB: the same fully flushed deflate block repeated, as a zip bomb is made. Its CRC is not computed (the
     * reader never gets to the end).
     */
    static byte[] zipBomb(long size, long declared) {
        byte[] megabyte = new byte[1024 * 1024];
        Arrays.fill(megabyte, (byte) '\n');
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] first = flushed(deflater, megabyte);
        byte[] repeated = flushed(deflater, megabyte);
        assertThat(flushed(deflater, megabyte)).isEqualTo(repeated);
        deflater.finish();
        byte[] buffer = new byte[64];
        int endLength = deflater.deflate(buffer);
        byte[] end = Arrays.copyOf(buffer, endLength);
        deflater.end();
        long megabytes = size / megabyte.length;
        long compressed = first.length + (megabytes - 1) * repeated.length + end.length;
        byte[] name = "Queries.csv".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream zip = new ByteArrayOutputStream((int) compressed + 200);
        ByteBuffer local = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN).putInt(0x04034b50)
                .putShort((short) 20).putShort((short) 0).putShort((short) 8).putShort((short) 0).putShort((short) 0x21)
                .putInt(0).putInt((int) compressed).putInt((int) declared).putShort((short) name.length)
                .putShort((short) 0);
        zip.writeBytes(local.array());
        zip.writeBytes(name);
        zip.writeBytes(first);
        for (long i = 1; i < megabytes; i++) {
            zip.writeBytes(repeated);
        }
        zip.writeBytes(end);
        int directoryAt = zip.size();
        ByteBuffer central = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN).putInt(0x02014b50)
                .putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 8).putShort((short) 0)
                .putShort((short) 0x21).putInt(0).putInt((int) compressed).putInt((int) declared)
                .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putInt(0).putInt(0);
        zip.writeBytes(central.array());
        zip.writeBytes(name);
        int directorySize = zip.size() - directoryAt;
        ByteBuffer endOfDirectory = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN).putInt(0x06054b50)
                .putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1).putInt(directorySize)
                .putInt(directoryAt).putShort((short) 0);
        zip.writeBytes(endOfDirectory.array());
        return zip.toByteArray();
    }

    private static byte[] flushed(Deflater deflater, byte[] input) {
        deflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        return out.toByteArray();
    }

    /** A response read off a socket: status, raw headers, and a Content-Length body. */
    private record Answer(int status, String headers, String body) {

        JsonObject json() {
            return new JsonObject(body);
        }

        static Answer read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b == -1) {
                    throw new IOException("closed before an answer: " + head);
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String headers = head.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(headers.split(" ", 3)[1]);
            int length = 0;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return new Answer(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }
}
