package com.zoomfactor.backend.imports.formats;

import java.util.List;

/**
 * LinkedIn page analytics, followers export ({@code <page>_followers_<start>_<end>.xls|xlsx}): a {@code New followers}
 * sheet (description row, then {@code Date}, {@code Sponsored followers}, {@code Organic followers},
 * {@code Auto-invited followers} (since 2023), {@code Total followers}: the followers gained that day), and demographic
 * sheets ({@code Location}, {@code Job function}, {@code Seniority}, {@code Industry}, {@code Company size}: followers
 * by category, top categories only) that are not read. The export gives no follower total for the page, so
 * {@code linkedin.followers} (a level) is not written.
 */
final class LinkedInFollowers extends LinkedInDailySheet {

    static final List<DailyColumn> DAILY = List.of(
            new DailyColumn("linkedin.new_followers", "Total followers", "Total new followers"));

    private static final List<String[]> HEADER = List.of(new String[] {"Date"}, DAILY.get(0).aliases(),
            new String[] {"Organic followers"});

    LinkedInFollowers() {
        super("linkedin-followers", "LinkedIn page analytics: followers (.xls/.xlsx)", HEADER, DAILY,
                "No New followers sheet: expected Date, Organic followers, Total followers");
    }
}
