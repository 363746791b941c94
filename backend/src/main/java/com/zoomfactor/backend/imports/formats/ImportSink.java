package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Row;
import com.zoomfactor.backend.observations.PointReader;
import java.time.LocalDate;

/**
 * Where a format's reading goes. Points are checked as every point is (catalogue, dates, value bounds) by the sink;
 * a problem names the row it is about, so that the import can say which sheet and line to fix.
 */
public interface ImportSink {

    /** A day's value ({@code start == end}) or a period total, for the whole client or one line of a breakdown. */
    void point(Row row, String metric, LocalDate start, LocalDate end, String dimension, double value);

    /**
     * A point as the text of its fields, checked like a point of a JSON batch (the product's own CSV, which may name a
     * competitor and a source); {@code cells} says where each field is, for problems.
     */
    void point(Row row, PointReader.Fields fields, Cells cells);

    /** Where a point's fields are in its row: the column of a field (from 1, 0 when none) and its name there. */
    interface Cells {
        int column(String field);

        /** The name a problem gives the field (a wide CSV names a value's cell by its metric). */
        default String name(String field) {
            return field;
        }
    }

    /** A post with its lifetime counters, as POST /api/clients/{id}/posts takes it. */
    void post(Row row, ImportedPost post);

    /** Something in this row that cannot be imported as it is. */
    void problem(Row row, String message);

    /** Something in one cell of this row (its column counted from 1): a header's unknown column, say. */
    default void problem(Row row, int column, String field, String message) {
        problem(row, field + ": " + message);
    }

    /** Something about the file as a whole (no row to point at). */
    void problem(String message);
}
