package com.zoomfactor.backend.imports;

import com.zoomfactor.backend.observations.Point;
import com.zoomfactor.backend.observations.PointError;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An import as the API shows it: its state ({@code queued}, {@code running}, {@code done}, {@code failed}), what was
 * recognised, how far the reading got, what it wrote (or, in a dry run, would write), and its problems.
 *
 * @param format     the recognised format, null until (or unless) recognised
 * @param readAs     how the file was read: its encoding and delimiter, or its sheets
 * @param header     the file's original header (or first table's), kept with the import
 * @param form       the product's own CSV only: {@code long} or {@code wide}
 * @param errorCount every problem found; {@code errors} lists the first 1,000
 */
public record ImportJob(UUID id, UUID clientId, String state, boolean dryRun, String fileName, long bytes,
                        long bytesRead, long rows, long points, long posts, Format format, String readAs, String header,
                        String form, List<String> metrics, LocalDate from, LocalDate to, List<Point> preview,
                        long inserted, long updated, long unchanged, long postsInserted, long postsUpdated,
                        List<PointError> errors, long errorCount, String message, OffsetDateTime createdAt,
                        OffsetDateTime startedAt, OffsetDateTime finishedAt) {

    /** A recognised format: its stable key and its name. */
    public record Format(String key, String label) {
    }

    public boolean finished() {
        return state.equals("done") || state.equals("failed");
    }
}
