package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.imports.files.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** What a format read from a file, collected for assertions (format tests need no server or database). */
final class CollectedImport implements ImportSink {

    /** A point as read, with the line it came from. */
    record ReadPoint(String sheet, long line, String metric, LocalDate start, LocalDate end, String dimension,
                     double value) {
    }

    /** A problem as reported: line 0 when it is about the whole file. */
    record Problem(String sheet, long line, String message) {
    }

    final List<ReadPoint> points = new ArrayList<>();
    final List<ImportedPost> posts = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();

    @Override
    public void point(Row row, String metric, LocalDate start, LocalDate end, String dimension, double value) {
        points.add(new ReadPoint(row.sheet(), row.line(), metric, start, end, dimension, value));
    }

    /** Points given as text fields (the product's own CSV), as given. */
    final List<com.zoomfactor.backend.observations.PointReader.Fields> fieldPoints = new ArrayList<>();

    @Override
    public void point(Row row, com.zoomfactor.backend.observations.PointReader.Fields fields,
                      Cells cells) {
        fieldPoints.add(fields);
    }

    @Override
    public void post(Row row, ImportedPost post) {
        posts.add(post);
    }

    @Override
    public void problem(Row row, String message) {
        problems.add(new Problem(row.sheet(), row.line(), message));
    }

    @Override
    public void problem(String message) {
        problems.add(new Problem(null, 0, message));
    }

    /** The points of one metric (and dimension: null for totals), in the order read. */
    List<ReadPoint> of(String metric, String dimension) {
        return points.stream().filter(p -> p.metric().equals(metric)
                && java.util.Objects.equals(p.dimension(), dimension)).toList();
    }

    /** Opens a test resource under {@code imports/} as an upload (copied to a temporary file, as uploads are). */
    static Upload upload(String resource) {
        try (InputStream in = CollectedImport.class.getResourceAsStream("/imports/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource imports/" + resource);
            }
            Path file = Files.createTempFile("zf-import-test", ".bin");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return Upload.open(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Recognises and reads a test resource with the format that recognises it. */
    static CollectedImport read(String resource, ExportFormat expected) {
        try (Upload upload = upload(resource)) {
            ExportFormat format = Formats.recognise(upload).orElseThrow(() ->
                    new AssertionError(resource + " was not recognised; it is " + Formats.describe(upload)));
            if (!format.key().equals(expected.key())) {
                throw new AssertionError(resource + " was recognised as " + format.key() + ", not " + expected.key());
            }
            CollectedImport collected = new CollectedImport();
            format.read(upload, collected);
            return collected;
        }
    }
}
