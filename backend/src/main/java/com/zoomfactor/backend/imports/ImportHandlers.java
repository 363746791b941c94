package com.zoomfactor.backend.imports;

import com.zoomfactor.backend.auth.Caller;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.backend.http.JsonResponses;
import com.zoomfactor.backend.http.PathParams;
import com.zoomfactor.backend.http.QueryParams;
import com.zoomfactor.backend.scope.ClientCheckStore;
import com.zoomfactor.backend.scope.ClientScope;
import com.zoomfactor.backend.scope.RequestScope;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/clients/{id}/imports}: a file — an export of Google Analytics, Search Console, X, Meta, LinkedIn,
 * Mailchimp, or the product's own CSV; a zip or a workbook too — sent as the request body, streamed to disk (never
 * held in memory), then imported by a durable job ({@link ImportRunner}). The answer waits a few seconds for the job:
 * 201 (200 for a dry run) when it is done, 422 with its problems when it failed, or 202 with the job to poll at
 * {@code GET …/imports/{importId}}. {@code GET …/imports} lists the client's recent imports.
 */
public final class ImportHandlers {

    /** The largest upload: a 100 MB export imports comfortably; larger are refused before they are read. */
    public static final long MAX_BODY_BYTES = 512L * 1024 * 1024;
    /** How long a POST waits for its import before answering 202. */
    static final long WAIT_MS = 10_000;
    static final String NOT_FOUND = "No such import";
    private static final int MAX_FILE_NAME = 255;

    private final Vertx vertx;
    private final Tenancy tenancy;
    private final ImportRunner runner;
    private final RequestScope scope;

    public ImportHandlers(Vertx vertx, Tenancy tenancy, ImportRunner runner) {
        this.vertx = vertx;
        this.tenancy = tenancy;
        this.runner = runner;
        this.scope = new RequestScope(tenancy);
    }

    /** POST /api/clients/{id}/imports[?dryRun=true] — the file as the body; X-File-Name may name it. */
    public void upload(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        UUID clientId = ClientScope.visibleId(ctx, caller);
        boolean dryRun = QueryParams.flag(ctx, "dryRun");
        String type = ctx.request().getHeader("Content-Type");
        String media = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
        if (media.startsWith("multipart/") || media.startsWith("application/x-www-form-urlencoded")) {
            throw new ApiException(415, "Send the file itself as the request body, not as a form upload"
                    + " (curl --data-binary @file)");
        }
        if (media.startsWith("application/json")) {
            throw new ApiException(415, "An import is a file (CSV, zip, .xls/.xlsx); JSON data goes to"
                    + " POST /api/clients/{id}/observations");
        }
        String fileName = fileName(ctx.request().getHeader("X-File-Name"));
        UUID agencyId = caller.agencyId();
        UUID personId = caller instanceof Caller.Person person ? person.personId() : null;
        UUID tokenId = caller instanceof Caller.Machine machine ? machine.tokenId() : null;
        UUID id = UUID.randomUUID();
        tenancy.inAgency(agencyId, sql -> ClientCheckStore.require(sql, agencyId, clientId))
                .compose(exists -> receive(ctx, id))
                .compose(bytes -> tenancy.inAgency(agencyId, sql -> ImportStore.insert(sql, id, agencyId, clientId,
                        personId, tokenId, dryRun, fileName, bytes)))
                .compose(stored -> waitFor(runner.submit(agencyId, id)))
                .compose(waited -> tenancy.inAgency(agencyId, sql -> ImportStore.one(sql, agencyId, clientId, id)))
                .onSuccess(job -> answer(ctx, job.orElseThrow()))
                .onFailure(failure -> {
                    runner.forget(id);
                    ctx.fail(failure);
                });
    }

    /** GET /api/clients/{id}/imports — the client's imports, newest first. */
    public void list(RoutingContext ctx) {
        scope.inClient(ctx, (caller, clientId, sql) -> ImportStore.list(sql, caller.agencyId(), clientId)).ok();
    }

    /** GET /api/clients/{id}/imports/{importId} — one import: its state, progress and outcome. */
    public void get(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "importId", "import");
        scope.inClient(ctx, (caller, clientId, sql) -> ImportStore.one(sql, caller.agencyId(), clientId, id)
                .map(job -> job.orElseThrow(() -> ApiException.notFound(NOT_FOUND)))).ok();
    }

    private static void answer(RoutingContext ctx, ImportJob job) {
        String location = ctx.request().path() + "/" + job.id();
        ctx.response().putHeader("Location", location);
        if (!job.finished()) {
            JsonResponses.send(ctx, 202, job);
        } else if (job.state().equals("failed")) {
            ctx.fail(new ApiException(422, job.message(), Map.of("errors", job.errors(), "importId", job.id(),
                    "errorCount", job.errorCount()), Map.of("Location", location)));
        } else {
            JsonResponses.send(ctx, job.dryRun() ? 200 : 201, job);
        }
    }

    /** The job's end, or the end of the wait, whichever comes first. */
    private Future<Void> waitFor(Future<Void> job) {
        Promise<Void> waited = Promise.promise();
        long timer = vertx.setTimer(WAIT_MS, fired -> waited.tryComplete());
        job.onComplete(ended -> {
            vertx.cancelTimer(timer);
            waited.tryComplete();
        });
        return waited.future();
    }

    /**
     * Streams the request body into the job's file: refused with 413 past {@link #MAX_BODY_BYTES} (at once when the
     * declared length says so), 400 when empty. Completes with the number of bytes.
     */
    private Future<Long> receive(RoutingContext ctx, UUID id) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader("Content-Length");
        if (declared != null && parseLength(declared) > MAX_BODY_BYTES) {
            return Future.failedFuture(tooLarge());
        }
        Promise<Long> received = Promise.promise();
        vertx.fileSystem().mkdirs(runner.directory().toString())
                .compose(made -> vertx.fileSystem().open(runner.file(id).toString(),
                        new OpenOptions().setCreate(true).setWrite(true).setTruncateExisting(true)))
                .onFailure(received::tryFail)
                .onSuccess(file -> copy(ctx, request, file, received));
        return received.future();
    }

    private static void copy(RoutingContext ctx, HttpServerRequest request, AsyncFile file, Promise<Long> received) {
        long[] bytes = {0};
        request.handler(chunk -> {
            bytes[0] += chunk.length();
            if (bytes[0] > MAX_BODY_BYTES) {
                request.pause();
                file.close();
                // the rest of the body is not read: the connection closes after the answer
                ctx.response().putHeader("Connection", "close");
                received.tryFail(tooLarge());
                return;
            }
            file.write(chunk);
            if (file.writeQueueFull()) {
                request.pause();
                file.drainHandler(drained -> request.resume());
            }
        });
        request.exceptionHandler(failure -> {
            file.close();
            received.tryFail(failure);
        });
        request.endHandler(ended -> file.flush().compose(flushed -> file.close()).onComplete(closed -> {
            if (closed.failed()) {
                received.tryFail(closed.cause());
            } else if (bytes[0] == 0) {
                received.tryFail(ApiException.badRequest("The file is empty"));
            } else {
                received.tryComplete(bytes[0]);
            }
        }));
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect")) && request.version() != HttpVersion.HTTP_1_0) {
            ctx.response().writeContinue();
        }
        request.resume();
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "A file may be at most " + MAX_BODY_BYTES / (1024 * 1024) + " MB");
    }

    private static long parseLength(String declared) {
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The name the browser gave the file (shown, never used as a path), or null. */
    private static String fileName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String decoded;
        try {
            decoded = java.net.URLDecoder.decode(header, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = header;
        }
        String name = decoded.substring(Math.max(decoded.lastIndexOf('/'), decoded.lastIndexOf('\\')) + 1).strip()
                .replaceAll("\\p{Cntrl}", "");
        return name.isEmpty() ? null : name.length() > MAX_FILE_NAME ? name.substring(0, MAX_FILE_NAME) : name;
    }
}
