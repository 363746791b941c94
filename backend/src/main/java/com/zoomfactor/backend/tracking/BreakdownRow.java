package com.zoomfactor.backend.tracking;

/** One line of a breakdown: a page, an entry or exit page, a source, a referrer, a browser, an OS or a device. */
public record BreakdownRow(String value, long visitors, long visits, long pageviews) {
}
