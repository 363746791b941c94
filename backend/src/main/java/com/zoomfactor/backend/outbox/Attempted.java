package com.zoomfactor.backend.outbox;

/**
 * What one attempt at a delivery came to: delivered or not, the answer's code (an HTTP status, an SMTP reply) and the
 * error in words; a permanent failure (a 4xx, an SMTP 5xx) is not tried again.
 */
record Attempted(boolean delivered, Integer status, String error, boolean permanent) {

    static Attempted delivered(Integer status) {
        return new Attempted(true, status, null, false);
    }

    static Attempted failed(Integer status, String error, boolean permanent) {
        return new Attempted(false, status, error, permanent);
    }
}
