package com.zoomfactor.backend.auth;

import com.zoomfactor.backend.http.ApiException;

/** A credential that does not identify anyone: 401. The reason is for the log; the message for the caller. */
public final class InvalidToken extends ApiException {

    private final String reason;

    public InvalidToken(String message, String reason) {
        super(401, message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
