package com.zoomfactor.backend.scores;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A client's current score at a glance, for the portfolio.
 *
 * @param change      the score minus the score at {@code changeSince}: the last score recorded at least
 *                    {@link ScoreSnapshotStore#CHANGE_DAYS} days before the current one, else the first one recorded; null
 *                    when the current score is the only one
 * @param changeSince the day ({@code asOf}) of the score the change is measured against
 * @param changes     the change over each of {@link ScoreSnapshotStore#CHANGE_PERIODS}, measured the same way
 * @param recent      for a sparkline: the last score of each day (UTC) on which one was recorded, over the
 *                    {@link ScoreSnapshotStore#RECENT_DAYS} days up to the current one, oldest first
 * @param recentDays  the day (UTC) of each of {@code recent}
 * @param dataChangedAt when the client's observations or posts last changed; null when not known (none written since
 *                    this was recorded)
 */
public record ScoreSummary(double value, double quality, double coverage, double authenticityFactor, LocalDate asOf,
                           OffsetDateTime computedAt, String methodologyVersion, Double change,
                           LocalDate changeSince, List<PeriodChange> changes, List<Double> recent,
                           List<LocalDate> recentDays, OffsetDateTime dataChangedAt) {

    /**
     * The change of the score over one period.
     *
     * @param days   the period
     * @param change the score minus the last one recorded at least {@code days} days before it, else the first one;
     *               null when the current score is the only one
     * @param since  the day ({@code asOf}) of the score compared with
     */
    public record PeriodChange(int days, Double change, LocalDate since) {
    }
}
