package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Row;
import java.time.LocalDate;

/**
 * Where a format's reading goes. Points are checked as every point is (catalogue, dates, value bounds) by the sink;
 * a problem names the row it is about, so that the import can say which sheet and line to fix.
 */
public interface ImportSink {

    /** A day's value ({@code start == end}) or a period total, for the whole client or one line of a breakdown. */
    void point(Row row, String metric, LocalDate start, LocalDate end, String dimension, double value);

    /** A post with its lifetime counters, as POST /api/clients/{id}/posts takes it. */
    void post(Row row, ImportedPost post);

    /** Something in this row that cannot be imported as it is. */
    void problem(Row row, String message);

    /** Something about the file as a whole (no row to point at). */
    void problem(String message);
}
