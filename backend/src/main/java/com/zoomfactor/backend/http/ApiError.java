package com.zoomfactor.backend.http;

/** The body of every API error: the HTTP status again, and a sentence a person can act on. */
public record ApiError(int status, String message) {
}
