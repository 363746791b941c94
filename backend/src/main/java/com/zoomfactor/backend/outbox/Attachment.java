package com.zoomfactor.backend.outbox;

import java.util.regex.Pattern;

/** A file an e-mail carries (a report's PDF): stored with its outbox row, so that every attempt sends the same bytes. */
public record Attachment(String name, String contentType, byte[] data) {

    /** Per file: mail servers commonly refuse messages past 10-25 MB, and base64 adds a third. */
    public static final int MAX_BYTES = 8 * 1024 * 1024;
    private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z]+/[a-z0-9.+-]+");

    public Attachment {
        if (name == null || name.isBlank() || name.length() > 200 || name.chars().anyMatch(c -> c < 32 || c == '"')) {
            throw new IllegalArgumentException("an attachment needs a plain file name of at most 200 characters");
        }
        if (contentType == null || !CONTENT_TYPE.matcher(contentType).matches()) {
            throw new IllegalArgumentException("not a content type: " + contentType);
        }
        if (data == null || data.length > MAX_BYTES) {
            throw new IllegalArgumentException("an attachment holds at most " + MAX_BYTES + " bytes");
        }
    }
}
