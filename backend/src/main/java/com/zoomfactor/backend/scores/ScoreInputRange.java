package com.zoomfactor.backend.scores;

import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.score.PostFacts;
import com.zoomfactor.domain.score.ScoreInput;
import com.zoomfactor.domain.score.Weights;
import com.zoomfactor.domain.series.DailyValue;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A client's score inputs over a range of days, read once ({@link ScoreInputStore#loadRange}), and each day's
 * {@link ScoreInput} cut out of them in memory: what {@link ScoreInputStore#load} would read for that day, without a
 * query. Sorted once; a day's cut is a binary search per series plus its window's breakdown and competitor days.
 * Not thread-safe to build; {@link #at} only reads.
 */
final class ScoreInputRange {

    /** One breakdown line's day total (summed over the day's lines of that dimension). */
    record Breakdown(String metric, String dimension, LocalDate day, double value) {
    }

    /** One competitor's value of a metric on a day. */
    record CompetitorDay(UUID competitorId, String metric, LocalDate day, double value) {
    }

    private final int windowDays;
    private final Weights weights;
    /** Metric key → its days in date order, and their epoch days for the search. */
    private final Map<String, List<DailyValue>> daily = new HashMap<>();
    private final Map<String, long[]> dailyDays = new HashMap<>();
    private final List<Breakdown> breakdowns;
    private final long[] breakdownDays;
    private final List<PostFacts> posts;
    private final long[] postSeconds;
    /** Metric key → competitor → its days in date order. */
    private final Map<String, Map<UUID, List<CompetitorDay>>> competitors = new LinkedHashMap<>();

    ScoreInputRange(int windowDays, Weights weights, Map<String, List<DailyValue>> daily, List<Breakdown> breakdowns,
                    List<PostFacts> posts, List<CompetitorDay> competitors) {
        this.windowDays = windowDays;
        this.weights = weights;
        daily.forEach((key, values) -> {
            List<DailyValue> sorted = values.stream().sorted(Comparator.comparing(DailyValue::date)).toList();
            this.daily.put(key, sorted);
            this.dailyDays.put(key, sorted.stream().mapToLong(v -> v.date().toEpochDay()).toArray());
        });
        this.breakdowns = breakdowns.stream().sorted(Comparator.comparing(Breakdown::day)).toList();
        this.breakdownDays = this.breakdowns.stream().mapToLong(b -> b.day().toEpochDay()).toArray();
        this.posts = posts.stream().sorted(Comparator.comparing(PostFacts::publishedAt)).toList();
        this.postSeconds = this.posts.stream().mapToLong(p -> p.publishedAt().getEpochSecond()).toArray();
        for (CompetitorDay day : competitors.stream().sorted(Comparator.comparing(CompetitorDay::day)).toList()) {
            this.competitors.computeIfAbsent(day.metric(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(day.competitorId(), k -> new ArrayList<>()).add(day);
        }
    }

    /** The engine's input for one day of the range, as {@link ScoreInputStore#load} would read it. */
    ScoreInput at(LocalDate asOf) {
        long end = asOf.toEpochDay();
        long windowStart = end - (windowDays - 1L);
        long firstDay = ScoreInput.firstDayRead(asOf, windowDays).toEpochDay();

        Map<String, List<DailyValue>> dailyCut = new HashMap<>();
        daily.forEach((key, values) -> {
            long[] days = dailyDays.get(key);
            int from = firstAtLeast(days, firstDay);
            int to = firstAtLeast(days, end + 1);
            if (to > from) {
                dailyCut.put(key, values.subList(from, to));
            }
        });

        Map<String, Map<String, Double>> breakdownCut = new HashMap<>();
        for (int i = firstAtLeast(breakdownDays, windowStart); i < breakdownDays.length && breakdownDays[i] <= end; i++) {
            Breakdown line = breakdowns.get(i);
            breakdownCut.computeIfAbsent(line.metric(), k -> new HashMap<>()).merge(line.dimension(), line.value(),
                    Double::sum);
        }

        long fromSecond = LocalDate.ofEpochDay(windowStart).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        long toSecond = LocalDate.ofEpochDay(end + 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        List<PostFacts> postCut = posts.subList(firstAtLeast(postSeconds, fromSecond),
                firstAtLeast(postSeconds, toSecond));

        Map<String, List<Double>> competitorCut = new HashMap<>();
        LocalDate first = LocalDate.ofEpochDay(windowStart);
        competitors.forEach((key, byCompetitor) -> {
            var aggregation = MetricCatalogue.find(key).orElseThrow().aggregation();
            List<Double> values = new ArrayList<>();
            byCompetitor.forEach((competitor, days) -> {
                double[] window = days.stream().filter(d -> !d.day().isBefore(first) && !d.day().isAfter(asOf))
                        .mapToDouble(CompetitorDay::value).toArray();
                if (window.length > 0) {
                    values.add(aggregation.over(window));
                }
            });
            if (!values.isEmpty()) {
                competitorCut.put(key, values);
            }
        });
        return new ScoreInput(asOf, windowDays, dailyCut, breakdownCut, postCut, competitorCut, weights);
    }

    /** The index of the first element at least {@code key} in a sorted array (its length when none). */
    private static int firstAtLeast(long[] sorted, long key) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < key) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
