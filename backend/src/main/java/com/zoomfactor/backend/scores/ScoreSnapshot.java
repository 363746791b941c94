package com.zoomfactor.backend.scores;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One point of a client's score history.
 *
 * @param previousScore the score just before, when the cause is a change of weights or methodology (old and new side
 *                      by side); null for a change of data
 * @param backfilled    recorded afterwards for a past day, when data for that day arrived later (see
 *                      {@link ScoreBackfill}); its {@code computedAt} is the end of its day
 */
public record ScoreSnapshot(OffsetDateTime computedAt, LocalDate asOf, double score, double quality, double coverage,
                           double authenticityFactor, ScoreCause cause, Double previousScore,
                           String methodologyVersion, Map<String, Double> weights, boolean backfilled) {
}
