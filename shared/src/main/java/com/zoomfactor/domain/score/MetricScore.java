package com.zoomfactor.domain.score;

import com.zoomfactor.domain.trend.Verdict;

/**
 * One metric line of a component.
 *
 * @param baseline     the value over the baseline period, or null when there is none
 * @param normalized   0–100
 * @param weight       the metric's share within its component (the shares of a component's lines add up to 1)
 * @param contribution its part of the score's quality: normalized × weight × the component's effective weight
 * @param trend        the trend verdict over the window, or null when the metric has no daily series
 */
public record MetricScore(String metric, double value, Double baseline, double normalized, double weight,
                          double contribution, Verdict trend) {
}
