package com.zoomfactor.backend.sharing;

import com.zoomfactor.backend.http.ApiException;
import com.zoomfactor.domain.metrics.MetricCatalogue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a share link shows its holder, chosen when it is made: the score and its explanation, which metrics (null:
 * all of the client's channels), which annotations ({@code none}, {@code public} — the default — or {@code all},
 * internal ones included), the goals, and the period it opens on. Comments are never shown.
 */
public record ShareContent(boolean score, List<String> metrics, String annotations, boolean goals, int defaultDays) {

    public static final String NO_ANNOTATIONS = "none";
    public static final String PUBLIC_ANNOTATIONS = "public";
    public static final String ALL_ANNOTATIONS = "all";
    static final Set<String> ANNOTATION_CHOICES = Set.of(NO_ANNOTATIONS, PUBLIC_ANNOTATIONS, ALL_ANNOTATIONS);
    static final int MAX_DEFAULT_DAYS = 366;
    static final int MAX_METRICS = 100;

    /** A link that chose nothing: score, every metric, public annotations, goals, the last 90 days. */
    public static final ShareContent DEFAULT = new ShareContent(true, null, PUBLIC_ANNOTATIONS, true, 90);

    public ShareContent {
        metrics = metrics == null ? null : List.copyOf(metrics);
    }

    /** Whether the metric with this key is shown. */
    public boolean showsMetric(String key) {
        return metrics == null || metrics.contains(key);
    }

    /**
     * The content a request's {@code shows} object and {@code defaultDays} choose, over the defaults; 400 naming the
     * field for anything else (an unknown field, an unknown metric key, a period out of 1..366).
     */
    static ShareContent parse(JsonObject shows, Object defaultDays) {
        return parse(shows, defaultDays, DEFAULT);
    }

    /**
     * The content a request chooses over {@code base}: a link's creation starts from {@link #DEFAULT}, a change from
     * what the link shows now. A field left out keeps the base's choice; {@code metrics: null} means every metric.
     */
    static ShareContent parse(JsonObject shows, Object defaultDays, ShareContent base) {
        int days = base.defaultDays();
        if (defaultDays != null) {
            if (!(defaultDays instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || n.doubleValue() < 1 || n.doubleValue() > MAX_DEFAULT_DAYS) {
                throw ApiException.badRequest("defaultDays must be a whole number of days from 1 to " + MAX_DEFAULT_DAYS);
            }
            days = n.intValue();
        }
        if (shows == null) {
            return new ShareContent(base.score(), base.metrics(), base.annotations(), base.goals(), days);
        }
        for (String field : shows.fieldNames()) {
            if (!Set.of("score", "metrics", "annotations", "goals").contains(field)) {
                throw ApiException.badRequest("unknown field 'shows." + field
                        + "'; the fields are [annotations, goals, metrics, score]");
            }
        }
        List<String> metrics = shows.containsKey("metrics") ? metrics(shows.getValue("metrics")) : base.metrics();
        String annotations = shows.getValue("annotations") == null ? base.annotations()
                : annotations(shows.getValue("annotations"));
        return new ShareContent(flag(shows, "score", base.score()), metrics, annotations,
                flag(shows, "goals", base.goals()), days);
    }

    private static boolean flag(JsonObject shows, String field, boolean otherwise) {
        Object value = shows.getValue(field);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof Boolean b)) {
            throw ApiException.badRequest("shows." + field + " must be true or false");
        }
        return b;
    }

    private static List<String> metrics(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array) || array.size() > MAX_METRICS) {
            throw ApiException.badRequest("shows.metrics must be a list of at most " + MAX_METRICS
                    + " metric keys (GET /api/metrics), or null for all");
        }
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (Object item : array) {
            if (!(item instanceof String key) || MetricCatalogue.find(key).isEmpty()) {
                throw ApiException.badRequest("shows.metrics: '" + item + "' is not a metric key (GET /api/metrics)");
            }
            keys.add(key);
        }
        return new ArrayList<>(keys);
    }

    private static String annotations(Object value) {
        String choice = value instanceof String text ? text.trim().toLowerCase(Locale.ROOT) : "";
        if (!ANNOTATION_CHOICES.contains(choice)) {
            throw ApiException.badRequest("shows.annotations must be one of none, public, all");
        }
        return choice;
    }
}
