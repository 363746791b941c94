package com.zoomfactor.domain.annotations;

import com.zoomfactor.domain.trend.Verdict;

/**
 * How one metric moved around an annotation: its value over the {@code days} days after it (the annotated day
 * included) against the {@code days} days before, and the trend test over both periods together.
 *
 * @param relativeChange change ÷ |before|; null when before is 0
 * @param improved       whether the change goes the metric's good way (and the trend test says it moved)
 * @param verdict        Mann–Kendall over the 2 × days values, oldest first: did the series move at all?
 * @param confidence     1 − p of that test
 */
public record MetricImpact(String metric, double before, double after, double change, Double relativeChange,
                           Verdict verdict, double confidence, boolean improved, int valuesBefore, int valuesAfter) {
}
