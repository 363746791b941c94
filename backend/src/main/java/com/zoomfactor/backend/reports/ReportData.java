package com.zoomfactor.backend.reports;

import com.zoomfactor.backend.annotations.Annotation;
import com.zoomfactor.backend.goals.Goal;
import com.zoomfactor.backend.scores.ScoreSnapshot;
import com.zoomfactor.domain.score.ZoomFactor;
import com.zoomfactor.domain.series.DailyValue;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows, read in one transaction before rendering starts (rendering then touches no database).
 *
 * @param score          the score as of the period's last day (or today, when the period ends later)
 * @param history        the recorded scores computed in the period, oldest first
 * @param historyTruncated whether the period held more recorded scores than the report takes
 * @param series         metric key → its daily values in the period, by day
 */
record ReportData(String clientName, LocalDate from, LocalDate to, OffsetDateTime generatedAt, ZoomFactor score,
                  List<ScoreSnapshot> history, boolean historyTruncated, Map<String, List<DailyValue>> series,
                  List<Annotation> annotations, List<Goal> goals) {
}
