package com.zoomfactor.domain.score;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The authenticity signals of docs/methodology.md, each with its threshold and its capped discount. */
public final class AuthenticitySignals {

    public static final double CONCENTRATION_MIN_TOTAL = 30;
    public static final double CONCENTRATION_SLOPE = 0.1;
    public static final double CONCENTRATION_CAP = 0.30;

    public static final double FOLLOW_BACK_SHARE_THRESHOLD = 0.10;
    public static final int FOLLOW_BACK_MIN_POSTS = 5;
    public static final double FOLLOW_BACK_CAP = 0.40;

    public static final double FOLLOWERS_EXCESS_THRESHOLD = 0.10;
    public static final double FOLLOWERS_CAP = 0.30;

    public static final double UNCORROBORATED_THRESHOLD = 0.15;
    public static final double UNCORROBORATED_SLOPE = 0.25;
    public static final double UNCORROBORATED_CAP = 0.25;

    public static final double SPIKE_K = 5;
    public static final double SPIKE_DISCOUNT_PER_DAY = 0.04;
    public static final double SPIKE_CAP = 0.20;
    public static final double CORROBORATION_K = 2;
    /** The MAD of normal noise times this is its standard deviation. */
    static final double MAD_TO_SD = 1.4826;
    static final int NEIGHBOURHOOD_DAYS = 7;
    static final int MIN_NEIGHBOURS = 3;

    /** Follow-back hashtags; a whole tag only, so #FollowFriday (a recommendation) is not one. */
    private static final Pattern FOLLOW_BACK_TAG =
            Pattern.compile("(?i)#(f4f|followback|teamfollowback|follow4follow)(?![\\p{L}\\p{N}_])");
    private static final Pattern MENTION = Pattern.compile("@[\\p{L}\\p{N}_]+");
    private static final Pattern HASHTAG = Pattern.compile("#[\\p{L}\\p{N}_]+");
    /**
     * A link: http(s):// or www. up to the next whitespace of any kind (Unicode White_Space, so a no-break space
     * ends it as a reader would expect; {@code \S} alone would only stop at ASCII whitespace).
     */
    private static final Pattern LINK = Pattern.compile("(?i)(https?://|www\\.)\\P{IsWhite_Space}*");
    /** A letter or a digit: what makes a post more than mentions. */
    private static final Pattern CONTENT = Pattern.compile("[\\p{L}\\p{N}]");

    private AuthenticitySignals() {
    }

    /**
     * An account-like breakdown checked for concentration: the metric, what its dimension values are, and how many
     * times one honest account usually acts in a window there (a fan retweets often; a curator lists an account once
     * or twice).
     */
    public record ConcentrationRule(String metric, String label, double usualRepeats) {
    }

    /** Every account-like breakdown, in the order the signal lists them. */
    public static final List<ConcentrationRule> CONCENTRATION_RULES = List.of(
            new ConcentrationRule("twitter.retweets", "retweets by account", 10),
            new ConcentrationRule("twitter.list_additions", "list additions by curator", 2),
            new ConcentrationRule("twitter.replies", "replies by person", 10),
            new ConcentrationRule("twitter.mentions", "mentions by person", 10),
            new ConcentrationRule("facebook.post_comments", "comments by person", 10));

    /**
     * Engagement concentrated in few accounts, over every breakdown of {@link #CONCENTRATION_RULES}. For one
     * breakdown with HHI = Σ share² over its accounts and N = 1/HHI the effective number of accounts, the intensity
     * total/N = total × HHI is how many times each effective account acted in the window. Above the breakdown's usual
     * repeats u (with a total of at least 30) it adds 0.1 × (intensity/u − 1); the signal's discount is the sum, at
     * most 0.30. List additions are counted by curator: a list named {@code curator/list} belongs to its curator.
     *
     * @param breakdowns metric → dimension value → window total (other metrics are ignored)
     */
    public static Optional<Signal> concentration(Map<String, Map<String, Double>> breakdowns) {
        double discount = 0;
        List<String> parts = new ArrayList<>();
        for (ConcentrationRule rule : CONCENTRATION_RULES) {
            Map<String, Double> byAccount = breakdowns.get(rule.metric());
            if (byAccount == null || byAccount.isEmpty()) {
                continue;
            }
            if (rule.metric().equals("twitter.list_additions")) {
                byAccount = byCurator(byAccount);
            }
            double total = byAccount.values().stream().mapToDouble(v -> Math.max(0, v)).sum();
            double hhi = Normalization.herfindahl(byAccount);
            if (total < CONCENTRATION_MIN_TOTAL || Double.isNaN(hhi)) {
                continue;
            }
            double intensity = total * hhi;
            if (!(intensity > rule.usualRepeats())) {
                continue;
            }
            double part = CONCENTRATION_SLOPE * (intensity / rule.usualRepeats() - 1);
            discount += part;
            parts.add(String.format(Locale.ROOT, "%s: %.0f from as if %.1f accounts, %.1f times each (usual at most"
                    + " %.0f) −%.1f%%", rule.label(), total, 1 / hhi, intensity, rule.usualRepeats(), 100 * part));
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        discount = Math.min(CONCENTRATION_CAP, discount);
        return Optional.of(new Signal("concentration", "Engagement comes from few accounts: "
                + String.join("; ", parts) + String.format(Locale.ROOT, ": −%.1f%%", 100 * discount), discount));
    }

    /** List additions by list → by curator, the part of a list's name before its first '/'. */
    static Map<String, Double> byCurator(Map<String, Double> byList) {
        Map<String, Double> byCurator = new TreeMap<>();
        byList.forEach((list, n) -> {
            int slash = list.indexOf('/');
            byCurator.merge(slash < 0 ? list : list.substring(0, slash), n, Double::sum);
        });
        return byCurator;
    }

    /**
     * Whether a post carries a follow-back tag, or is mention-only: it has an @mention, and once its links, @mentions
     * and #hashtags are taken out no letter or digit is left (punctuation, emoji and spaces are not content). A post
     * of hashtags alone, without a mention, is not mention-only.
     */
    public static boolean isFollowBackOrMentionOnly(String text) {
        if (text == null) {
            return false;
        }
        if (FOLLOW_BACK_TAG.matcher(text).find()) {
            return true;
        }
        String withoutLinks = LINK.matcher(text).replaceAll(" ");
        if (!MENTION.matcher(withoutLinks).find()) {
            return false;
        }
        String rest = HASHTAG.matcher(MENTION.matcher(withoutLinks).replaceAll(" ")).replaceAll(" ");
        return !CONTENT.matcher(rest).find();
    }

    /** Mention-only or follow-back posting: a share of at least 10 % of at least 5 posts; discount = share, ≤ 0.40. */
    public static Optional<Signal> followBackPosts(List<PostFacts> postsInWindow) {
        int total = postsInWindow.size();
        if (total < FOLLOW_BACK_MIN_POSTS) {
            return Optional.empty();
        }
        long flagged = postsInWindow.stream().filter(p -> isFollowBackOrMentionOnly(p.text())).count();
        double share = (double) flagged / total;
        if (share < FOLLOW_BACK_SHARE_THRESHOLD) {
            return Optional.empty();
        }
        double discount = Math.min(FOLLOW_BACK_CAP, share);
        return Optional.of(new Signal("follow_back_posts", String.format(Locale.ROOT,
                "%d of %d posts are only @mentions or carry follow-back tags (#F4F, #followback…): −%.1f%%",
                flagged, total, 100 * discount), discount));
    }

    /**
     * Followers growing faster than their usual pace while engagement does not: excess = follower growth − the
     * usual pace (their growth over the baseline itself, at least 0) − max(engagement growth, 0); above 0.10 the
     * discount is 0.5 × (excess − 0.10), at most 0.30. A steady grower keeps its pace and is never flagged.
     */
    public static Optional<Signal> followersWithoutEngagement(double followerGrowth, double usualPace,
                                                              double engagementGrowth) {
        if (!Double.isFinite(followerGrowth) || Double.isNaN(engagementGrowth)) {
            return Optional.empty();
        }
        double excess = followerGrowth - Math.max(0, usualPace) - Math.max(0, engagementGrowth);
        if (!(excess > FOLLOWERS_EXCESS_THRESHOLD)) {
            return Optional.empty();
        }
        double discount = Math.min(FOLLOWERS_CAP, 0.5 * (excess - FOLLOWERS_EXCESS_THRESHOLD));
        return Optional.of(new Signal("followers_without_engagement", String.format(Locale.ROOT,
                "Followers grew %+.0f%% (their usual pace %+.0f%%) while engagement changed %+.0f%%: −%.1f%%",
                100 * followerGrowth, 100 * Math.max(0, usualPace), 100 * engagementGrowth, 100 * discount),
                discount));
    }

    /**
     * One-click engagement growing with nothing that should grow with it. For each one-click metric (retweets,
     * mentions, likes) measured in both periods, g = its growth from baseline to window; c = the largest growth of
     * the corroborating metrics measured in both periods (replies, comments, visits, new follows, list additions),
     * at least 0. Genuine interest moves at least one of them by half as much, so the uncorroborated growth is
     * excess = max over the one-click metrics of g − 2c; above 0.15 the discount is 0.25 × (excess − 0.15), at most
     * 0.25. Without a corroborating metric measured in both periods there is nothing to judge by.
     *
     * @param growth metric → relative growth from baseline to window, for the metrics measured in both periods
     */
    public static Optional<Signal> uncorroboratedEngagement(Map<String, Double> growth, List<String> oneClick,
                                                            List<String> corroborating) {
        List<String> witnesses = corroborating.stream().filter(growth::containsKey).toList();
        if (witnesses.isEmpty()) {
            return Optional.empty();
        }
        double c = 0;
        for (String key : witnesses) {
            c = Math.max(c, growth.get(key));
        }
        String worst = null;
        double excess = Double.NEGATIVE_INFINITY;
        for (String key : oneClick) {
            Double g = growth.get(key);
            if (g != null && g - 2 * c > excess) {
                excess = g - 2 * c;
                worst = key;
            }
        }
        if (worst == null || !(excess > UNCORROBORATED_THRESHOLD)) {
            return Optional.empty();
        }
        double discount = Math.min(UNCORROBORATED_CAP, UNCORROBORATED_SLOPE * (excess - UNCORROBORATED_THRESHOLD));
        return Optional.of(new Signal("uncorroborated_engagement", String.format(Locale.ROOT,
                "%s grew %s while the most any of %s grew was %s (it should be at least half as much): −%.1f%%",
                worst, percent(growth.get(worst)), String.join(", ", witnesses), percent(c), 100 * discount),
                discount));
    }

    private static String percent(double growth) {
        return Double.isInfinite(growth) ? (growth > 0 ? "from nothing" : "to nothing")
                : String.format(Locale.ROOT, "%+.0f%%", 100 * growth);
    }

    /**
     * Short excursions in engagement that nothing else explains. A series' spread s = 1.4826 × MAD over baseline
     * and window together (the MAD scaled to a standard deviation). A window day is an excursion of a series when its
     * value is above both its neighbourhoods' thresholds m + 5 × max(s, √m, 0.1 × m, 1), m the median of the (up to)
     * 7 days before it, then of the (up to) 7 days after it, each side with at least 3 values. So a day is judged only
     * once three later days are known, and a lasting step is never an excursion (the days after it sit at its level).
     * The excursion is explained, and not counted, when a corroborating series (visits, new follows) is above both
     * its neighbourhoods' thresholds with 2 instead of 5 on the same day: a launch or a press day moves the audience,
     * bought engagement does not. A day counts once however many series spike on it; series with fewer than 7 values
     * or a median of 0 are too sparse to judge. Discount 0.04 per day, at most 0.20.
     *
     * @param series        spike metric key → its values by date over baseline and window (up to asOf)
     * @param corroborating corroborating metric key → its values by date over baseline and window
     */
    public static Optional<Signal> spikes(Map<String, NavigableMap<LocalDate, Double>> series,
                                          Map<String, NavigableMap<LocalDate, Double>> corroborating,
                                          LocalDate windowStart) {
        List<DailySeries> witnesses = corroborating.values().stream().filter(v -> v.size() >= 7)
                .map(DailySeries::new).toList();
        Set<Long> days = new TreeSet<>();
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, NavigableMap<LocalDate, Double>> e : series.entrySet()) {
            if (e.getValue().size() < 7) {
                continue;
            }
            DailySeries values = new DailySeries(e.getValue());
            if (values.median <= 0) {
                continue;
            }
            int here = 0;
            for (int i = values.firstAtOrAfter(windowStart.toEpochDay()); i < values.days.length; i++) {
                if (values.excursion(i, SPIKE_K) && !corroborated(witnesses, values.days[i])) {
                    days.add(values.days[i]);
                    here++;
                }
            }
            if (here > 0) {
                parts.add(String.format(Locale.ROOT, "%s on %d day%s", e.getKey(), here, here == 1 ? "" : "s"));
            }
        }
        if (days.isEmpty()) {
            return Optional.empty();
        }
        double discount = Math.min(SPIKE_CAP, SPIKE_DISCOUNT_PER_DAY * days.size());
        return Optional.of(new Signal("spikes", String.format(Locale.ROOT,
                "Short spikes with no rise in visits or follows on %d day%s (%s): −%.1f%%", days.size(),
                days.size() == 1 ? "" : "s", String.join(", ", parts), 100 * discount), discount));
    }

    private static boolean corroborated(List<DailySeries> witnesses, long day) {
        for (DailySeries w : witnesses) {
            int i = w.firstAtOrAfter(day);
            if (i < w.days.length && w.days[i] == day && w.excursion(i, CORROBORATION_K)) {
                return true;
            }
        }
        return false;
    }

    /** One series as arrays (epoch days in order, values), with its median and spread over all its days. */
    private static final class DailySeries {
        final long[] days;
        final double[] values;
        final double median;
        final double spread;

        DailySeries(NavigableMap<LocalDate, Double> byDate) {
            days = byDate.keySet().stream().mapToLong(LocalDate::toEpochDay).toArray();
            values = byDate.values().stream().mapToDouble(Double::doubleValue).toArray();
            median = median(values);
            spread = spread(values);
        }

        int firstAtOrAfter(long day) {
            int i = Arrays.binarySearch(days, day);
            return i >= 0 ? i : -i - 1;
        }

        /**
         * Whether value i is above both neighbourhoods' threshold: the days within 7 before it and within 7 after
         * it, each with at least 3 values, for each the threshold m + k × max(spread, √m, 0.1 × m, 1).
         */
        boolean excursion(int i, double k) {
            int from = i;
            while (from > 0 && days[from - 1] >= days[i] - NEIGHBOURHOOD_DAYS) {
                from--;
            }
            int to = i;
            while (to < days.length - 1 && days[to + 1] <= days[i] + NEIGHBOURHOOD_DAYS) {
                to++;
            }
            if (i - from < MIN_NEIGHBOURS || to - i < MIN_NEIGHBOURS) {
                return false;
            }
            double v = values[i];
            return v > threshold(median(Arrays.copyOfRange(values, from, i)), k, spread)
                    && v > threshold(median(Arrays.copyOfRange(values, i + 1, to + 1)), k, spread);
        }
    }

    /**
     * m + k × max(spread, √m, 0.1 × m, 1): a count is never quieter than its Poisson noise √m at the level around
     * it, 10 % of that level, or 1.
     */
    static double threshold(double m, double k, double spread) {
        return m + k * Math.max(Math.max(spread, Math.sqrt(Math.max(0, m))), Math.max(0.1 * m, 1));
    }

    /** 1.4826 × MAD over the whole series: the robust standard deviation of its day-to-day noise. */
    static double spread(double[] values) {
        double median = median(values);
        return MAD_TO_SD * median(Arrays.stream(values).map(x -> Math.abs(x - median)).toArray());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
