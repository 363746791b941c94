package com.zoomfactor.domain.score;

import com.zoomfactor.domain.series.DailyValue;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One metric's finite daily values sorted by date, built once per score: a period's values are then two binary
 * searches and a copy, instead of a filter over every value of the metric each time one is asked for.
 *
 * <p>Behaves exactly like filtering the list in its order into a map by date: non-finite values are skipped, and a
 * period holding two values for one date is an error naming the date whose second value comes first in the list.
 */
final class DailyIndex {

    private static final DailyIndex EMPTY = new DailyIndex("", new LocalDate[0], new long[0], new double[0],
            new long[0], new LocalDate[0]);

    private final String key;
    private final LocalDate[] dates;
    private final long[] days;
    private final double[] values;
    /** For each date given more than once: where its second value sits in the list, and the date; by position. */
    private final long[] duplicatePositions;
    private final LocalDate[] duplicateDates;

    private DailyIndex(String key, LocalDate[] dates, long[] days, double[] values, long[] duplicatePositions,
            LocalDate[] duplicateDates) {
        this.key = key;
        this.dates = dates;
        this.days = days;
        this.values = values;
        this.duplicatePositions = duplicatePositions;
        this.duplicateDates = duplicateDates;
    }

    /** Every metric of {@code daily}, indexed on first use (a score reads only some of them). */
    static final class All {
        private final Map<String, List<DailyValue>> daily;
        private final Map<String, DailyIndex> indexed = new HashMap<>();

        All(Map<String, List<DailyValue>> daily) {
            this.daily = daily;
        }

        DailyIndex get(String key) {
            DailyIndex index = indexed.get(key);
            if (index == null) {
                List<DailyValue> list = daily.get(key);
                index = list == null ? EMPTY : of(key, list);
                indexed.put(key, index);
            }
            return index;
        }
    }

    static DailyIndex of(String key, List<DailyValue> list) {
        int n = list.size();
        LocalDate[] dates = new LocalDate[n];
        long[] days = new long[n];
        double[] values = new double[n];
        int[] positions = new int[n];
        int m = 0;
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            DailyValue v = list.get(i);
            if (!Double.isFinite(v.value())) {
                continue;
            }
            dates[m] = v.date();
            days[m] = v.date().toEpochDay();
            values[m] = v.value();
            positions[m] = i;
            sorted &= m == 0 || days[m] > days[m - 1];
            m++;
        }
        if (!sorted) {
            // Rare (stored series come in date order): sort by date, list order among equal dates.
            Integer[] order = new Integer[m];
            for (int i = 0; i < m; i++) {
                order[i] = i;
            }
            long[] d = days;
            Arrays.sort(order, (a, b) -> d[a] != d[b] ? Long.compare(d[a], d[b]) : Integer.compare(a, b));
            LocalDate[] sortedDates = new LocalDate[m];
            long[] sortedDays = new long[m];
            double[] sortedValues = new double[m];
            int[] sortedPositions = new int[m];
            for (int i = 0; i < m; i++) {
                sortedDates[i] = dates[order[i]];
                sortedDays[i] = days[order[i]];
                sortedValues[i] = values[order[i]];
                sortedPositions[i] = positions[order[i]];
            }
            dates = sortedDates;
            days = sortedDays;
            values = sortedValues;
            positions = sortedPositions;
        }
        // Equal dates are now adjacent, in list order: the group's second member is where a map would complain.
        long[] duplicatePositions = new long[0];
        LocalDate[] duplicateDates = new LocalDate[0];
        if (!sorted) {
            int count = 0;
            long[] dp = new long[m];
            LocalDate[] dd = new LocalDate[m];
            for (int i = 1; i < m; i++) {
                if (days[i] == days[i - 1] && (i == 1 || days[i - 2] != days[i])) {
                    dp[count] = positions[i];
                    dd[count] = dates[i];
                    count++;
                }
            }
            Integer[] byPosition = new Integer[count];
            for (int i = 0; i < count; i++) {
                byPosition[i] = i;
            }
            Arrays.sort(byPosition, (a, b) -> Long.compare(dp[a], dp[b]));
            duplicatePositions = new long[count];
            duplicateDates = new LocalDate[count];
            for (int i = 0; i < count; i++) {
                duplicatePositions[i] = dp[byPosition[i]];
                duplicateDates[i] = dd[byPosition[i]];
            }
        }
        return new DailyIndex(key, Arrays.copyOf(dates, m), Arrays.copyOf(days, m), Arrays.copyOf(values, m),
                duplicatePositions, duplicateDates);
    }

    /** The values dated in [from, to], in date order. */
    double[] values(LocalDate from, LocalDate to) {
        int[] range = range(from, to);
        return Arrays.copyOfRange(values, range[0], range[1]);
    }

    /** The dates of {@link #values}, in the same order. */
    LocalDate[] dates(LocalDate from, LocalDate to) {
        int[] range = range(from, to);
        return Arrays.copyOfRange(dates, range[0], range[1]);
    }

    /** [first index, end index) of the period, after checking that it holds at most one value per date. */
    private int[] range(LocalDate from, LocalDate to) {
        long first = from.toEpochDay();
        long last = to.toEpochDay();
        for (int i = 0; i < duplicateDates.length; i++) {
            long day = duplicateDates[i].toEpochDay();
            if (day >= first && day <= last) {
                throw new IllegalArgumentException("more than one value of " + key + " for " + duplicateDates[i]);
            }
        }
        int start = firstAtOrAfter(first);
        int end = Math.max(start, firstAtOrAfter(last + 1));
        return new int[] {start, end};
    }

    private int firstAtOrAfter(long day) {
        int low = 0;
        int high = days.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (days[mid] < day) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
