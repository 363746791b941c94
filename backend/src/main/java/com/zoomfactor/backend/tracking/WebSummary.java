package com.zoomfactor.backend.tracking;

import java.util.List;
import java.util.Map;

/** A window's totals and, per breakdown, its top values: what a day's rollup keeps. */
public record WebSummary(WebTotals totals, Map<PageEventStore.By, List<BreakdownRow>> breakdowns) {
}
