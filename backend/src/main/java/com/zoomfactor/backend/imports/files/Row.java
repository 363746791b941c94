package com.zoomfactor.backend.imports.files;

import java.util.List;

/** One row of a sheet, as text cells, with where it came from (the sheet and its line, counted from 1). */
public record Row(String sheet, long line, List<String> cells) {

    public Row {
        cells = List.copyOf(cells);
    }

    /** The cell at this column, trimmed; empty when the row is shorter. */
    public String cell(int column) {
        return column >= 0 && column < cells.size() ? cells.get(column).strip() : "";
    }

    /** Whether every cell is empty. */
    public boolean isBlank() {
        return cells.stream().allMatch(String::isBlank);
    }

    /** The first cell, trimmed: where preambles, titles and totals rows say what they are. */
    public String first() {
        return cell(0);
    }

    /** The number of cells that are not empty. */
    public int filled() {
        return (int) cells.stream().filter(cell -> !cell.isBlank()).count();
    }
}
