package com.zoomfactor.domain.score;

import com.zoomfactor.domain.series.DailyValue;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the engine needs for one client on one day.
 *
 * @param daily       metric key → daily totals covering at least [{@link #firstDayRead}, asOf]; missing days absent
 * @param breakdowns  metric key → (dimension value → total over the window), e.g. twitter.retweets → account → count
 * @param posts       the client's posts; only those published in the window count
 * @param competitors metric key → each competitor's value over the window, aggregated like the metric
 * @param weights     component weights; {@code null} means {@link Weights#defaults()}
 */
public record ScoreInput(LocalDate asOf, int windowDays, Map<String, List<DailyValue>> daily,
                         Map<String, Map<String, Double>> breakdowns, List<PostFacts> posts,
                         Map<String, List<Double>> competitors, Weights weights) {

    public static final int DEFAULT_WINDOW_DAYS = 90;

    /**
     * The first day whose values the engine reads: the previous window's baseline, asOf − 3·windowDays + 1 (the
     * drivers score the previous window against its own baseline).
     */
    public static LocalDate firstDayRead(LocalDate asOf, int windowDays) {
        return asOf.minusDays(3L * windowDays - 1);
    }

    /** The days this input is scored over: {@code windowDays} up to {@code asOf}. */
    public ScoreWindow window() {
        return ScoreWindow.ending(asOf, windowDays);
    }

    public ScoreInput {
        Objects.requireNonNull(asOf, "asOf");
        if (windowDays < 1) {
            throw new IllegalArgumentException("the window must be at least one day, not " + windowDays);
        }
        daily = daily == null ? Map.of() : Map.copyOf(daily);
        breakdowns = breakdowns == null ? Map.of() : Map.copyOf(breakdowns);
        posts = posts == null ? List.of() : List.copyOf(posts);
        competitors = competitors == null ? Map.of() : Map.copyOf(competitors);
        weights = weights == null ? Weights.defaults() : weights;
    }
}
