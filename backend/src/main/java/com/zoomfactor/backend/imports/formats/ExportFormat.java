package com.zoomfactor.backend.imports.formats;

import com.zoomfactor.backend.imports.files.Upload;

/**
 * One kind of export file an agency downloads (a GA4 report, a Search Console zip, an X tweet-activity file...):
 * how to recognise it from its content, and how its rows become the catalogue's points and posts. Each format states
 * its mapping in docs/imports.md. Implementations are stateless; reading is blocking work for a worker thread.
 */
public interface ExportFormat {

    /** A stable key, stored with each import ("ga4-report"). */
    String key();

    /** What people call it ("Google Analytics 4 report"). */
    String label();

    /** Whether the upload is this format: decided from its content (sheet names inside a zip count, file names not). */
    boolean recognises(Upload upload);

    /** Reads every row into the sink: points, posts, and problems by sheet and line. */
    void read(Upload upload, ImportSink sink);
}
