package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Upload;
import java.util.List;
import java.util.Optional;

/**
 * A LinkedIn export whose one sheet that matters is a table by day (followers, visitors): recognised by that sheet's
 * header, read column by column into daily points. Each export says which header and columns, by data.
 */
abstract class LinkedInDailySheet extends LinkedInWorkbook {

    private final String key;
    private final String label;
    private final List<String[]> header;
    private final List<DailyColumn> daily;
    private final String missing;

    LinkedInDailySheet(String key, String label, List<String[]> header, List<DailyColumn> daily, String missing) {
        this.key = key;
        this.label = label;
        this.header = header;
        this.daily = daily;
        this.missing = missing;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public boolean recognises(Upload upload) {
        return find(upload, header).isPresent();
    }

    @Override
    public void read(Upload upload, ImportSink sink) {
        Optional<Table> table = find(upload, header);
        if (table.isEmpty()) {
            sink.problem(missing);
            return;
        }
        readDaily(table.get(), daily, sink);
    }
}
