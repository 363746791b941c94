package com.zoomfactor.backend.imports.files;

import java.util.ArrayList;
import java.util.List;

/**
 * One table of an uploaded file: the file itself when it is delimited text, one CSV of a zip, or one worksheet of a
 * workbook. Its rows can be read any number of times, each time from the first.
 */
public interface Sheet {

    /** The file's, the zip entry's or the worksheet's name: for recognising a file within a zip, and for errors. */
    String name();

    /** How the text was decoded and split ("UTF-16LE with BOM, ','"), or "spreadsheet". */
    String describe();

    /** Whether numbers in this sheet write their decimals after a comma (a European locale's "1.234,5"). */
    boolean decimalComma();

    /** Every row from the first, blank lines skipped. */
    Rows rows();

    /** The first {@code count} rows (fewer when the sheet is shorter): what recognition looks at. */
    default List<Row> head(int count) {
        List<Row> head = new ArrayList<>();
        try (Rows rows = rows()) {
            while (head.size() < count && rows.hasNext()) {
                head.add(rows.next());
            }
        }
        return head;
    }
}
