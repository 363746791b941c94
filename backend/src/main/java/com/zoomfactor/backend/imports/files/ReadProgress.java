package com.zoomfactor.backend.imports.files;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the reading of an upload has got: rows handed out and bytes of text consumed (of the file itself, or of a
 * zip's entries unpacked). Counted only while {@link Upload#watch} is on, so that recognising a file (which reads the
 * start of each sheet, perhaps several times) does not count. Read from any thread.
 */
public final class ReadProgress {

    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public long rows() {
        return rows.get();
    }

    public long bytes() {
        return bytes.get();
    }

    void row() {
        rows.incrementAndGet();
    }

    void bytes(long read) {
        bytes.addAndGet(read);
    }
}
