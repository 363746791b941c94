package com.zoomfactor.domain.trend;

import java.util.Objects;

/**
 * The answer to "are your metrics trending up or staying flat?" for one series, with what a person needs to judge
 * it.
 *
 * @param slope      Theil–Sen estimate of the change per step (per bucket), robust to a few wild values
 * @param confidence 1 − p of a two-sided Mann–Kendall test: how sure we are that there is a trend at all
 * @param n          how many values the verdict rests on
 */
public record Trend(Verdict verdict, double slope, double confidence, int n) {

    public Trend {
        Objects.requireNonNull(verdict, "verdict");
    }
}
