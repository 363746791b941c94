package com.zoomfactor.backend.imports.files;

/**
 * The upload cannot be read as what it claims to be (a damaged zip, a workbook that does not open, a line that never
 * ends): a client's mistake, answered 422 with the message, which names the sheet and line where there is one.
 */
public final class UnreadableFile extends RuntimeException {

    public UnreadableFile(String message) {
        super(message, null, false, false);
    }
}
