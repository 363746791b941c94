package com.zoomfactor.domain.score;

import java.util.List;

/**
 * One component: its score (0–100, the weighted mean of its metrics' normalised values), its effective weight
 * (renormalised over measured components) and its contribution = score × weight. Not measured: score null,
 * weight and contribution 0.
 */
public record ComponentScore(Component key, String label, boolean measured, Double score, double weight,
                             double contribution, List<MetricScore> metrics) {

    public ComponentScore {
        metrics = List.copyOf(metrics);
    }
}
