package com.zoomfactor.backend.imports;

import com.zoomfactor.backend.activity.ActivityStore;
import com.zoomfactor.backend.db.DatabaseUnavailable;
import com.zoomfactor.backend.db.Tenancy;
import com.zoomfactor.backend.imports.files.ReadProgress;
import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.imports.files.Sheet;
import com.zoomfactor.backend.imports.files.UnreadableFile;
import com.zoomfactor.backend.imports.files.Upload;
import com.zoomfactor.backend.imports.formats.ExportFormat;
import com.zoomfactor.backend.imports.formats.Formats;
import com.zoomfactor.backend.imports.formats.ZoomFactorCsv;
import com.zoomfactor.backend.observations.InvalidPoints;
import com.zoomfactor.backend.observations.Point;
import com.zoomfactor.backend.observations.PointError;
import com.zoomfactor.backend.observations.PointReader;
import com.zoomfactor.backend.observations.PointWriter;
import com.zoomfactor.backend.posts.PostStore.NewPost;
import com.zoomfactor.backend.posts.PostWriter;
import com.zoomfactor.backend.scope.ClientCheckStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs import jobs on this server, one at a time, each on its own thread (reading is blocking work) and in one
 * transaction: the whole file is written, or nothing. The uploaded file stays on disk until its job ends, so that a
 * server stopped mid-import runs it again at its next start ({@link #resumeUnfinished}) — the stopped transaction
 * wrote nothing. How far the reading got is saved about once a second, outside that transaction, for the progress
 * the API shows.
 */
public final class ImportRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);
    /** A job that failed this often for reasons of the server's (not the file's) is given up. */
    static final int MAX_ATTEMPTS = 3;
    private static final long PROGRESS_EVERY_MS = 1_000;

    private final Vertx vertx;
    private final Tenancy tenancy;
    private final Path directory;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "zf-import");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;
    private UUID node;

    /** What a dry run did, carried out of the transaction it rolls back. */
    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super(null, null, false, false);
        }
    }

    /** The file's problems: the transaction rolls back, the job fails with them. */
    private static final class Problems extends RuntimeException {
        Problems() {
            super(null, null, false, false);
        }
    }

    public ImportRunner(Vertx vertx, Tenancy tenancy, Path directory) {
        this.vertx = vertx;
        this.tenancy = tenancy;
        this.directory = directory;
    }

    /**
     * This server's id, kept in its import directory (made on first use): the jobs whose files it holds carry it, so
     * that at a restart it resumes its own and never another server's. Blocking: call off the event loop.
     */
    synchronized UUID node() {
        if (node == null) {
            Path file = directory.resolve("server-id");
            try {
                Files.createDirectories(directory);
                if (Files.exists(file)) {
                    node = UUID.fromString(Files.readString(file).strip());
                } else {
                    UUID made = UUID.randomUUID();
                    Path written = Files.writeString(directory.resolve("server-id.tmp"), made.toString());
                    Files.move(written, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    node = made;
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("Cannot keep the server id in " + file + ": " + e.getMessage(), e);
            }
        }
        return node;
    }

    /** Where the uploaded file of a job is kept until its job ends. */
    Path file(UUID id) {
        return directory.resolve(id + ".upload");
    }

    Path directory() {
        return directory;
    }

    /** Queues the job; completes when it has ended (done or failed), or with the failure of the runner itself. */
    public Future<Void> submit(UUID agencyId, UUID id) {
        Promise<Void> ended = Promise.promise();
        try {
            worker.execute(() -> {
                try {
                    run(agencyId, id);
                    ended.tryComplete();
                } catch (RuntimeException | Error e) {
                    ended.tryFail(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            ended.tryFail(e);
        }
        return ended.future();
    }

    /** Queues every job this server left unfinished when it stopped (only it has their files). */
    public Future<Integer> resumeUnfinished() {
        return vertx.executeBlocking(this::node).compose(node -> tenancy.outsideAnyAgency(sql ->
                ImportStore.unfinished(sql, node))).map(jobs -> {
            jobs.forEach(job -> submit(job[0], job[1]));
            if (!jobs.isEmpty()) {
                LOG.info("Resuming {} import(s) left unfinished", jobs.size());
            }
            return jobs.size();
        });
    }

    /** Stops taking jobs; a job under way is abandoned as it is (its transaction rolls back) and resumed at restart. */
    public void stop() {
        stopping = true;
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(UUID agencyId, UUID id) {
        ImportStore.Owner owner = tenancy.inAgency(agencyId, sql -> ImportStore.owner(sql, agencyId, id)).await()
                .orElse(null);
        if (owner == null || stopping) {
            return; // gone with its client
        }
        Integer attempt = tenancy.inAgency(agencyId, sql -> ImportStore.start(sql, agencyId, id)).await().orElse(null);
        if (attempt == null) {
            return; // finished already (another instance, or a duplicate submission)
        }
        Path file = file(id);
        if (!Files.exists(file)) {
            fail(owner, id, null, List.of(), 0, "The uploaded file is no longer on this server (it stopped before the"
                    + " import ended, and the file was lost); upload it again", new ReadProgress());
            return;
        }
        if (attempt > MAX_ATTEMPTS) {
            fail(owner, id, null, List.of(), 0, "The import was tried " + MAX_ATTEMPTS + " times and the server"
                    + " stopped each time; upload the file again", new ReadProgress());
            return;
        }
        ReadProgress progress = new ReadProgress();
        long timer = -1;
        try (Upload upload = Upload.open(file)) {
            ExportFormat format = Formats.recognise(upload).orElse(null);
            if (format == null) {
                fail(owner, id, null, List.of(), 0, "Not a file this product reads: it is " + Formats.describe(upload)
                        + ". Expected one of: " + Formats.expected() + " (docs/imports.md)", progress);
                return;
            }
            tenancy.inAgency(agencyId, sql -> ImportStore.recognised(sql, agencyId, id, format.key(), format.label(),
                    readAs(upload), header(upload))).await();
            String form = format instanceof ZoomFactorCsv ? ZoomFactorCsv.formOf(upload.sheets().get(0)).key() : null;
            upload.watch(progress);
            Counts counts = new Counts();
            timer = vertx.setPeriodic(PROGRESS_EVERY_MS, tick -> tenancy.inAgency(agencyId, sql -> ImportStore
                    .progress(sql, agencyId, id, progress.bytes(), progress.rows(), counts.points, counts.posts)));
            ImportReading reading = write(owner, format, upload, counts);
            long bytes = upload.kind() == Upload.Kind.TEXT ? progress.bytes() : sizeOf(file);
            ImportStore.Outcome outcome = new ImportStore.Outcome(form, List.copyOf(reading.metrics()), reading.from(),
                    reading.to(), reading.preview(), counts.inserted, counts.updated, counts.unchanged,
                    counts.postsInserted, counts.postsUpdated, reading.problemCount());
            if (reading.problemCount() > 0) {
                fail(owner, id, outcome, reading.problems(), reading.problemCount(), reading.problemCount()
                        + " problem(s) in the file; nothing was written" + (reading.problemCount()
                        > InvalidPoints.MAX_LISTED ? " (the first " + InvalidPoints.MAX_LISTED + " are listed)" : ""),
                        progress);
            } else if (reading.points() + reading.posts() == 0) {
                fail(owner, id, outcome, List.of(), 0, "The file holds no data to import (a " + format.label()
                        + " with no rows)", progress);
            } else {
                tenancy.inAgency(agencyId, sql -> ImportStore.finish(sql, agencyId, id, true, bytes, progress.rows(),
                        reading.points(), reading.posts(), outcome, List.of(), null)).await();
                forget(id);
            }
        } catch (UnreadableFile e) {
            fail(owner, id, null, List.of(), 0, e.getMessage(), progress);
        } catch (RuntimeException e) {
            if (stopping) {
                return; // resumed at the next start: the transaction wrote nothing
            }
            LOG.error("Import {} failed", id, e);
            if (DatabaseUnavailable.is(e)) {
                return; // left running: resumed when the server next starts (or the database is back)
            }
            fail(owner, id, null, List.of(), 0, "The import failed on the server's side (" + e.getClass().getSimpleName()
                    + "); nothing was written. Try again", progress);
        } finally {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        }
    }

    /** Running totals of what the writes did, read by the progress timer. */
    private static final class Counts {
        volatile long points;
        volatile long posts;
        long inserted;
        long updated;
        long unchanged;
        long postsInserted;
        long postsUpdated;
    }

    /**
     * Reads the whole upload inside one transaction that locks the client, writing batch by batch as they fill: a
     * problem anywhere (or a dry run) rolls everything back.
     */
    private ImportReading write(ImportStore.Owner owner, ExportFormat format, Upload upload, Counts counts) {
        UUID agencyId = owner.agencyId();
        UUID clientId = owner.clientId();
        Promise<SqlConnection> connection = Promise.promise();
        Promise<Void> finished = Promise.promise();
        Future<Void> transaction = tenancy.inAgency(agencyId, sql -> ClientCheckStore
                .lockForWriting(sql, agencyId, clientId)
                .compose(locked -> {
                    connection.complete(sql);
                    return finished.future();
                }));
        transaction.onFailure(connection::tryFail);
        SqlConnection sql = connection.future().await();
        ImportReading reading = new ImportReading(format.key(), upload.kind() != Upload.Kind.TEXT, new PointReader(LocalDate.now(ZoneOffset.UTC)),
                Instant.now().plusSeconds(24 * 3600), new ImportReading.Batches() {
                    @Override
                    public Future<?> points(List<Point> points, int[] lines) {
                        return PointWriter.write(sql, agencyId, clientId, points, lines).map(written -> {
                            // on the connection's event loop, one write at a time; read by this thread once awaited
                            counts.inserted += written.inserted();
                            counts.updated += written.updated();
                            counts.unchanged += written.unchanged();
                            counts.points += points.size();
                            return written;
                        });
                    }

                    @Override
                    public Future<?> posts(List<NewPost> posts) {
                        return PostWriter.write(sql, agencyId, clientId, posts).map(written -> {
                            counts.postsInserted += written.inserted();
                            counts.postsUpdated += written.updated();
                            counts.posts += posts.size();
                            return written;
                        });
                    }
                });
        try {
            try {
                format.read(upload, reading);
                reading.finish();
            } catch (InvalidPoints invalid) {
                // a competitor that is not the client's: the write refused the batch, with the lines at fault
                reading.refused(invalid);
            }
            if (reading.problemCount() > 0 || reading.points() + reading.posts() == 0) {
                finished.fail(new Problems());
            } else if (owner.dryRun()) {
                finished.fail(new RolledBack());
            } else {
                ActivityStore.record(sql, agencyId, clientId, owner.personId(), owner.tokenId(), "data.imported",
                        String.format(Locale.ROOT, "imported a %s file%s: %d points (%d new, %d changed)%s",
                                format.label(), owner.fileName() == null ? "" : " (" + owner.fileName() + ")",
                                reading.points(), counts.inserted, counts.updated, reading.posts() == 0 ? ""
                                        : String.format(Locale.ROOT, ", %d posts", reading.posts())))
                        .onComplete(recorded -> {
                            if (recorded.succeeded()) {
                                finished.complete();
                            } else {
                                finished.fail(recorded.cause());
                            }
                        });
            }
        } catch (RuntimeException e) {
            reading.abandon();
            finished.tryFail(e);
            throw e;
        }
        try {
            transaction.await();
        } catch (Problems | RolledBack expected) {
            // rolled back, as meant
        }
        return reading;
    }

    private void fail(ImportStore.Owner owner, UUID id, ImportStore.Outcome outcome, List<PointError> problems,
                      long problemCount, String message, ReadProgress progress) {
        ImportStore.Outcome kept = outcome != null ? outcome : new ImportStore.Outcome(null, List.of(), null, null,
                List.of(), 0, 0, 0, 0, 0, problemCount);
        tenancy.inAgency(owner.agencyId(), sql -> ImportStore.finish(sql, owner.agencyId(), id, false, progress.bytes(),
                progress.rows(), 0, 0, kept, problems, message)).await();
        forget(id);
    }

    /** How the upload was read: each sheet (at most 10) with its encoding and delimiter. */
    private static String readAs(Upload upload) {
        String sheets = upload.sheets().stream().limit(10).map(sheet -> sheet.name() + " (" + sheet.describe() + ")")
                .collect(Collectors.joining(", "));
        return upload.kind().key() + ": " + sheets;
    }

    /** The first sheet's header as the file wrote it: its first row of two or more cells. */
    private static String header(Upload upload) {
        for (Sheet sheet : upload.sheets()) {
            for (Row row : sheet.head(40)) {
                if (row.filled() > 1) {
                    String header = String.join(",", row.cells());
                    return header.length() > 2_000 ? header.substring(0, 2_000) : header;
                }
            }
        }
        return null;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Removes the file of a job that has ended. */
    void forget(UUID id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            LOG.warn("Could not delete the uploaded file of import {}: {}", id, e.getMessage());
        }
    }

}
