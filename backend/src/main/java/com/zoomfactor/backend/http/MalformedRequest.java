package com.zoomfactor.backend.http;

/**
 * A request whose body is not valid HTTP/1.1 (a malformed chunk): the client's mistake, answered 400 with
 * {@code Connection: close}, since the rest of the connection cannot be read any more.
 */
public final class MalformedRequest extends RuntimeException {

    public MalformedRequest(Throwable cause) {
        super("malformed request body: " + cause, cause, false, false);
    }
}
