package com.zoomfactor.backend.observations;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What is wrong with one point: where it is — {@code index} in a JSON batch, or {@code line} and {@code column}
 * of a CSV file — which field, and why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PointError(Integer index, Integer line, Integer column, String field, String message) {

    public static PointError atIndex(int index, String field, String message) {
        return new PointError(index, null, null, field, message);
    }

    public static PointError atCell(int line, Integer column, String field, String message) {
        return new PointError(null, line, column, field, message);
    }
}
