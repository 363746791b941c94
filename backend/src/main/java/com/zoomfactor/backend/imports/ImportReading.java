package com.zoomfactor.backend.imports;

import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.imports.formats.ImportSink;
import com.zoomfactor.backend.imports.formats.ImportedPost;
import com.zoomfactor.backend.observations.InvalidPoints;
import com.zoomfactor.backend.observations.Point;
import com.zoomfactor.backend.observations.PointError;
import com.zoomfactor.backend.observations.PointReader;
import com.zoomfactor.backend.posts.PostStore.NewPost;
import com.zoomfactor.backend.posts.PostWriter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a format's reading goes during an import: every point and post checked as the API checks them, handed on in
 * batches to be written, and every problem kept (the first {@link InvalidPoints#MAX_LISTED}) with its sheet and line.
 * Once a problem is seen nothing more is handed on — the import will write nothing — but reading goes on, so that the
 * answer lists every problem of the file at once. Used by one worker thread.
 *
 * <p>A batch's write runs while the next batch is read (the database and the parsing overlap instead of taking
 * turns): at most one write is in flight, and it is waited for before the next one is handed on, so writes stay in the
 * file's order, and memory holds at most two batches. A write's failure surfaces at the next hand-on or at
 * {@link #finish()}.
 */
final class ImportReading implements ImportSink {

    /** Points (or posts) handed on at a time: one write statement's worth. */
    static final int BATCH = 5_000;
    static final int PREVIEW = 20;

    /** Takes a full batch: starts its write and answers at once; the future completes when it is written. */
    interface Batches {
        /** Points with the line each came from (for the writer's own problems, such as an unknown competitor). */
        Future<?> points(List<Point> points, int[] lines);

        Future<?> posts(List<NewPost> posts);
    }

    private final String source;
    /** Whether problems name their sheet: for zips and workbooks; a plain file is one sheet. */
    private final boolean namedSheets;
    private final PointReader reader;
    private final Batches batches;
    private final Instant latestPost;
    private final List<Point> pendingPoints = new ArrayList<>();
    private final List<Integer> pendingLines = new ArrayList<>();
    private final List<NewPost> pendingPosts = new ArrayList<>();
    private final List<PointError> problems = new ArrayList<>();
    private final List<Point> preview = new ArrayList<>();
    private final Set<String> metrics = new TreeSet<>();
    /** The write under way, if any. */
    private Future<?> writing;
    private long problemCount;
    private long points;
    private long posts;
    private LocalDate from;
    private LocalDate to;

    ImportReading(String source, boolean namedSheets, PointReader reader, Instant latestPost, Batches batches) {
        this.source = source;
        this.namedSheets = namedSheets;
        this.reader = reader;
        this.latestPost = latestPost;
        this.batches = batches;
    }

    @Override
    public void point(Row row, String metric, LocalDate start, LocalDate end, String dimension, double value) {
        boolean day = start.equals(end);
        point(row, new PointReader.Fields(metric, day ? start.toString() : null, day ? null : start.toString(),
                day ? null : end.toString(), value, dimension, null, null), field -> 0);
    }

    @Override
    public void point(Row row, PointReader.Fields fields, Cells cells) {
        PointReader.Fields sourced = fields.source() == null || fields.source().isBlank()
                ? new PointReader.Fields(fields.metric(), fields.date(), fields.from(), fields.to(), fields.value(),
                        fields.dimension(), fields.competitorId(), source)
                : fields;
        reader.read(sourced, (field, message) -> add(new PointError(null, line(row), column(cells, field),
                cells.name(field), message, sheet(row)))).ifPresent(point -> {
                    points++;
                    metrics.add(point.metric());
                    from = from == null || point.start().isBefore(from) ? point.start() : from;
                    to = to == null || point.end().isAfter(to) ? point.end() : to;
                    if (preview.size() < PREVIEW) {
                        preview.add(point);
                    }
                    if (problemCount == 0) {
                        pendingPoints.add(point);
                        pendingLines.add(line(row));
                        if (pendingPoints.size() >= BATCH) {
                            flushPoints();
                        }
                    }
                });
    }

    @Override
    public void post(Row row, ImportedPost post) {
        JsonObject json = new JsonObject().put("channel", post.channel()).put("externalId", post.externalId())
                .put("publishedAt", post.publishedAt() == null ? null : post.publishedAt().toInstant().toString())
                .put("text", post.text()).put("url", post.url()).put("metrics", new JsonObject(new java.util.HashMap<>(
                        post.metrics())));
        List<PointError> errors = new ArrayList<>();
        NewPost checked = PostWriter.check(json, 0, errors, latestPost);
        errors.forEach(error -> add(new PointError(null, line(row), null, error.field(), error.message(),
                sheet(row))));
        if (checked != null) {
            posts++;
            if (problemCount == 0) {
                pendingPosts.add(checked);
                if (pendingPosts.size() >= BATCH) {
                    flushPosts();
                }
            }
        }
    }

    @Override
    public void problem(Row row, String message) {
        add(PointError.inSheet(sheet(row), row.line(), message));
    }

    @Override
    public void problem(Row row, int column, String field, String message) {
        add(new PointError(null, line(row), column, field, message, sheet(row)));
    }

    @Override
    public void problem(String message) {
        add(new PointError(null, 0, null, null, message, null));
    }

    /** Hands on what is left once the whole file has been read without a problem, and waits for every write. */
    void finish() {
        if (problemCount == 0) {
            flushPoints();
            flushPosts();
        }
        awaitWriting();
    }

    /** Waits for the write under way (if any); its failure is thrown. */
    private void awaitWriting() {
        Future<?> pending = writing;
        writing = null;
        if (pending != null) {
            pending.await();
        }
    }

    /** After a failure: waits for the write under way to end, whatever its outcome (the transaction rolls back). */
    void abandon() {
        try {
            awaitWriting();
        } catch (RuntimeException ignored) {
            // the import has failed already
        }
    }

    private void add(PointError problem) {
        problemCount++;
        if (problems.size() < InvalidPoints.MAX_LISTED) {
            problems.add(problem);
        }
        pendingPoints.clear();
        pendingLines.clear();
        pendingPosts.clear();
    }

    /** The writer refused a batch (its problems carry the lines): the import writes nothing. */
    void refused(InvalidPoints refused) {
        Object errors = refused.details().get("errors");
        if (errors instanceof List<?> listed && !listed.isEmpty()) {
            listed.forEach(error -> add((PointError) error));
        } else {
            problem(refused.getMessage());
        }
    }

    private void flushPoints() {
        if (!pendingPoints.isEmpty()) {
            List<Point> batch = List.copyOf(pendingPoints);
            int[] lines = pendingLines.stream().mapToInt(Integer::intValue).toArray();
            pendingPoints.clear();
            pendingLines.clear();
            awaitWriting();
            writing = batches.points(batch, lines);
        }
    }

    private void flushPosts() {
        if (!pendingPosts.isEmpty()) {
            List<NewPost> batch = List.copyOf(pendingPosts);
            pendingPosts.clear();
            awaitWriting();
            writing = batches.posts(batch);
        }
    }

    private String sheet(Row row) {
        return namedSheets ? row.sheet() : null;
    }

    private static int line(Row row) {
        return (int) Math.min(row.line(), Integer.MAX_VALUE);
    }

    private static Integer column(Cells cells, String field) {
        int column = cells.column(field);
        return column > 0 ? column : null;
    }

    List<PointError> problems() {
        return problems;
    }

    long problemCount() {
        return problemCount;
    }

    long points() {
        return points;
    }

    long posts() {
        return posts;
    }

    List<Point> preview() {
        return preview;
    }

    Set<String> metrics() {
        return metrics;
    }

    LocalDate from() {
        return from;
    }

    LocalDate to() {
        return to;
    }
}
