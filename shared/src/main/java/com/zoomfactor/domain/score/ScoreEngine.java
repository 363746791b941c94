package com.zoomfactor.domain.score;

import com.zoomfactor.domain.metrics.Metric;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import com.zoomfactor.domain.metrics.Polarity;
import com.zoomfactor.domain.metrics.Unit;
import com.zoomfactor.domain.series.DailyValue;
import com.zoomfactor.domain.series.Granularity;
import com.zoomfactor.domain.series.SeriesAggregator;
import com.zoomfactor.domain.series.SeriesTrend;
import com.zoomfactor.domain.trend.TrendTest;
import com.zoomfactor.domain.trend.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Zoom Factor: score = quality × authenticity factor, quality = Σ component score × renormalised weight.
 * Every rule is in docs/methodology.md. Deterministic, no I/O.
 */
public final class ScoreEngine {

    public static final String METHODOLOGY_VERSION = "2026-12.2";

    static final String RETWEETS_PER_POST = "twitter.retweets_per_post";
    static final String RETWEETER_BREADTH = "twitter.retweeter_breadth";
    static final String FB_COMMENTS_PER_POST = "facebook.comments_per_post";
    static final String REPLIES_PER_POST = "twitter.replies_per_post";

    /** The catalogue metrics the components use: the denominator of coverage. */
    public static final List<String> USED_METRICS = List.of(
            "web.bounce_rate", "web.time_on_page", "web.pages_per_visit",
            "web.returning_visitors", "web.returning_visitor_share", "newsletter.subscribers", "leads.optins",
            "web.unique_visitors", "twitter.followers", "facebook.post_impressions",
            "twitter.retweets", "twitter.posts", "twitter.list_additions",
            "facebook.post_comments", "facebook.posts", "twitter.replies", "linkedin.answers", "polls.responses",
            "search.avg_position", "linkedin.search_appearances");

    /**
     * The metrics whose breakdowns (by account, list, person…) the engine reads: a score needs no other breakdown, so
     * none other is loaded (a page-by-day export holds millions of lines the score never looks at).
     */
    public static final List<String> BREAKDOWN_METRICS = AuthenticitySignals.CONCENTRATION_RULES.stream()
            .map(AuthenticitySignals.ConcentrationRule::metric).toList();

    /** Post counts are denominators, not achievements: momentum leaves them out. */
    static final Set<String> NOT_IN_MOMENTUM = Set.of("twitter.posts", "facebook.posts");

    /** Twitter engagement: gates follower growth and feeds the followers-without-engagement signal. */
    static final List<String> ENGAGEMENT = List.of("twitter.retweets", "twitter.replies", "twitter.mentions");

    /** Daily engagement series checked for spikes. */
    static final List<String> SPIKE_METRICS = List.of("twitter.retweets", "twitter.replies", "twitter.mentions",
            "facebook.post_comments", "facebook.post_likes");

    /** One-click engagement: cheap to buy, so its growth must be corroborated. */
    static final List<String> ONE_CLICK = List.of("twitter.retweets", "twitter.mentions", "facebook.post_likes");

    /** What genuine interest moves too: conversation, visits, follows, list additions. */
    static final List<String> CORROBORATING = List.of("twitter.replies", "facebook.post_comments",
            "web.unique_visitors", "twitter.new_follows", "twitter.list_additions");

    /** Audience series whose rise on the same day explains a spike (a launch, a press day). */
    static final List<String> SPIKE_CORROBORATORS = List.of("web.unique_visitors", "twitter.new_follows");

    private static final Map<String, String> DERIVED_LABELS = Map.of(
            RETWEETS_PER_POST, "Retweets per post",
            RETWEETER_BREADTH, "Retweeter breadth (effective accounts)",
            FB_COMMENTS_PER_POST, "Facebook comments per post",
            REPLIES_PER_POST, "Replies per tweet");

    private static final int MAX_DRIVERS = 5;
    private static final double MIN_DRIVER_DELTA = 0.05;

    private ScoreEngine() {
    }

    public static ZoomFactor score(ScoreInput input) {
        // Both windows read the same daily values: sort each metric once for the two of them.
        DailyIndex.All index = new DailyIndex.All(input.daily());
        Evaluation current = evaluate(input, index, input.asOf(), true);
        Evaluation previous = evaluate(input, index, input.asOf().minusDays(input.windowDays()), false);
        Authenticity authenticity = authenticity(input, current.data);
        String reason = notScored(input, current.components);
        Double quality = reason == null ? current.quality : null;
        Double score = reason == null ? current.quality * authenticity.factor() : null;
        return new ZoomFactor(input.asOf(), score, quality, current.coverage, METHODOLOGY_VERSION,
                input.weights(), authenticity, current.components, drivers(current, previous), reason);
    }

    /** Why there is no score (§ 5): nothing measured, or no measured component carrying weight; null when scored. */
    private static String notScored(ScoreInput input, List<ComponentScore> components) {
        if (components.stream().noneMatch(ComponentScore::measured)) {
            return String.format(Locale.ROOT, "Not scored yet: none of the metrics the score uses has data in the %d"
                    + " days up to %s.", input.windowDays(), input.asOf());
        }
        if (components.stream().noneMatch(c -> c.measured() && c.weight() > 0)) {
            return "Not scored: every component with data weighs 0 in these weights.";
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------- evaluation

    private record Evaluation(Data data, List<ComponentScore> components, double quality, double coverage) {
    }

    /** A metric line before weighting. */
    private record Line(String metric, double value, Double baseline, double normalized, Verdict trend) {
    }

    private static Evaluation evaluate(ScoreInput in, DailyIndex.All index, LocalDate asOf, boolean current) {
        Data d = new Data(index, asOf, in.windowDays());
        Map<Component, List<Line>> lines = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            lines.put(c, new ArrayList<>());
        }

        // Attention
        for (String key : List.of("web.bounce_rate", "web.time_on_page", "web.pages_per_visit")) {
            catalogueLine(in, d, key).ifPresent(lines.get(Component.ATTENTION)::add);
        }
        // Loyalty: the returning share when there is one, else the count
        Optional<Line> share = catalogueLine(in, d, "web.returning_visitor_share");
        if (share.isPresent()) {
            lines.get(Component.LOYALTY).add(share.get());
        } else {
            catalogueLine(in, d, "web.returning_visitors").ifPresent(lines.get(Component.LOYALTY)::add);
        }
        for (String key : List.of("newsletter.subscribers", "leads.optins")) {
            catalogueLine(in, d, key).ifPresent(lines.get(Component.LOYALTY)::add);
        }
        // Reach growth: followers count only as far as engagement grows too
        catalogueLine(in, d, "web.unique_visitors").ifPresent(lines.get(Component.REACH)::add);
        followersLine(d).ifPresent(lines.get(Component.REACH)::add);
        catalogueLine(in, d, "facebook.post_impressions").ifPresent(lines.get(Component.REACH)::add);
        // Amplification
        perPostLine(d, RETWEETS_PER_POST, "twitter.retweets", "twitter.posts")
                .ifPresent(lines.get(Component.AMPLIFICATION)::add);
        if (current) {
            breadthLine(in.breakdowns().get("twitter.retweets")).ifPresent(lines.get(Component.AMPLIFICATION)::add);
        }
        catalogueLine(in, d, "twitter.list_additions").ifPresent(lines.get(Component.AMPLIFICATION)::add);
        // Conversation
        perPostLine(d, FB_COMMENTS_PER_POST, "facebook.post_comments", "facebook.posts")
                .ifPresent(lines.get(Component.CONVERSATION)::add);
        perPostLine(d, REPLIES_PER_POST, "twitter.replies", "twitter.posts")
                .ifPresent(lines.get(Component.CONVERSATION)::add);
        for (String key : List.of("linkedin.answers", "polls.responses")) {
            catalogueLine(in, d, key).ifPresent(lines.get(Component.CONVERSATION)::add);
        }
        // Discoverability
        for (String key : List.of("search.avg_position", "linkedin.search_appearances")) {
            catalogueLine(in, d, key).ifPresent(lines.get(Component.DISCOVERABILITY)::add);
        }
        // Momentum
        for (String key : USED_METRICS) {
            if (NOT_IN_MOMENTUM.contains(key) || d.windowValues(key).length < 4) {
                continue;
            }
            Metric m = metric(key);
            Verdict v = d.trend(key, m);
            lines.get(Component.MOMENTUM).add(new Line(key, d.window(key, m), d.baseline(key, m),
                    Normalization.trend(v, m.polarity()), v));
        }

        // Weights renormalised over measured components
        double measuredWeight = 0;
        for (Component c : Component.values()) {
            if (!lines.get(c).isEmpty()) {
                measuredWeight += in.weights().of(c);
            }
        }
        List<ComponentScore> components = new ArrayList<>();
        double quality = 0;
        for (Component c : Component.values()) {
            List<Line> ls = lines.get(c);
            if (ls.isEmpty()) {
                components.add(new ComponentScore(c, c.label(), false, null, 0, 0, List.of()));
                continue;
            }
            double weight = measuredWeight > 0 ? in.weights().of(c) / measuredWeight : 0;
            double lineWeight = 1.0 / ls.size();
            double componentScore = 0;
            List<MetricScore> metrics = new ArrayList<>();
            for (Line l : ls) {
                componentScore += lineWeight * l.normalized();
                metrics.add(new MetricScore(l.metric(), l.value(), l.baseline(), l.normalized(), lineWeight,
                        l.normalized() * lineWeight * weight, l.trend()));
            }
            double contribution = componentScore * weight;
            quality += contribution;
            components.add(new ComponentScore(c, c.label(), true, componentScore, weight, contribution, metrics));
        }

        long measured = USED_METRICS.stream().filter(k -> d.windowValues(k).length > 0).count();
        return new Evaluation(d, components, quality, (double) measured / USED_METRICS.size());
    }

    /** A catalogue metric against its baseline (rule B) and its competitors (rule C). */
    private static Optional<Line> catalogueLine(ScoreInput in, Data d, String key) {
        Metric m = metric(key);
        Double value = d.window(key, m);
        if (value == null) {
            return Optional.empty();
        }
        Double baseline = d.baseline(key, m);
        double scale = m.aggregation() == com.zoomfactor.domain.metrics.Aggregation.LAST
                ? Normalization.STOCK_SCALE : Normalization.FLOW_SCALE;
        Double own = baseline == null ? null : Normalization.againstBaseline(value, baseline, m.polarity(), scale);
        return Optional.of(new Line(key, value, baseline, combine(own, competitors(in, key, value, m.polarity())),
                d.trend(key, m)));
    }

    /**
     * numerator / denominator over the window against the same ratio over the baseline (rule P): the rate's change
     * is credited only as far as the numerator's total moved the same way, so that posting less (or deleting the posts
     * that did badly) with the same total response does not raise it, and posting more does not lower it.
     */
    private static Optional<Line> perPostLine(Data d, String key, String numerator, String denominator) {
        Double value = d.ratio(numerator, denominator, true);
        if (value == null) {
            return Optional.empty();
        }
        Double baseline = d.ratio(numerator, denominator, false);
        double normalized = 50;
        if (baseline != null) {
            double rate = Normalization.improvement(value, baseline, Polarity.HIGHER_IS_BETTER);
            double total = Normalization.improvement(sum(d.windowValues(numerator)),
                    sum(d.baselineValues(numerator)), Polarity.HIGHER_IS_BETTER);
            normalized = Normalization.againstBaseline(Normalization.agreed(rate, total), Normalization.FLOW_SCALE);
        }
        return Optional.of(new Line(key, value, baseline, normalized, d.trend(numerator, metric(numerator))));
    }

    static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** Retweeter breadth (rule D) from the window's retweets by account. */
    private static Optional<Line> breadthLine(Map<String, Double> byAccount) {
        if (byAccount == null || byAccount.isEmpty()) {
            return Optional.empty();
        }
        double hhi = Normalization.herfindahl(byAccount);
        if (Double.isNaN(hhi)) {
            return Optional.empty();
        }
        double effective = 1 / hhi;
        return Optional.of(new Line(RETWEETER_BREADTH, effective, null, Normalization.breadth(effective), null));
    }

    /** Follower growth, credited only up to the growth of Twitter engagement (when engagement is measured). */
    private static Optional<Line> followersLine(Data d) {
        String key = "twitter.followers";
        Metric m = metric(key);
        Double value = d.window(key, m);
        if (value == null) {
            return Optional.empty();
        }
        Double baseline = d.baseline(key, m);
        double normalized = 50;
        if (baseline != null) {
            double growth = Normalization.improvement(value, baseline, m.polarity());
            double engagement = d.engagementGrowth();
            double credited = Double.isNaN(engagement) ? growth : Math.min(growth, Math.max(0, engagement));
            normalized = Normalization.againstBaseline(credited, Normalization.STOCK_SCALE);
        }
        return Optional.of(new Line(key, value, baseline, normalized, d.trend(key, m)));
    }

    private static Double competitors(ScoreInput in, String key, double value, Polarity polarity) {
        List<Double> list = in.competitors().get(key);
        if (list == null) {
            return null;
        }
        List<Double> finite = list.stream().filter(x -> x != null && Double.isFinite(x)).toList();
        return finite.isEmpty() ? null : Normalization.againstCompetitors(value, finite, polarity);
    }

    /** Both → their mean; one → that one; none → 50 (par: nothing to compare with). */
    private static double combine(Double own, Double competitors) {
        if (own != null && competitors != null) {
            return (own + competitors) / 2;
        }
        return own != null ? own : competitors != null ? competitors : 50;
    }

    private static Metric metric(String key) {
        return MetricCatalogue.find(key).orElseThrow(() -> new IllegalStateException("unknown metric " + key));
    }

    // -------------------------------------------------------------------------------------------- authenticity

    /** The metrics' values by date over baseline and window, for those with any. */
    private static Map<String, NavigableMap<LocalDate, Double>> byDate(Data d, List<String> keys) {
        Map<String, NavigableMap<LocalDate, Double>> series = new LinkedHashMap<>();
        for (String key : keys) {
            NavigableMap<LocalDate, Double> byDate = d.byDate(key, d.baselineStart, d.asOf);
            if (!byDate.isEmpty()) {
                series.put(key, byDate);
            }
        }
        return series;
    }

    /** The growth of a metric's sum from baseline to window (§ 3), when it is measured in both periods. */
    private static Optional<Double> growthOfSum(Data d, String key) {
        double[] w = d.windowValues(key);
        double[] b = d.baselineValues(key);
        return w.length == 0 || b.length == 0 ? Optional.empty()
                : Optional.of(Normalization.improvement(sum(w), sum(b), Polarity.HIGHER_IS_BETTER));
    }

    private static Authenticity authenticity(ScoreInput in, Data d) {
        List<Signal> signals = new ArrayList<>();
        AuthenticitySignals.concentration(in.breakdowns()).ifPresent(signals::add);
        // Published on a window day (UTC), compared as instants: no date conversion for each of years of posts.
        Instant from = d.windowStart.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = d.asOf.atTime(LocalTime.MAX).toInstant(ZoneOffset.UTC);
        List<PostFacts> posts = in.posts().stream()
                .filter(p -> !p.publishedAt().isBefore(from) && !p.publishedAt().isAfter(to)).toList();
        AuthenticitySignals.followBackPosts(posts).ifPresent(signals::add);
        Metric followers = metric("twitter.followers");
        Double fw = d.window("twitter.followers", followers);
        Double fb = d.baseline("twitter.followers", followers);
        if (fw != null && fb != null && fb > 0) {
            // The usual pace: how much the followers grew over the baseline itself, first day to last.
            double[] baseline = d.baselineValues("twitter.followers");
            double pace = baseline[0] > 0 ? (fb - baseline[0]) / baseline[0] : 0;
            AuthenticitySignals.followersWithoutEngagement((fw - fb) / fb, pace, d.engagementGrowth())
                    .ifPresent(signals::add);
        }
        Map<String, Double> growth = new HashMap<>();
        ONE_CLICK.forEach(key -> growthOfSum(d, key).ifPresent(g -> growth.put(key, g)));
        CORROBORATING.forEach(key -> growthOfSum(d, key).ifPresent(g -> growth.put(key, g)));
        AuthenticitySignals.uncorroboratedEngagement(growth, ONE_CLICK, CORROBORATING).ifPresent(signals::add);
        AuthenticitySignals.spikes(byDate(d, SPIKE_METRICS), byDate(d, SPIKE_CORROBORATORS), d.windowStart)
                .ifPresent(signals::add);
        double factor = 1;
        for (Signal s : signals) {
            factor *= 1 - s.discount();
        }
        return new Authenticity(factor, signals);
    }

    // ------------------------------------------------------------------------------------------------- drivers

    private static List<Driver> drivers(Evaluation current, Evaluation previous) {
        record Move(Component component, MetricScore now, MetricScore before, double delta) {
        }
        List<Move> moves = new ArrayList<>();
        for (ComponentScore c : current.components()) {
            ComponentScore p = previous.components().stream().filter(x -> x.key() == c.key()).findFirst()
                    .orElseThrow();
            for (MetricScore now : c.metrics()) {
                p.metrics().stream().filter(x -> x.metric().equals(now.metric())).findFirst().ifPresent(before ->
                        moves.add(new Move(c.key(), now, before,
                                (now.normalized() - before.normalized()) * now.weight() * c.weight())));
            }
        }
        moves.sort(Comparator.comparingDouble((Move m) -> -Math.abs(m.delta()))
                .thenComparing(m -> m.component().ordinal()).thenComparing(m -> m.now().metric()));
        List<Driver> drivers = new ArrayList<>();
        for (Move m : moves) {
            if (drivers.size() == MAX_DRIVERS || Math.abs(m.delta()) < MIN_DRIVER_DELTA) {
                break;
            }
            String what;
            if (m.component() == Component.MOMENTUM) {
                what = String.format(Locale.ROOT, "%s trend went from %s to %s", label(m.now().metric()),
                        verdict(m.before().trend()), verdict(m.now().trend()));
            } else {
                double a = m.before().value();
                double b = m.now().value();
                String verb = b > a ? "rose" : b < a ? "fell" : "held";
                what = b == a
                        ? String.format(Locale.ROOT, "%s held at %s", label(m.now().metric()),
                                format(m.now().metric(), b))
                        : String.format(Locale.ROOT, "%s %s from %s to %s", label(m.now().metric()), verb,
                                format(m.now().metric(), a), format(m.now().metric(), b));
            }
            drivers.add(new Driver(String.format(Locale.ROOT, "%s: %s %+.2f", what, m.component().key(), m.delta()),
                    m.delta()));
        }
        return drivers;
    }

    private static String verdict(Verdict v) {
        return v == null ? "none" : v.key();
    }

    private static String label(String metric) {
        String derived = DERIVED_LABELS.get(metric);
        return derived != null ? derived : metric(metric).label();
    }

    static String format(String metric, double value) {
        Unit unit = MetricCatalogue.find(metric).map(Metric::unit).orElse(Unit.COUNT);
        switch (unit) {
            case RATIO:
                return trim(100 * value) + "%";
            case SECONDS:
                return trim(value) + " s";
            default:
                return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : trim(value);
        }
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    // ---------------------------------------------------------------------------------------------------- data

    /**
     * The daily values split into window [asOf − w + 1, asOf] and baseline [asOf − 2w + 1, asOf − w]. Each period's
     * values are cut from the shared index once and kept (callers only read them).
     */
    private static final class Data {
        final DailyIndex.All index;
        final LocalDate asOf;
        final LocalDate windowStart;
        final LocalDate baselineStart;
        final LocalDate baselineEnd;
        private final Map<String, double[]> windowValues = new HashMap<>();
        private final Map<String, double[]> baselineValues = new HashMap<>();
        private final Map<String, Verdict> trends = new HashMap<>();
        private Double engagementGrowth;

        Data(DailyIndex.All index, LocalDate asOf, int windowDays) {
            this.index = index;
            this.asOf = asOf;
            this.windowStart = asOf.minusDays(windowDays - 1L);
            this.baselineEnd = windowStart.minusDays(1);
            this.baselineStart = asOf.minusDays(2L * windowDays - 1);
        }

        /** The values in [from, to] by date. */
        NavigableMap<LocalDate, Double> byDate(String key, LocalDate from, LocalDate to) {
            DailyIndex series = index.get(key);
            LocalDate[] dates = series.dates(from, to);
            double[] values = series.values(from, to);
            NavigableMap<LocalDate, Double> out = new TreeMap<>();
            for (int i = 0; i < dates.length; i++) {
                out.put(dates[i], values[i]);
            }
            return out;
        }

        double[] windowValues(String key) {
            return windowValues.computeIfAbsent(key, k -> index.get(k).values(windowStart, asOf));
        }

        double[] baselineValues(String key) {
            return baselineValues.computeIfAbsent(key, k -> index.get(k).values(baselineStart, baselineEnd));
        }

        Double window(String key, Metric m) {
            double[] v = windowValues(key);
            return v.length == 0 ? null : m.aggregation().over(v);
        }

        Double baseline(String key, Metric m) {
            double[] v = baselineValues(key);
            return v.length == 0 ? null : m.aggregation().over(v);
        }

        /** Σ numerator / Σ denominator over the window or the baseline; null without both or with no posts. */
        Double ratio(String numerator, String denominator, boolean inWindow) {
            double[] num = inWindow ? windowValues(numerator) : baselineValues(numerator);
            double[] den = inWindow ? windowValues(denominator) : baselineValues(denominator);
            if (num.length == 0 || den.length == 0) {
                return null;
            }
            double n = 0;
            double p = 0;
            for (double x : num) {
                n += x;
            }
            for (double x : den) {
                p += x;
            }
            return p > 0 ? n / p : null;
        }

        /**
         * Relative growth of Σ Twitter engagement (metrics with data in both periods): +∞ from a zero baseline to
         * anything, 0 from zero to zero; NaN when unknown (no such metric).
         */
        double engagementGrowth() {
            if (engagementGrowth == null) {
                double w = 0;
                double b = 0;
                boolean any = false;
                for (String key : ENGAGEMENT) {
                    double[] wv = windowValues(key);
                    double[] bv = baselineValues(key);
                    if (wv.length > 0 && bv.length > 0) {
                        any = true;
                        for (double x : wv) {
                            w += x;
                        }
                        for (double x : bv) {
                            b += x;
                        }
                    }
                }
                engagementGrowth = any ? Normalization.improvement(w, b, Polarity.HIGHER_IS_BETTER) : Double.NaN;
            }
            return engagementGrowth;
        }

        Verdict trend(String key, Metric m) {
            return trends.computeIfAbsent(key, k -> {
                double[] values = windowValues(k);
                if (values.length == 0) {
                    return null;
                }
                if (values.length <= SeriesTrend.MAX_POINTS) {
                    // What SeriesTrend would test: one value per daily bucket, each the day's own value.
                    return TrendTest.verdict(values);
                }
                List<DailyValue> daily = new ArrayList<>();
                byDate(k, windowStart, asOf).forEach((date, v) -> daily.add(new DailyValue(date, v)));
                return SeriesTrend.of(daily, List.of(), Granularity.DAY, m.aggregation(),
                        SeriesAggregator.aggregate(daily, List.of(), Granularity.DAY, m.aggregation()))
                        .trend().verdict();
            });
        }
    }
}
