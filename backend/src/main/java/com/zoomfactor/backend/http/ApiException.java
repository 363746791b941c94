package com.zoomfactor.backend.http;

import java.util.Map;

/**
 * A request that cannot be answered as asked: rendered by {@link ErrorAnswers} as {@code {status, message}}
 * plus any {@link #details()} (e.g. the choices a caller has, or per-item errors) and {@link #headers()}
 * (e.g. {@code Retry-After}). It carries no stack trace: it is an answer, not a bug.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final Map<String, Object> details;
    private final Map<String, String> headers;

    public ApiException(int status, String message) {
        this(status, message, Map.of(), Map.of());
    }

    public ApiException(int status, String message, Map<String, Object> details, Map<String, String> headers) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        if (details.containsKey("status") || details.containsKey("message")) {
            throw new IllegalArgumentException("details cannot replace status or message");
        }
        this.status = status;
        this.details = Map.copyOf(details);
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> details() {
        return details;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    /** Well-formed but unusable content (an image that is not one). */
    public static ApiException unprocessable(String message) {
        return new ApiException(422, message);
    }

    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(429, message, Map.of(), Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }
}
