package com.zoomfactor.backend.imports.formats;

import java.util.List;

/**
 * LinkedIn page analytics, visitors export ({@code <page>_visitors_<start>_<end>.xls|xlsx}): a {@code Visitor metrics}
 * sheet (description row, then {@code Date} and, for each section of the page (Overview, Life, Jobs, ... and Total),
 * {@code <Section> page views (desktop|mobile|total)} and {@code <Section> unique visitors (desktop|mobile|total)}),
 * and demographic sheets that are not read. Only the page-wide totals are imported: the sections add up to them.
 */
final class LinkedInVisitors extends LinkedInDailySheet {

    static final List<DailyColumn> DAILY = List.of(
            new DailyColumn("linkedin.page_views", "Total page views (total)", "Page views (total)"),
            new DailyColumn("linkedin.unique_visitors", "Total unique visitors (total)", "Unique visitors (total)"));

    private static final List<String[]> HEADER = List.of(new String[] {"Date"}, DAILY.get(0).aliases());

    LinkedInVisitors() {
        super("linkedin-visitors", "LinkedIn page analytics: visitors (.xls/.xlsx)", HEADER, DAILY,
                "No Visitor metrics sheet: expected Date, Total page views (total)");
    }
}
