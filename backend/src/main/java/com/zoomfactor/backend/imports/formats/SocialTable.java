package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Sheet;
import com.zoomfactor.backend.imports.files.Upload;
import java.util.List;
import java.util.Optional;

/**
 * A social export that is one table in one text file (X's and Meta's CSVs), told by the column groups its header must
 * have: found within the first rows, then read row by row below it.
 */
abstract class SocialTable implements ExportFormat {

    /** The column groups a header must have to be this format (each group: the names one column goes by). */
    abstract List<String[]> required();

    /** Whether a header with the required columns is still another format's. */
    boolean excludes(SocialTables.Header header) {
        return false;
    }

    /** The columns named when a file lacks the header (the first name of each required group, and any more). */
    String expected() {
        return String.join(", ", required().stream().map(names -> names[0]).toList());
    }

    /** Reads the rows below the header found. */
    abstract void read(Sheet sheet, SocialTables.Header header, ImportSink sink);

    private Optional<SocialTables.Header> header(Sheet sheet) {
        return SocialTables.header(sheet, required()).filter(header -> !excludes(header));
    }

    @Override
    public boolean recognises(Upload upload) {
        return upload.kind() == Upload.Kind.TEXT && header(upload.sheets().get(0)).isPresent();
    }

    @Override
    public void read(Upload upload, ImportSink sink) {
        Sheet sheet = upload.sheets().get(0);
        Optional<SocialTables.Header> found = header(sheet);
        if (found.isEmpty()) {
            sink.problem("No " + label() + " header: expected the columns " + expected() + "; found "
                    + sheet.head(1).stream().findFirst().map(row -> SocialTables.found(row.cells())).orElse("nothing"));
            return;
        }
        read(sheet, found.get(), sink);
    }
}
