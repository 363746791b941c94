package com.zoomfactor.backend.observations;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What is wrong with one point: where it is — {@code index} in a JSON batch, or {@code line} and {@code column}
 * of a file (and its {@code sheet}: the CSV of a zip, the worksheet of a workbook) — which field, and why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PointError(Integer index, Integer line, Integer column, String field, String message, String sheet) {

    public static PointError atIndex(int index, String field, String message) {
        return new PointError(index, null, null, field, message, null);
    }

    public static PointError atCell(int line, Integer column, String field, String message) {
        return new PointError(null, line, column, field, message, null);
    }

    /** A problem in one line of one sheet of an uploaded file (line 0: the sheet or the file as a whole). */
    public static PointError inSheet(String sheet, long line, String message) {
        return new PointError(null, (int) Math.min(line, Integer.MAX_VALUE), null, null, message, sheet);
    }
}
