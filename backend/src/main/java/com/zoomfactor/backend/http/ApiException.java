package com.zoomfactor.backend.http;

/**
 * A request that cannot be answered as asked: rendered by {@link FailureHandler} as {@code {status, message}}.
 * It carries no stack trace: it is an answer, not a bug.
 */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }
}
